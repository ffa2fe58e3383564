import { Worker } from 'node:worker_threads';
import { percentile } from '../cold-start.js';

/**
 * Closed-loop load: `clients` workers each send a request, wait for its
 * answer, send the next, until `requests` were sent or `maxSeconds` passed
 * (whichever comes first, so every run ends on its own). HTTP load runs in a
 * worker thread, so the client's own work does not share the app's event loop;
 * raw DynamoDB load runs on the main thread, where the app would issue it.
 */

export interface LoadResult {
  latenciesMs: number[];
  elapsedMs: number;
  /** Answers that were not what the run expected (status, redirect target) or errors. */
  unexpected: number;
  firstUnexpected: string | undefined;
  /** HTTP load only: share of the run the client's own thread was busy. */
  clientBusy?: number;
}

/** Runs of the same kind back to back, as one: latencies pooled, times added. */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const busy = results.filter((r) => r.clientBusy !== undefined);
  return {
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    elapsedMs: results.reduce((t, r) => t + r.elapsedMs, 0),
    unexpected: results.reduce((n, r) => n + r.unexpected, 0),
    firstUnexpected: results.find((r) => r.firstUnexpected)?.firstUnexpected,
    ...(busy.length > 0
      ? {
          clientBusy:
            busy.reduce((t, r) => t + (r.clientBusy ?? 0) * r.elapsedMs, 0) /
            busy.reduce((t, r) => t + r.elapsedMs, 0),
        }
      : {}),
  };
}

export interface HttpLoad {
  method: 'GET' | 'POST';
  /** Request i goes to urls[i % urls.length]. */
  urls: readonly string[];
  requests: number;
  clients: number;
  maxSeconds: number;
  headers?: Record<string, string>;
  body?: string;
  expectStatus: number;
  /** The Location header must contain this (e.g. `result=confirmed`). */
  expectLocation?: string;
}

// CommonJS, evaluated in the worker: node:http with one keep-alive socket per client.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.clients });
const headers = { ...(w.headers || {}) };
if (w.body !== undefined) headers['content-length'] = Buffer.byteLength(w.body);
const latencies = [];
let next = 0, unexpected = 0, firstUnexpected;
const started = performance.now();
const elu = performance.eventLoopUtilization();
const deadline = started + w.maxSeconds * 1000;
function once(url) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(url, { method: w.method, agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode, location: res.headers.location || '' }));
    });
    req.on('error', (e) => resolve({ ms: performance.now() - t0, status: 0, location: String(e) }));
    req.end(w.body);
  });
}
async function client() {
  while (performance.now() < deadline) {
    const i = next++;
    if (i >= w.requests) return;
    const r = await once(w.urls[i % w.urls.length]);
    latencies.push(r.ms);
    if (r.status !== w.expectStatus || (w.expectLocation && !r.location.includes(w.expectLocation))) {
      unexpected++;
      firstUnexpected ??= w.method + ' ' + w.urls[i % w.urls.length] + ' -> ' + r.status + ' ' + r.location;
    }
  }
}
Promise.all(Array.from({ length: w.clients }, client)).then(() => {
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const clientBusy = performance.eventLoopUtilization(elu).utilization;
  parentPort.postMessage({ latenciesMs: latencies, elapsedMs, unexpected, firstUnexpected, clientBusy });
});
`;

export function httpLoad(load: HttpLoad): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: load });
    let result: LoadResult | undefined;
    worker.once('message', (message: LoadResult) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bench: the HTTP load worker exited with code ${code} and no result`));
    });
  });
}

/** The same closed loop on this thread: op(keys[i % keys.length]) for i = 0 .. requests-1. */
export async function inProcessLoad<K>(
  keys: readonly K[],
  load: { requests: number; clients: number; maxSeconds: number },
  op: (key: K) => Promise<void>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let unexpected = 0;
  let firstUnexpected: string | undefined;
  const started = performance.now();
  const deadline = started + load.maxSeconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      if (i >= load.requests) return;
      const t0 = performance.now();
      try {
        await op(keys[i % keys.length] as K);
      } catch (error) {
        unexpected++;
        firstUnexpected ??= (error as Error).message;
      }
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
  return { latenciesMs, elapsedMs: performance.now() - started, unexpected, firstUnexpected };
}

export interface ThroughputRow {
  operation: string;
  clients: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  result: LoadResult;
}

export function toRow(operation: string, clients: number, result: LoadResult): ThroughputRow {
  const n = result.latenciesMs.length;
  return {
    operation,
    clients,
    requests: n,
    reqPerSec: n / (result.elapsedMs / 1000),
    p50: n ? percentile(result.latenciesMs, 50) : Number.NaN,
    p99: n ? percentile(result.latenciesMs, 99) : Number.NaN,
    result,
  };
}

export function throughputTable(rows: readonly ThroughputRow[]): string {
  const lines = [
    '| operation | clients | requests | req/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.operation} | ${r.clients} | ${r.requests} | ${r.reqPerSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
