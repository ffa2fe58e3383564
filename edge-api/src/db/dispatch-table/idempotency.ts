import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';

/**
 * The crew-dispatch table: charters, crew calls, magic links and the records
 * that make admin writes idempotent. Idempotency records: pk
 * `IDEMPOTENCY#<caller>#<key>`, sk `IDEMPOTENCY`, expiring after a day (TTL).
 */
const IDEMPOTENCY_SK = 'IDEMPOTENCY';
const idempotencyPk = (caller: string, key: string) => `IDEMPOTENCY#${caller}#${key}`;
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export type IdempotencyRecord =
  | { state: 'in_progress'; request_hash: string }
  | { state: 'done'; request_hash: string; status: number; content_type: string; body: string };

/**
 * Claims an idempotency key for a request. Returns `claimed` for the first
 * request, otherwise the record already stored (in progress or done).
 */
export async function claimIdempotencyKey(
  db: Db,
  caller: string,
  key: string,
  requestHash: string,
  now: Date,
): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
  const pk = idempotencyPk(caller, key);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tables['crew-dispatch'],
        Item: {
          pk,
          sk: IDEMPOTENCY_SK,
          state: 'in_progress',
          request_hash: requestHash,
          created_at: now.toISOString(),
          expires_at: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        // An expired record still waiting for TTL deletion counts as absent.
        ConditionExpression: 'attribute_not_exists(pk) OR expires_at < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      }),
    );
    return { claimed: true };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: { pk, sk: IDEMPOTENCY_SK },
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

export async function completeIdempotencyKey(
  db: Db,
  caller: string,
  key: string,
  response: { status: number; content_type: string; body: string },
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tables['crew-dispatch'],
      Key: { pk: idempotencyPk(caller, key), sk: IDEMPOTENCY_SK },
      // Gzipped: a crew call's answer carries every rendered email, which can pass DynamoDB's 400 KB item limit.
      UpdateExpression:
        'SET #state = :done, #status = :status, content_type = :ct, body_gz = :body',
      ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
      ExpressionAttributeValues: {
        ':done': 'done',
        ':status': response.status,
        ':ct': response.content_type,
        ':body': gzipSync(response.body),
      },
    }),
  );
}

/** Frees a key whose request failed on our side, so the caller's retry runs again. */
export async function releaseIdempotencyKey(db: Db, caller: string, key: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.tables['crew-dispatch'],
      Key: { pk: idempotencyPk(caller, key), sk: IDEMPOTENCY_SK },
    }),
  );
}
