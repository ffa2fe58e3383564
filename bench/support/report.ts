import { performance } from 'node:perf_hooks';
import type { CapacityTotals, DbMeter } from './db-meter.js';
import { type LoadResult, mergeResults, type ThroughputRow, toRow } from './load.js';

/** One side of a comparison: the app over HTTP, or its DynamoDB operations issued raw. */
export interface Side {
  operation: string;
  meter: DbMeter;
  /** One round's share of the work (round = 0 .. rounds-1). */
  run: (round: number) => Promise<LoadResult>;
}

export interface Measured {
  row: ThroughputRow;
  /** DynamoDB operations per request, as the meter counted them. */
  opsPerRequest: string;
  conflicts: number;
  /** Share of wall time this process's main thread (the app's, or the raw loop's) was busy. */
  busy: number;
}

/**
 * Runs both sides in alternating rounds (A B, B A, A B, ...), so a change in
 * machine load during the run hits both alike, and pools each side's rounds.
 */
export async function alternate(
  rounds: number,
  clients: number,
  a: Side,
  b: Side,
): Promise<[Measured, Measured]> {
  const sides = [a, b].map((side) => ({ side, results: [] as LoadResult[], active: 0, idle: 0 }));
  for (const s of sides) s.side.meter.reset();
  for (let round = 0; round < rounds; round++) {
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const start = performance.eventLoopUtilization();
      s.results.push(await s.side.run(round));
      const used = performance.eventLoopUtilization(start);
      s.active += used.active;
      s.idle += used.idle;
    }
  }
  const [first, second] = sides.map(({ side, results, active, idle }): Measured => {
    const result = mergeResults(results);
    const row = toRow(side.operation, clients, result);
    if (result.unexpected > 0) {
      console.log(
        `  ! ${side.operation}: ${result.unexpected} unexpected answers, first: ${result.firstUnexpected}`,
      );
    }
    const per = (n: number) => (n / Math.max(1, row.requests)).toFixed(2);
    return {
      row,
      opsPerRequest: [...side.meter.ops].map(([name, n]) => `${name}×${per(n)}`).join(' '),
      conflicts: side.meter.conflicts,
      busy: active / Math.max(1, active + idle),
    };
  });
  return [first as Measured, second as Measured];
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export function ratioTable(
  goal: number,
  pairs: ReadonlyArray<readonly [string, Measured, Measured]>,
): string {
  const lines = [
    '| comparison | API req/s | raw req/s | API / raw | goal | result |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const [name, api, raw] of pairs) {
    const ratio = api.row.reqPerSec / raw.row.reqPerSec;
    lines.push(
      `| ${name} | ${api.row.reqPerSec.toFixed(0)} | ${raw.row.reqPerSec.toFixed(0)} | ${pct(ratio)} | ≥ ${pct(goal)} | ${ratio >= goal ? 'PASS' : 'FAIL'} |`,
    );
  }
  return lines.join('\n');
}

export function diagnosticsTable(all: readonly Measured[]): string {
  const lines = [
    '| run | DynamoDB ops per request | conflicts retried | main thread busy | load client thread busy | unexpected answers |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const m of all) {
    const client = m.row.result.clientBusy;
    lines.push(
      `| ${m.row.operation} | ${m.opsPerRequest} | ${m.conflicts} | ${pct(m.busy)} | ${client === undefined ? '—' : pct(client)} | ${m.row.result.unexpected} |`,
    );
  }
  return lines.join('\n');
}

export function capacityTable(
  rows: ReadonlyArray<readonly [string, CapacityTotals & { ops: string }]>,
): string {
  const lines = [
    '| request | DynamoDB operations | RCU | WCU | of which GSI WCU |',
    '|---|---|---:|---:|---:|',
  ];
  for (const [name, c] of rows) {
    lines.push(`| ${name} | ${c.ops} | ${c.rcu} | ${c.wcu} | ${c.gsiWcu} |`);
  }
  return lines.join('\n');
}
