// The office side reads the wire contract as types only: nothing from shared/api
// (whose request schemas are zod) and no npm package ends up in the Apps Script
// bundle or the sidebar page, however the imports are written.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The source files esbuild bundles for an entry point (as scripts/build.mjs bundles it). */
async function bundledInputs(entry: string, platform: 'neutral' | 'browser'): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform,
    target: 'es2020',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).sort();
}

describe('the office bundles', () => {
  it.each([
    ['the Apps Script project', 'apps-script/src/main.ts', 'neutral'],
    ['the admin sidebar page', 'apps-script/sidebar/admin-sidebar.ts', 'browser'],
  ] as const)('%s holds no zod and nothing of shared/api', async (_name, entry, platform) => {
    const inputs = await bundledInputs(entry, platform);
    expect(inputs.length).toBeGreaterThan(5);
    expect(inputs.filter((f) => f.includes('node_modules/'))).toEqual([]);
    expect(inputs.filter((f) => f.startsWith('shared/api/'))).toEqual([]);
    // The sidebar's contract with its server is types only too.
    expect(inputs).not.toContain('apps-script/src/sidebar/contract.ts');
  });
});
