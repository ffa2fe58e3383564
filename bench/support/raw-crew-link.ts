import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../edge-api/src/db/client.js';
import {
  callKey,
  changeItem,
  charterKey,
  linkKey,
  noticeItem,
  responseKey,
  seatsKey,
  type TransactItems,
} from '../../edge-api/src/db/dispatch-table/index.js';

/**
 * The DynamoDB operations behind GET and POST /m/:token, issued straight with
 * the SDK (the same DocumentClient commands, inputs, order and parallelism as
 * openCrewLink and acceptSeat) with no HTTP, routing, JWT or page rendering.
 */

type Item = Record<string, unknown>;

export interface RawView {
  link: Item;
  charter: Item;
  items: Item[];
}

/** openCrewLink's reads: GetItem LINK, then Query CALL# (every page) and GetItem CHARTER at once. */
export async function rawPageView(db: Db, linkHash: string): Promise<RawView> {
  const table = db.tables['crew-dispatch'];
  const link = (
    await db.doc.send(
      new GetCommand({ TableName: table, Key: linkKey(linkHash), ConsistentRead: true }),
    )
  ).Item;
  if (!link) throw new Error(`bench raw: no link record LINK#${linkHash}`);
  const [items, charter] = await Promise.all([
    (async () => {
      const all: Item[] = [];
      let start: Item | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `CALL#${link.call_id}` },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        all.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return all;
    })(),
    db.doc
      .send(
        new GetCommand({
          TableName: table,
          Key: charterKey(String(link.charter_id)),
          ConsistentRead: true,
        }),
      )
      .then((out) => out.Item),
  ]);
  if (!charter) throw new Error(`bench raw: no charter ${link.charter_id}`);
  return { link, charter, items };
}

/** acceptSeat's six transaction items, built from the reads exactly as the app builds them. */
function acceptItems(db: Db, view: RawView, now: Date): TransactItems {
  const table = db.tables['crew-dispatch'];
  const at = now.toISOString();
  const crewId = String(view.link.crew_id);
  const r = view.items.find((i) => i.sk === `CREW#${crewId}`);
  if (!r) throw new Error(`bench raw: no response of ${crewId}`);
  const callId = String(r.call_id);
  const sentAt = r.notified_at
    ? Date.parse(String(r.notified_at))
    : Number(r.link_issued_at) * 1000;
  const ms = Math.max(0, now.getTime() - sentAt);
  const fast = ms < 60_000;
  const sequence = view.items.filter(
    (i) => String(i.sk).startsWith('NOTICE#') && i.crew_id === crewId,
  ).length;
  return [
    {
      Update: {
        TableName: table,
        Key: linkKey(String(view.link.link_hash)),
        UpdateExpression: 'SET #state = :used, decision = :d, used_at = :at',
        ConditionExpression: '#state = :live',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':used': 'used', ':d': 'accept', ':at': at, ':live': 'live' },
      },
    },
    {
      Update: {
        TableName: table,
        Key: seatsKey(callId, String(r.role)),
        UpdateExpression: 'SET filled = filled + :one',
        ConditionExpression: 'filled < needed',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      ConditionCheck: {
        TableName: table,
        Key: callKey(callId),
        ConditionExpression: '#status <> :cancelled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled' },
      },
    },
    {
      Update: {
        TableName: table,
        Key: responseKey(callId, crewId),
        UpdateExpression:
          'SET #state = :confirmed, decided_at = :at, decided_after_ms = :ms, decided_within_a_minute = :fast, updated_at = :at, gsi2pk = :c, gsi2sk = :when',
        ConditionExpression: 'link_issue = :issue AND #state IN (:asked, :standby)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':confirmed': 'confirmed',
          ':at': at,
          ':ms': ms,
          ':fast': fast,
          ':c': 'CONFIRMED',
          ':when': `${view.charter.starts_at}#${crewId}#${callId}`,
          ':issue': r.link_issue,
          ':asked': 'asked',
          ':standby': 'standby',
        },
      },
    },
    {
      Put: {
        TableName: table,
        Item: changeItem({
          at,
          type: 'response',
          charter_id: String(view.charter.charter_id),
          call_id: callId,
          crew_id: crewId,
          name: String(r.name),
          role: String(r.role),
          state: 'confirmed',
          level: Number(r.level),
          decided_within_a_minute: fast,
        }),
      },
    },
    {
      Put: {
        TableName: table,
        Item: noticeItem({
          notice_id: `confirm-${crewId}-${r.link_issue}`,
          call_id: callId,
          crew_id: crewId,
          kind: 'confirmation',
          link: {
            issue: Number(r.link_issue),
            kid: String(r.link_kid),
            issued_at: Number(r.link_issued_at),
            expires_at: Number(r.link_expires_at),
          },
          sequence,
          created_at: at,
        }),
      },
    },
  ];
}

/** The app's transact(): retries TransactionConflict (same policy); a failed condition is an error here. */
async function transactOrThrow(db: Db, items: TransactItems): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= 12) {
        throw new Error(`bench raw: accept cancelled: ${reasons.map((r) => r.Code).join(',')}`);
      }
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 25 * (attempt + 1)));
    }
  }
}

/** acceptSeat's DynamoDB work: the page view's reads, the 6-item transaction, the SEATS# query. */
export async function rawAccept(db: Db, linkHash: string, now = new Date()): Promise<void> {
  const view = await rawPageView(db, linkHash);
  await transactOrThrow(db, acceptItems(db, view, now));
  const seats = await db.doc.send(
    new QueryCommand({
      TableName: db.tables['crew-dispatch'],
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seats)',
      ExpressionAttributeValues: { ':pk': `CALL#${view.link.call_id}`, ':seats': 'SEATS#' },
      ConsistentRead: true,
    }),
  );
  // The app would mark the call filled now; the bench leaves seats open so it never does.
  if ((seats.Items ?? []).every((s) => Number(s.filled) >= Number(s.needed))) {
    throw new Error(`bench raw: call ${view.link.call_id} filled up; the bench keeps seats open`);
  }
}
