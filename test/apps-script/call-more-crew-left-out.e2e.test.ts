import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Call more crew says who the month tab still leaves out, and why, as Preview does: in its
// dialogs and as Problems-tab rows at their cells. Built bundle in the harness, real edge API.
// A Saturday charter needing 2 deckhands; row 6 of the December tab is 2026-12-05.
const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;

const lastAlert = () => office.harness.alerts.at(-1)?.prompt ?? '';
const dec = (cell: string, value: string) =>
  office.harness.range('December 2026', cell).setValue(value);
const notCalledLine = (text: string) =>
  text.split('\n').find((l) => l.startsWith('Not called (')) ?? '';
const problemRowsFor = (name: string) =>
  office.harness
    .sheetValues('Problems')
    .map((r) => r.map(String))
    .filter((r) => r[3]?.startsWith(`${name} (`) && r[3].includes('not called for CH-2026-1205-L'));

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-2026-1205-L', '2026-12-05', '09:00', '13:00', 'deckhand 2'),
  ]);
  office.harness.select('Charters', 'A2:M2');
  office.harness.clickMenu('Crew', 'Send crew call for selected charters');
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('Call more crew names who is still left out', () => {
  it('with nobody new to ask, says who was left out and why, and writes their Problems rows', () => {
    expect(office.harness.outbox.map((m) => m.to[0])).toEqual(['esmi.duarte@example.com']);
    dec('J6', 'no idea'); // Owen Pike, a deckhand: a cell the office side cannot read
    dec('I6', 'N'); // Esmi, already asked: on the call whatever the tab says now
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Call more crew');
    const text = lastAlert();
    expect(text).toContain('nobody new to ask');
    const line = notCalledLine(text);
    expect(line).toContain('Owen Pike — cell December 2026!J6 "no idea" unreadable');
    expect(line).toContain(
      'Danika Holm — available afternoons only (PM); the charter is 09:00-13:00',
    );
    expect(line).not.toContain('Esmi Duarte');
    expect(problemRowsFor('Owen Pike')).toEqual([
      [
        'December 2026',
        'J6',
        'no idea',
        'Owen Pike (deckhand) not called for CH-2026-1205-L (Sea Lark, 2026-12-05 09:00): cell December 2026!J6 "no idea" unreadable',
        '',
      ],
    ]);
    expect(problemRowsFor('Esmi Duarte')).toEqual([]);
    expect(office.harness.outbox).toHaveLength(1);
  });

  it('asks who is free now, and both the question and the result still say who is left out', async () => {
    dec('H6', 'Yes'); // Danika Holm: free all day now
    await office.setClock(new Date(start.getTime() + 60 * 60_000));
    office.harness.select('Charters', 'A2:M2');
    office.harness.ui.queueAlert('YES');
    office.harness.clickMenu('Crew', 'Call more crew');
    const question = office.harness.alerts.at(-2)?.prompt ?? '';
    expect(question).toContain('ask Danika Holm (deckhand) now');
    expect(notCalledLine(question)).toContain(
      'Owen Pike — cell December 2026!J6 "no idea" unreadable',
    );
    expect(notCalledLine(question)).not.toContain('Danika Holm');

    const result = lastAlert();
    expect(result).toContain('asks Danika Holm (deckhand); sent 1 email(s)');
    expect(notCalledLine(result)).toContain(
      'Owen Pike — cell December 2026!J6 "no idea" unreadable',
    );
    expect(problemRowsFor('Danika Holm')).toEqual([]);
    expect(problemRowsFor('Owen Pike')).toHaveLength(1);
  });
});
