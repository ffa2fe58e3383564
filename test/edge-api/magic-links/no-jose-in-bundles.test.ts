import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// jose's WebCrypto start cost crew pages several milliseconds of their cold start:
// nothing built to run (Lambda, local stack, CLI, benches) may carry or import it;
// only tests use it, as the independent check on link tokens.
const DIST = 'dist';

const files = (dir: string, end: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(end))
    .map((f) => join(dir, f));

describe('built bundles', () => {
  it('hold none of jose’s code, by their source maps', () => {
    expect(existsSync(join(DIST, 'edge-api/lambda.mjs')), 'run npm run build first').toBe(true);
    const maps = files(DIST, '.mjs.map');
    const sources = maps.flatMap((m) => JSON.parse(readFileSync(m, 'utf8')).sources as string[]);
    // The maps do list what went in: the link-token code is there, from its own files.
    expect(sources.some((s) => s.endsWith('magic-links/compact-jws.ts'))).toBe(true);
    expect(sources.filter((s) => /(^|\/)node_modules\/jose\//.test(s))).toEqual([]);
  });

  it('import no jose at run time (the CLI and local stack keep packages external)', () => {
    const importsJose = /(from\s*|import\s*\(\s*|require\s*\(\s*)["']jose(\/[^"']*)?["']/;
    expect(files(DIST, '.mjs').filter((f) => importsJose.test(readFileSync(f, 'utf8')))).toEqual(
      [],
    );
  });

  it('leave jose to the development dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.dependencies.jose).toBeUndefined();
    expect(pkg.devDependencies.jose).toMatch(/^\^6\./);
  });
});
