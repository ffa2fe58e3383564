import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { Db } from '../../edge-api/src/db/client.js';

/**
 * Watches a Db's SDK client (the DocumentClient shares the client's
 * middleware stack): counts operations, counts transactions cancelled for
 * TransactionConflict (the app retries those), and while `capture` is on asks
 * DynamoDB for ReturnConsumedCapacity=INDEXES and keeps what it reports.
 */
export interface CapacityRecord {
  command: string;
  /** What DynamoDB reported, one entry per table touched. */
  consumed: ConsumedCapacity[];
}

export interface DbMeter {
  ops: Map<string, number>;
  conflicts: number;
  capture: boolean;
  captured: CapacityRecord[];
  /** Items in each transaction written since the last reset. */
  transactionSizes: number[];
  reset(): void;
  /** Operations seen since the last reset, e.g. "GetItem×2 Query×1". */
  describeOps(): string;
}

export function meterDb(db: Db): DbMeter {
  const meter: DbMeter = {
    ops: new Map(),
    conflicts: 0,
    capture: false,
    captured: [],
    transactionSizes: [],
    reset() {
      meter.ops.clear();
      meter.conflicts = 0;
      meter.captured = [];
      meter.transactionSizes = [];
    },
    describeOps() {
      return [...meter.ops].map(([name, n]) => `${name}×${n}`).join(' ');
    },
  };
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      meter.ops.set(command, (meter.ops.get(command) ?? 0) + 1);
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems;
      if (items) meter.transactionSizes.push(items.length);
      const capture = meter.capture;
      const input = capture
        ? { ...(args.input as object), ReturnConsumedCapacity: 'INDEXES' }
        : args.input;
      try {
        const result = await next({ ...args, input });
        const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        if (capture) {
          const consumed = (
            Array.isArray(reported) ? reported : reported ? [reported] : []
          ) as ConsumedCapacity[];
          meter.captured.push({ command, consumed });
        }
        return result;
      } catch (error) {
        const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> })
          .CancellationReasons;
        if (reasons?.some((r) => r.Code === 'TransactionConflict')) meter.conflicts++;
        throw error;
      }
    },
    { step: 'initialize', name: 'crewcallBenchMeter', priority: 'high' },
  );
  return meter;
}

export interface CapacityTotals {
  rcu: number;
  wcu: number;
  /** Of which on global secondary indexes. */
  gsiWcu: number;
  /** Operations that reported nothing. */
  unreported: number;
}

/** Sums reported capacity; reads and writes told apart by the operation (transactions write). */
export function sumCapacity(records: readonly CapacityRecord[]): CapacityTotals {
  const totals: CapacityTotals = { rcu: 0, wcu: 0, gsiWcu: 0, unreported: 0 };
  for (const { command, consumed } of records) {
    if (consumed.length === 0) totals.unreported++;
    const writes = /Put|Update|Delete|TransactWrite|BatchWrite/.test(command);
    for (const c of consumed) {
      const units = c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
      if (writes) totals.wcu += c.WriteCapacityUnits ?? units;
      else totals.rcu += c.ReadCapacityUnits ?? units;
      if (writes) {
        for (const gsi of Object.values(c.GlobalSecondaryIndexes ?? {})) {
          totals.gsiWcu += gsi.WriteCapacityUnits ?? gsi.CapacityUnits ?? 0;
        }
      }
    }
  }
  return totals;
}
