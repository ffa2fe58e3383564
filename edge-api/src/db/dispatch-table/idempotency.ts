import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { idempotencyKey } from './keys.js';

/**
 * The crew-dispatch table: charters, crew calls, magic links and the records
 * that make admin writes idempotent. Idempotency records: pk
 * `IDEMPOTENCY#<caller>#<key>`, sk `IDEMPOTENCY`, expiring after a day (TTL).
 */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export type IdempotencyRecord =
  | { state: 'in_progress'; request_hash: string; holder?: string; lease_until?: number }
  | { state: 'done'; request_hash: string; status: number; content_type: string; body: string };

/**
 * Claims an idempotency key for a request, as `holder` until `leaseUntil`
 * (epoch ms; the holder renews it while it runs). Returns `claimed` for the
 * first request, and for a retry of the same request whose holder's lease ran
 * out (the holder is gone: killed, timed out, lost DynamoDB); otherwise the
 * record already stored (in progress or done).
 */
export async function claimIdempotencyKey(
  db: Db,
  caller: string,
  key: string,
  requestHash: string,
  now: Date,
  lease: { holder: string; leaseUntil: number },
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
  const recordKey = idempotencyKey(caller, key);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tables['crew-dispatch'],
        Item: {
          ...recordKey,
          state: 'in_progress',
          request_hash: requestHash,
          holder: lease.holder,
          lease_until: lease.leaseUntil,
          created_at: now.toISOString(),
          expires_at: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        // An expired record still waiting for TTL deletion counts as absent; an abandoned
        // run of the same request is taken over (the work it did is resumable).
        ConditionExpression:
          'attribute_not_exists(pk) OR expires_at < :now OR (#state = :progress AND request_hash = :hash AND (attribute_not_exists(lease_until) OR lease_until < :nowMs))',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':now': nowSeconds,
          ':progress': 'in_progress',
          ':hash': requestHash,
          ':nowMs': now.getTime(),
        },
      }),
    );
    return { claimed: true };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: recordKey,
      ConsistentRead: true,
    }),
  );
  const item: Record<string, unknown> = out.Item ?? {
    state: 'in_progress',
    request_hash: requestHash,
  };
  if (item.body_gz) item.body = gunzipSync(item.body_gz as Uint8Array).toString('utf8');
  return { claimed: false, existing: item as unknown as IdempotencyRecord };
}

/** Extends the holder's lease; false once someone else took the key over. */
export async function renewIdempotencyLease(
  db: Db,
  caller: string,
  key: string,
  holder: string,
  leaseUntil: number,
): Promise<boolean> {
  return ifHolder(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: idempotencyKey(caller, key),
        UpdateExpression: 'SET lease_until = :until',
        ConditionExpression: 'holder = :me AND #state = :progress',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':until': leaseUntil,
          ':me': holder,
          ':progress': 'in_progress',
        },
      }),
    ),
  );
}

/** Stores the answer for replays, unless another run took the key over meanwhile (its answer counts). */
export async function completeIdempotencyKey(
  db: Db,
  caller: string,
  key: string,
  holder: string,
  response: { status: number; content_type: string; body: string },
): Promise<boolean> {
  return ifHolder(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: idempotencyKey(caller, key),
        // Gzipped: a crew call's answer carries every rendered email, which can pass DynamoDB's 400 KB item limit.
        UpdateExpression:
          'SET #state = :done, #status = :status, content_type = :ct, body_gz = :body REMOVE holder, lease_until',
        ConditionExpression: 'holder = :me',
        ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':status': response.status,
          ':ct': response.content_type,
          ':body': gzipSync(response.body),
          ':me': holder,
        },
      }),
    ),
  );
}

/** Frees a key whose request failed on our side, so the caller's retry runs again. */
export async function releaseIdempotencyKey(
  db: Db,
  caller: string,
  key: string,
  holder: string,
): Promise<boolean> {
  return ifHolder(
    db.doc.send(
      new DeleteCommand({
        TableName: db.tables['crew-dispatch'],
        Key: idempotencyKey(caller, key),
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': holder },
      }),
    ),
  );
}

async function ifHolder(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
