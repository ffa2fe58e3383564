import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Cold-start measurements: each sample is a brand-new `node` process, because
 * a Lambda cold start is exactly that (module load + first invocation). The
 * child times itself with performance.now(); the parent times spawn -> answer.
 */

export interface Variant {
  name: string;
  /** What the first request is, for the table. */
  request: string;
  /** The bundle the child imports; undefined for the bare-Node baseline. */
  bundle: string | undefined;
  /** The event handed to the bundle's handler. */
  event?: unknown;
  /** The status the answer must have, so a fast error page never passes for a page. */
  expectStatus?: number;
  /** Most this variant may add over the floor's median (the goal), when it has one. */
  goalOverFloorMs?: number;
}

export interface Sample {
  totalMs: number;
  importMs: number;
  invokeMs: number;
  /** The child's CPU time (user + system, all threads) until it answered: steadier than wall time on a busy machine. */
  cpuMs: number;
}

const LAMBDA_CONTEXT = {
  functionName: 'crewcall-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:crewcall-bench',
  memoryLimitInMB: '512',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  callbackWaitsForEmptyEventLoop: true,
};

/** The child's program. Baseline: no import, a constant answer; otherwise import the bundle and invoke once. */
function childScript(variant: Variant): string {
  const invoke = variant.bundle
    ? `const mod = await import(${JSON.stringify(pathToFileURL(variant.bundle).href)});
const t1 = performance.now();
const result = await mod.handler(${JSON.stringify(variant.event ?? {})}, ${JSON.stringify(LAMBDA_CONTEXT)});`
    : `const t1 = performance.now();
const result = { statusCode: 200, body: '{"crew":[]}' };`;
  // Exit right after answering: the DynamoDB client's keep-alive sockets would
  // otherwise hold the process, and shutdown is not part of a cold start.
  return `const t0 = performance.now();
${invoke}
const t2 = performance.now();
const cpu = process.cpuUsage();
const answer = { status: result.statusCode, importMs: t1 - t0, invokeMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000 };
process.stdout.write(JSON.stringify(answer) + '\\n', () => process.exit(0));`;
}

/** Where each variant's children write CPU profiles (`--profile DIR`), one folder per row. */
export type ProfileDirs = Map<Variant, string>;

/** One fresh `node`: spawn, wait for its answer line, check it answered as expected. */
function runChild(
  variant: Variant,
  env: Record<string, string>,
  profileDir?: string,
): Promise<Sample> {
  return new Promise((resolveSample, reject) => {
    // Sampling every 100 µs: a cold start is a few hundred ms, the default 1 ms is too coarse.
    const profile = profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=100']
      : [];
    const started = performance.now();
    const args = [...profile, '--input-type=module', '--eval', childScript(variant)];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
          cpuMs: number;
        };
        const wrong =
          variant.expectStatus === undefined
            ? answer.status >= 500
            : answer.status !== variant.expectStatus;
        if (wrong) throw new Error(`answered ${answer.status}: ${stdout}`);
        answered = {
          totalMs,
          importMs: answer.importMs,
          invokeMs: answer.invokeMs,
          cpuMs: answer.cpuMs,
        };
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
 * Runs every variant `runs` times, interleaved so drift in machine load hits all
 * variants alike, after one discarded warm-up round (disk cache, DynamoDB Local's
 * JIT) that a real cold start would not see. Each round starts one variant later
 * (A B C, B C A, C A B ...), so that no row always follows the same one (what ran
 * just before, a heavy timer run say, can still be settling in DynamoDB Local).
 */
export async function measure(
  variants: readonly Variant[],
  runs: number,
  env: Record<string, string>,
  onProgress: (done: number, total: number) => void = () => undefined,
  profileDirs?: ProfileDirs,
): Promise<Map<Variant, Sample[]>> {
  const samples = new Map(variants.map((v) => [v, [] as Sample[]]));
  for (const variant of variants) await runChild(variant, env);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(i + k) % variants.length] as Variant;
      const sample = await runChild(variant, env, profileDirs?.get(variant));
      samples.get(variant)?.push(sample);
    }
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

export interface Row {
  variant: Variant;
  samples: Sample[];
}

const ms = (n: number) => n.toFixed(1);
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

/**
 * How far one row sits from another, from the same rounds: the median of the per-round
 * differences, with a distribution-free 95% confidence interval for it (order statistics
 * of the sorted differences, from the binomial distribution). Pairing by round cancels
 * what drifts between rounds (machine load, DynamoDB Local's state), which a difference
 * of two medians keeps.
 */
export interface PairedDistance {
  median: number;
  low: number;
  high: number;
}

export function pairedDistance(
  rowSamples: readonly number[],
  baseSamples: readonly number[],
): PairedDistance {
  const n = Math.min(rowSamples.length, baseSamples.length);
  const diffs = Array.from(
    { length: n },
    (_, i) => (rowSamples[i] as number) - (baseSamples[i] as number),
  ).sort((a, b) => a - b);
  if (n === 0) return { median: Number.NaN, low: Number.NaN, high: Number.NaN };
  // The largest k with P(Binomial(n, 1/2) < k) <= 2.5%: [d_k, d_(n+1-k)] covers the median
  // with at least 95%. Below 6 rounds no such k exists; the interval is then the whole range.
  let below = 0;
  let k = 0;
  for (let j = 0; j <= n; j++) {
    if (below > 0.025) break;
    k = j;
    below += binomialHalf(n, j);
  }
  const low = diffs[Math.max(0, k - 1)] as number;
  const high = diffs[Math.min(n - 1, n - Math.max(1, k))] as number;
  return { median: median(diffs), low, high };
}

/** P(X = j) for X ~ Binomial(n, 1/2), without overflowing for the round counts used here. */
function binomialHalf(n: number, j: number): number {
  let logP = -n * Math.LN2;
  for (let i = 1; i <= j; i++) logP += Math.log(n - j + i) - Math.log(i);
  return Math.exp(logP);
}

const interval = (d: PairedDistance) => `${signed(d.low)} … ${signed(d.high)}`;

/**
 * The table. Rows by position: the baseline first, the floor second. "over floor" is the
 * paired distance from the floor (median of per-round differences) and the goal is judged
 * on it; its 95% interval says how far one run can be trusted.
 */
export function markdownTable(rows: readonly Row[]): { table: string; missed: string[] } {
  const totalOf = (row: Row | undefined) => median(row?.samples.map((s) => s.totalMs) ?? []);
  const cpuOf = (row: Row | undefined) => median(row?.samples.map((s) => s.cpuMs) ?? []);
  const bare = totalOf(rows[0]);
  const floorTotals = rows[1]?.samples.map((s) => s.totalMs) ?? [];
  const floorCpus = rows[1]?.samples.map((s) => s.cpuMs) ?? [];
  const missed: string[] = [];
  const lines = [
    '| variant | first request | median total ms | p90 total ms | median import ms | median first-invoke ms | median CPU ms | CPU over floor | over bare node | over floor | 95% interval | goal (over floor) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  rows.forEach((row, i) => {
    const { variant, samples } = row;
    const total = samples.map((s) => s.totalMs);
    const overFloor = pairedDistance(total, floorTotals);
    const cpuOverFloor = pairedDistance(
      samples.map((s) => s.cpuMs),
      floorCpus,
    );
    let goal = '—';
    if (variant.goalOverFloorMs !== undefined) {
      const met = overFloor.median <= variant.goalOverFloorMs;
      const sure = met
        ? overFloor.high <= variant.goalOverFloorMs
        : overFloor.low > variant.goalOverFloorMs;
      goal = `≤ +${variant.goalOverFloorMs}: ${met ? 'met' : 'MISSED'}${sure ? '' : ' (within noise)'}`;
      if (!met) missed.push(`${variant.request} (${signed(overFloor.median)} ms)`);
    }
    const floorRow = i === 1;
    lines.push(
      `| ${[
        variant.name,
        variant.request,
        ms(median(total)),
        ms(percentile(total, 90)),
        variant.bundle ? ms(median(samples.map((s) => s.importMs))) : '—',
        ms(median(samples.map((s) => s.invokeMs))),
        ms(cpuOf(row)),
        i === 0 ? '—' : floorRow ? '0.0' : signed(cpuOverFloor.median),
        i === 0 ? '0.0' : signed(median(total) - bare),
        i === 0 ? '—' : floorRow ? '0.0' : signed(overFloor.median),
        i <= 1 ? '—' : interval(overFloor),
        goal,
      ].join(' | ')} |`,
    );
  });
  return { table: lines.join('\n'), missed };
}

/** After against before, row by row, paired by round: what a change bought, with its interval. */
export function beforeAfterLines(pairs: readonly { after: Row; before: Row }[]): string[] {
  return pairs.map(({ after, before }) => {
    const wall = pairedDistance(
      after.samples.map((s) => s.totalMs),
      before.samples.map((s) => s.totalMs),
    );
    const cpu = pairedDistance(
      after.samples.map((s) => s.cpuMs),
      before.samples.map((s) => s.cpuMs),
    );
    return `- ${after.variant.request}: after − before ${signed(wall.median)} ms wall (95% ${interval(wall)}), ${signed(cpu.median)} ms CPU (95% ${interval(cpu)})`;
  });
}

/** Entry, chunks and total size of a split bundle (no source maps). */
export function describeSplitBundle(dir: string, entry: string): string {
  let chunks: string[] = [];
  try {
    chunks = readdirSync(join(dir, 'chunks'))
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => join(dir, 'chunks', f));
  } catch {
    // An unsplit bundle has no chunks folder.
  }
  const files = [join(dir, entry), ...chunks];
  const sizes = files.map((f) => statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const gzip = gzipSync(Buffer.concat(files.map((f) => readFileSync(f)))).length;
  return `entry ${(sizes[0] ?? 0).toLocaleString()} bytes, ${chunks.length} chunks, ${(total / 1024).toFixed(0)} KiB in all (${(gzip / 1024).toFixed(0)} KiB gzipped)`;
}
