import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFRA_DIR, ROOT, stubLambdaAsset } from './support.js';

const run = promisify(execFile);
const CDK = join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

/**
 * What `npm run synth` runs after the build: infra/app.ts bundled by esbuild
 * and `cdk synth` with the pinned CLI from infra/ (its cdk.json), with no AWS
 * credentials and every network call pointed at a closed local port. The CLI
 * reads back the cloud assembly the library wrote, so a CLI too old for the
 * library fails here. The bundle goes under node_modules/.cache (so it
 * resolves aws-cdk-lib) rather than dist/, which `npm run build` wipes.
 */
let work: string;
let bundle: string;

const offlineEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(AWS_|CDK_|CREWCALL_)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    CREWCALL_LAMBDA_ASSET: stubLambdaAsset(),
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Anything that tries the network anyway fails at once instead of reaching out.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crewcall-synth-'));
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const cacheDir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'crewcall-infra-'));
  bundle = join(cacheDir, 'app.mjs');
  await build({
    entryPoints: [join(INFRA_DIR, 'app.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning',
  });
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (bundle) rmSync(join(bundle, '..'), { recursive: true, force: true });
});

describe('npm run synth', () => {
  it('synthesizes both stacks offline with the pinned CLI, which reads the assembly back', async () => {
    const outdir = join(work, 'cdk.out');
    const started = performance.now();
    const synth = await run(
      process.execPath,
      [CDK, 'synth', '--quiet', '--lookups=false', '--app', `node ${bundle}`, '--output', outdir],
      { cwd: INFRA_DIR, env: offlineEnv(), timeout: 150_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    // The CDK CLI prints to stderr, or to stdout when CI=true.
    expect(`${synth.stdout}${synth.stderr}`).toMatch(/Successfully synthesized/);
    console.info(`cdk synth took ${seconds.toFixed(1)} s`);

    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      version: string;
      artifacts: Record<string, { type: string; environment?: string }>;
      missing?: unknown;
    };
    expect(manifest.missing).toBeUndefined();
    const stacks = Object.entries(manifest.artifacts).filter(
      ([, a]) => a.type === 'aws:cloudformation:stack',
    );
    expect(Object.fromEntries(stacks.map(([id, a]) => [id, a.environment]))).toEqual({
      Primary: 'aws://123456789012/us-west-2',
      Standby: 'aws://123456789012/us-east-1',
    });

    // The same CLI lists the stacks from the assembly directory alone.
    const list = await run(process.execPath, [CDK, 'ls', '--app', outdir], {
      cwd: INFRA_DIR,
      env: offlineEnv(),
      timeout: 60_000,
    });
    expect(list.stdout.trim().split('\n').sort()).toEqual([
      'Primary (crewcall-primary)',
      'Standby (crewcall-standby)',
    ]);

    const cliVersion = (await run(process.execPath, [CDK, '--version'], { env: offlineEnv() }))
      .stdout;
    expect(cliVersion).toMatch(/^2\.1148\./);
  }, 240_000);

  it('stops with a clear message when the Lambda has not been built', async () => {
    const env = { ...offlineEnv(), CREWCALL_LAMBDA_ASSET: join(work, 'not-built') };
    await expect(run(process.execPath, [bundle], { cwd: INFRA_DIR, env })).rejects.toMatchObject({
      stderr: expect.stringContaining('run `npm run build` first'),
    });
  }, 60_000);
});
