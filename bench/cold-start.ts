import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Cold-start measurements: each sample is a brand-new `node` process, because
 * a Lambda cold start is exactly that (module load + first invocation). The
 * child times itself with performance.now(); the parent times spawn -> answer.
 */

export interface Variant {
  name: string;
  /** The bundle the child imports; undefined for the bare-Node baseline. */
  bundle: string | undefined;
}

export interface Sample {
  totalMs: number;
  importMs: number;
  invokeMs: number;
}

export interface ColdStartRun {
  /** Extra environment of the child (the Lambda function's configuration). */
  env: Record<string, string>;
  event: unknown;
}

/** The same `require` shim scripts/build.mjs gives the Lambda bundle (CommonJS SDK parts call require()). */
const requireShim =
  "import { createRequire as __crewcallCreateRequire } from 'node:module'; const require = __crewcallCreateRequire(import.meta.url);";

/**
 * The Lambda bundle with the AWS SDK left out, as if relying on the SDK the
 * Node.js Lambda runtime ships. Written inside the repo so the child resolves
 * `@aws-sdk/*` from this checkout's node_modules, standing in for the runtime's.
 */
export async function buildSdkExternalBundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    banner: { js: requireShim },
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'warning',
  });
}

/** The child's program. Baseline: no import, a constant answer; otherwise import the bundle and invoke once. */
function childScript(variant: Variant, event: unknown): string {
  const context = {
    functionName: 'crewcall-bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:crewcall-bench',
    memoryLimitInMB: '512',
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    callbackWaitsForEmptyEventLoop: true,
  };
  const invoke = variant.bundle
    ? `const mod = await import(${JSON.stringify(pathToFileURL(variant.bundle).href)});
const t1 = performance.now();
const result = await mod.handler(${JSON.stringify(event)}, ${JSON.stringify(context)});`
    : `const t1 = performance.now();
const result = { statusCode: 200, body: '{"crew":[]}' };`;
  // Exit right after answering: the DynamoDB client's keep-alive sockets would
  // otherwise hold the process, and shutdown is not part of a cold start.
  return `const t0 = performance.now();
${invoke}
const t2 = performance.now();
const answer = { status: result.statusCode, importMs: t1 - t0, invokeMs: t2 - t1 };
process.stdout.write(JSON.stringify(answer) + '\\n', () => process.exit(0));`;
}

/** One fresh `node`: spawn, wait for its answer line, check it was answered (not a 5xx). */
function runChild(variant: Variant, run: ColdStartRun): Promise<Sample> {
  return new Promise((resolveSample, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--input-type=module', '--eval', childScript(variant, run.event)],
      { env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let answered: Sample | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (answered) return;
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      // Stop the clock on the answer, not on exit.
      const totalMs = performance.now() - started;
      try {
        const answer = JSON.parse(stdout.slice(0, newline)) as {
          status: number;
          importMs: number;
          invokeMs: number;
        };
        if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${stdout}`);
        answered = { totalMs, importMs: answer.importMs, invokeMs: answer.invokeMs };
      } catch (error) {
        reject(new Error(`${variant.name}: ${(error as Error).message}\n${stderr}`));
      }
    });
    child.once('error', reject);
    // Wait for exit too, so samples never overlap.
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (answered && code === 0) resolveSample(answered);
      else
        reject(new Error(`${variant.name}: child exited ${code ?? signal}:\n${stdout}${stderr}`));
    });
  });
}

/**
 * Runs every variant `runs` times, interleaved (A B C A B C ...) so drift in
 * machine load hits all variants alike, after one discarded warm-up round
 * (disk cache, DynamoDB Local's JIT) that a real cold start would not see.
 */
export async function measure(
  variants: readonly Variant[],
  runs: number,
  run: ColdStartRun,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Map<string, Sample[]>> {
  const samples = new Map(variants.map((v) => [v.name, [] as Sample[]]));
  for (const variant of variants) await runChild(variant, run);
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) samples.get(variant.name)?.push(await runChild(variant, run));
    onProgress(i + 1, runs);
  }
  return samples;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
}

export function bundleSize(path: string): BundleSize {
  return { bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path)).length };
}

export interface Row {
  variant: Variant;
  size: BundleSize | undefined;
  samples: Sample[];
}

const ms = (n: number) => n.toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** The markdown table; "added" is this variant's median total minus the baseline's. */
export function markdownTable(rows: readonly Row[], baselineMedianMs: number): string {
  const lines = [
    '| variant | bundle bytes | KiB | gzip KiB | median total ms | p90 total ms | median import ms | median first-invoke ms | added over bare node (median ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { variant, size, samples } of rows) {
    const total = samples.map((s) => s.totalMs);
    const imported = variant.bundle ? ms(median(samples.map((s) => s.importMs))) : '—';
    lines.push(
      `| ${[
        variant.name,
        size ? String(size.bytes) : '—',
        size ? kib(size.bytes) : '—',
        size ? kib(size.gzipBytes) : '—',
        ms(median(total)),
        ms(percentile(total, 90)),
        imported,
        ms(median(samples.map((s) => s.invokeMs))),
        variant.bundle ? ms(median(total) - baselineMedianMs) : '0.0',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
