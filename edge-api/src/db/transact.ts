import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction's items by name; a falsy entry is left out (an item only some writes need). */
export type NamedItems = Record<string, TxItem | false | undefined>;

export type TransactResult =
  | { ok: true }
  /**
   * The names of the items whose condition failed, and the item each one found
   * when it asked (ReturnValuesOnConditionCheckFailure), in DynamoDB's attribute-value form.
   */
  | { ok: false; failed: Set<string>; found: Map<string, Record<string, unknown>> };

/** How many times a transaction cancelled for TransactionConflict is tried again. */
const CONFLICT_RETRIES = 12;

/**
 * The one way to run a transaction. Items are named, so a failed condition
 * comes back by name (`failed.has('seat')`) however the items are ordered.
 * Retries DynamoDB's TransactionConflict (another transaction on the same items
 * at this instant) with a short random pause, so races end in clear winners
 * and losers; after the last retry the conflict is thrown.
 */
export async function transact(db: Db, named: NamedItems): Promise<TransactResult> {
  const entries = Object.entries(named).filter((e): e is [string, TxItem] => Boolean(e[1]));
  const TransactItems = entries.map(([, item]) => item);
  for (let attempt = 0; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Set<string>();
      const found = new Map<string, Record<string, unknown>>();
      reasons.forEach((r, i) => {
        const name = entries[i]?.[0];
        if (r.Code !== 'ConditionalCheckFailed' || name === undefined) return;
        failed.add(name);
        if (r.Item) found.set(name, r.Item as Record<string, unknown>);
      });
      if (failed.size > 0) return { ok: false, failed, found };
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= CONFLICT_RETRIES) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 25 * (attempt + 1)));
    }
  }
}

/** Whether an error is a single-item write's failed condition (the caller's "no" answer). */
export const isConditionFailure = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** Runs a single-item conditional write; false when its condition failed. */
export async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Whether an error is a transaction still cancelled by TransactionConflict after every retry (busy). */
export const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
