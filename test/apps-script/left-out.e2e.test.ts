import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedFetch } from '../support/signed-fetch.js';
import {
  charterRow,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Issue 14, nobody silently left out: through the built office bundle and the real edge API,
// every unreadable cell and every person not called reaches the Preview summary, the Send
// summary and the Problems tab, each with why and, where there is one, the cell.
const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  // Hana is deactivated on the roster.
  const res = await signedFetch(
    `${edge.url}/api/crew/c-0012`,
    { method: 'PATCH', body: { active: false } },
    { signingDate: start },
  );
  expect(res.status).toBe(200);
  // CH-NOBODY needs a cook, a role of the office that nobody on the roster holds.
  const roles = await signedFetch(
    `${edge.url}/api/settings`,
    { method: 'PUT', body: { roles: ['captain', 'mate', 'deckhand', 'cook'] } },
    { signingDate: start },
  );
  expect(roles.status).toBe(200);
  office = openOffice(edge, start, [
    charterRow('CH-OTHER', '2026-12-05', '14:00', '18:00', 'mate 1'),
    charterRow('CH-LEFT', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
    charterRow('CH-NOBODY', '2026-12-05', '09:00', '13:00', 'cook 1'),
  ]);
  // Row 6 of the December tab is 2026-12-05. B Abdul "n", C Teresa blank, D Liam "AM",
  // F Kenji "✓", H Danika "PM", I Esmi "Yes", L Ray (a skipper) "yes".
  const dec = (cell: string, value: string) =>
    office.harness.range('December 2026', cell).setValue(value);
  dec('E6', 'y - after 2pm'); // Marisol: part-day that does not fit a morning
  dec('G6', 'Y if back from Catalina'); // Priya: unreadable
  dec('J6', 'no idea'); // Owen: unreadable
  dec('K6', 'maybe'); // Sofia: unsure
  dec('B9', 'whenever'); // Abdul, 12-08: unreadable, on a day no charter of this run needs
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

const EXPECTED_LEFT_OUT = [
  'Owen Pike — cell December 2026!J6 "no idea" unreadable',
  'Priya Nair — cell December 2026!G6 "Y if back from Catalina" unreadable',
  'Teresa Okafor — no mark on Dec 5',
  'Sofia Marchetti — sheet says "maybe": ask them directly',
  'Marisol Vega — available only after 14:00; the charter is 09:00-13:00',
  'Danika Holm — available afternoons only (PM); the charter is 09:00-13:00',
  'Kenji Watanabe — on Sea Lark that day (CH-OTHER, 14:00-18:00)',
  'Abdul Rahimi — not available on Dec 5',
  'Ray Tanaka — not qualified for an open seat (skipper; open: captain, deckhand, mate)',
  'Hana Lindqvist — inactive on the roster',
];

function problemRows() {
  return office.harness.sheetValues('Problems').map((row) => row.map(String));
}

function expectLeftOutRows() {
  const rows = problemRows();
  expect(rows[0]?.[4]).toMatch(/^Checked 2026-11-28 \d\d:\d\d PST$/);
  const about = (text: string) =>
    rows.filter((r) => r[3]?.includes('not called for CH-LEFT') && r[3].includes(text));
  // One row per person for this charter, at their cell where there is one.
  expect(rows.filter((r) => r[3]?.includes('not called for CH-LEFT '))).toHaveLength(10);
  expect(about('Priya Nair')).toEqual([
    [
      'December 2026',
      'G6',
      'Y if back from Catalina',
      'Priya Nair (mate) not called for CH-LEFT (Sea Lark, 2026-12-05 09:00): cell December 2026!G6 "Y if back from Catalina" unreadable',
      '',
    ],
  ]);
  expect(about('Owen Pike')[0]?.slice(0, 3)).toEqual(['December 2026', 'J6', 'no idea']);
  expect(about('Teresa Okafor')[0]?.slice(0, 3)).toEqual(['December 2026', 'C6', '']);
  expect(about('Kenji Watanabe')[0]?.[3]).toContain('on Sea Lark that day (CH-OTHER');
  expect(about('Hana Lindqvist')[0]?.[3]).toContain('inactive on the roster');
  // Every unreadable cell the run read is a problem of its own, with its address.
  const cells = rows.filter((r) => r[3]?.includes('is not an answer')).map((r) => r[1]);
  expect(cells).toEqual(expect.arrayContaining(['G6', 'J6', 'B9']));
}

describe('nobody silently left out', () => {
  it('Send for the afternoon charter; Kenji takes its seat', async () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const kenji = office.harness.outbox.find((m) => m.to.includes('kenji.watanabe@example.com'));
    const res = await fetch(linkIn(kenji?.body ?? ''), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(linkIn(kenji?.body ?? '')).origin,
      },
      body: 'action=accept',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  });

  it('Preview names every person not called and why, and the Problems tab has each', () => {
    office.harness.select('Charters', 'A3:M3');
    office.harness.clickMenu('Crew', 'Preview crew call');
    const text = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(text).toContain('Liam Brennan (captain)');
    expect(text).toContain(`Not called (10): ${EXPECTED_LEFT_OUT.join('; ')}`);
    expect(text).toContain('availability problem(s) need a look: see the Problems tab');
    expectLeftOutRows();
    expect(office.harness.outbox.filter((m) => m.to.includes('liam.brennan@example.com'))).toEqual(
      [],
    );
  });

  it('Send names the same people in its summary and the Problems tab', () => {
    office.harness.select('Charters', 'A3:M3');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain('Sent 1 crew call: CH-LEFT:');
    expect(summary).toContain(`CH-LEFT: Not called (10): ${EXPECTED_LEFT_OUT.join('; ')}`);
    expectLeftOutRows();
  });

  it('a charter nobody can crew names everyone, though no call starts', () => {
    office.harness.select('Charters', 'A4:M4');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain('Skipped 1: CH-NOBODY:');
    expect(summary).toMatch(/CH-NOBODY: Not called \(12\): .*Ray Tanaka — not qualified/);
    expect(problemRows().filter((r) => r[3]?.includes('not called for CH-NOBODY '))).toHaveLength(
      12,
    );
  });
});
