import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// A Responses tab that has filled every one of a new tab's 1,000 rows (header + 999 answers).
const HEADER = ['When', 'Charter', 'Crew', 'Role', 'Answer', 'Level', 'Reason', 'Note'];
const fullTab = [
  HEADER,
  ...Array.from({ length: 999 }, (_, i) => [
    `2026-11-${String(1 + (i % 27)).padStart(2, '0')} 10:00:00`,
    'CH-2026-1101-A',
    `Earlier answer ${i + 1}`,
    'deckhand',
    'declined',
    '3',
    '',
    '',
  ]),
];

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(
    edge,
    start,
    [charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2')],
    { Responses: fullTab },
  );
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('the Responses tab', () => {
  it('grows past its 1,000 rows when the timer appends answers', async () => {
    expect(office.harness.sheet('Responses').getMaxRows()).toBe(1000);
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const calls = office.harness.outbox.slice();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const mail of calls.slice(0, 2)) {
      const res = await fetch(linkIn(mail.body), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: edge.url },
        body: new URLSearchParams({ action: 'decline', reason: 'on another boat' }),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
    }

    await office.setClock(new Date(start.getTime() + 5 * 60_000));
    office.harness.runTrigger('tick');

    const rows = office.harness.sheetValues('Responses');
    expect(rows).toHaveLength(1002);
    expect(rows[999]?.[2]).toBe('Earlier answer 999');
    expect(rows.slice(1000).map((r) => [r[1], r[4], r[6]])).toEqual([
      ['CH-2026-1205-A', 'declined', 'on another boat'],
      ['CH-2026-1205-A', 'declined', 'on another boat'],
    ]);
    expect(office.harness.sheet('Responses').getMaxRows()).toBeGreaterThanOrEqual(1002);
  });
});
