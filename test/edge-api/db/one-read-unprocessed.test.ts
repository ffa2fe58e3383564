import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../edge-api/src/db/client.js';
import {
  callKey,
  charterKey,
  linkKey,
  responseKey,
} from '../../../edge-api/src/db/dispatch-table/keys.js';
import { getLinkAndCrewActionItems } from '../../../edge-api/src/db/dispatch-table/responses.js';
import { getPortalLinkAndPerson } from '../../../edge-api/src/db/portal-link-read.js';
import { freshDb } from '../../support/dynamodb.js';

// DynamoDB may answer a BatchGetItem with some keys unprocessed (under load, or past 16 MB):
// the crew page's one read asks again for those, on DynamoDB Local, with its first answer
// made to hand back keys unprocessed the way DynamoDB does.
let db: Db;
let batchGets = 0;
/** How many keys of the next BatchGetItem answers to hand back unprocessed. */
let unprocessedNext = 0;

beforeAll(async () => {
  db = await freshDb();
  const put = (Item: Record<string, unknown>, table = db.tables['crew-dispatch']) =>
    db.doc.send(new PutCommand({ TableName: table, Item }));
  await put({ ...linkKey('H1'), link_hash: 'H1', call_id: 'call-1', charter_id: 'CH-1' });
  await put({ ...responseKey('call-1', 'c-1'), crew_id: 'c-1', state: 'asked' });
  await put({ ...callKey('call-1'), call_id: 'call-1', status: 'open' });
  await put({ ...charterKey('CH-1'), charter_id: 'CH-1', vessel: 'Sea Lark' });
  await put({ ...linkKey('P1'), link_hash: 'P1', kind: 'portal', crew_id: 'c-1' });
  await put(
    { pk: 'CREW#c-1', sk: 'CREW', crew_id: 'c-1', name: 'Iris Calder', email: 'x@example.com' },
    db.tables['crew-roster'],
  );
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'BatchGetItemCommand') return result;
      batchGets++;
      const out = result.output as {
        Responses?: Record<string, Array<Record<string, unknown>>>;
        UnprocessedKeys?: Record<string, { Keys: Array<Record<string, unknown>> }>;
      };
      for (const [table, items] of Object.entries(out.Responses ?? {})) {
        while (unprocessedNext > 0 && items.length > 0) {
          const item = items.pop() as Record<string, unknown>;
          out.UnprocessedKeys ??= {};
          out.UnprocessedKeys[table] ??= { Keys: [] };
          // A projected roster item carries no pk: its key is its crew id's.
          const key = item.pk
            ? { pk: item.pk, sk: item.sk }
            : { pk: `CREW#${item.crew_id}`, sk: 'CREW' };
          out.UnprocessedKeys[table].Keys.push(key);
          unprocessedNext--;
        }
      }
      return result;
    },
    { step: 'initialize', name: 'handBackUnprocessedKeys', priority: 'high' },
  );
}, 60_000);
afterAll(() => db?.raw.destroy());

describe('a crew page’s one read when DynamoDB hands keys back unprocessed', () => {
  it('asks again for those keys and finds all four items', async () => {
    batchGets = 0;
    unprocessedNext = 2;
    const read = await getLinkAndCrewActionItems(db, 'H1', {
      call_id: 'call-1',
      crew_id: 'c-1',
      charter_id: 'CH-1',
    });
    expect(batchGets).toBe(2);
    expect(read.link?.link_hash).toBe('H1');
    expect(read.response?.crew_id).toBe('c-1');
    expect(read.call?.call_id).toBe('call-1');
    expect(read.charter?.vessel).toBe('Sea Lark');
  });

  it('reads a portal’s link and person across both tables, again when handed back', async () => {
    batchGets = 0;
    unprocessedNext = 1;
    const read = await getPortalLinkAndPerson(db, 'P1', 'c-1');
    expect(batchGets).toBe(2);
    expect(read).toEqual({
      link: { link_hash: 'P1', kind: 'portal', crew_id: 'c-1' },
      person: { crew_id: 'c-1', name: 'Iris Calder' },
    });
  });

  it('gives up after five answers that keep keys back, rather than loop', async () => {
    batchGets = 0;
    unprocessedNext = 100;
    await expect(
      getLinkAndCrewActionItems(db, 'H1', {
        call_id: 'call-1',
        crew_id: 'c-1',
        charter_id: 'CH-1',
      }),
    ).rejects.toThrow('kept coming back unprocessed');
    expect(batchGets).toBe(5);
    unprocessedNext = 0;
  });

  it('tells a missing item from a found one', async () => {
    const read = await getLinkAndCrewActionItems(db, 'NOPE', {
      call_id: 'call-1',
      crew_id: 'c-9',
      charter_id: 'CH-1',
    });
    expect(read.link).toBeUndefined();
    expect(read.response).toBeUndefined();
    expect(read.call?.call_id).toBe('call-1');
  });
});
