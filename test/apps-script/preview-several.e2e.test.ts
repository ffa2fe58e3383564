import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Issue 13: Preview covers every selected charter row, in one dialog; rows that cannot be
// previewed are named with their row and why. Built bundle in the harness, real edge API.
const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-PREV-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1'),
    charterRow('CH-PREV-B', '2026-12-05', 'nine', '13:00', 'mate 1'),
    // No January tab in this sheet: nobody's availability can be read for it.
    charterRow('CH-PREV-C', '2027-01-09', '09:00', '13:00', 'mate 1'),
    charterRow('CH-PREV-D', '2026-12-06', '14:00', '18:00', 'deckhand 2'),
  ]);
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

const preview = () => {
  office.harness.clickMenu('Crew', 'Preview crew call');
  return office.harness.alerts.at(-1);
};

describe('Preview crew call with several rows selected', () => {
  it('shows one dialog with each charter’s plan, and names the rows it could not preview', () => {
    office.harness.select('Charters', 'A2:M5');
    const before = office.harness.alerts.length;
    const alert = preview();
    expect(office.harness.alerts.length).toBe(before + 1);
    expect(alert?.title).toBe('Preview crew call');
    const text = alert?.prompt ?? '';
    expect(text).toMatch(/^2 of 4 selected charters previewed\. Nothing was sent\./);

    const blocks = text.split('\n\n');
    const a = blocks.find((b) => b.startsWith('Crew call preview for CH-PREV-A '));
    const d = blocks.find((b) => b.startsWith('Crew call preview for CH-PREV-D '));
    expect(a).toContain('(Sea Lark, 2026-12-05 09:00):');
    expect(a).toContain('Kenji Watanabe (mate)');
    expect(a).toMatch(/Level \d, /);
    expect(d).toContain('(Sea Lark, 2026-12-06 14:00):');
    expect(d).toMatch(/\(deckhand\)/);
    expect(d).not.toContain('(mate)');

    const skipped = blocks.find((b) => b.startsWith('Not previewed (2 of 4):'))?.split('\n') ?? [];
    expect(skipped).toHaveLength(3);
    expect(skipped[1]).toMatch(
      /^Row 3 \(CH-PREV-B\): cannot be read: C3: "nine" is not a time like 09:30$/,
    );
    expect(skipped[2]).toMatch(/^Row 4 \(CH-PREV-C\): .+/);
    expect(skipped[2]).toMatch(/January|2027-01|Jan/);
    expect(office.harness.outbox).toHaveLength(0);
  });

  it('previews only the rows selected, in sheet order, with the header row left out', () => {
    office.harness.select('Charters', 'A1:M2');
    const text = preview()?.prompt ?? '';
    expect(text).toMatch(/^Crew call preview for CH-PREV-A /);
    expect(text).not.toContain('CH-PREV-D');
    office.harness.select('Charters', 'B5:C5');
    expect(preview()?.prompt).toMatch(/^Crew call preview for CH-PREV-D /);
  });

  it('rows picked with Ctrl-click (several ranges) are all previewed, not only the last range', () => {
    // Sheets hands a script the last of several selected ranges from getActiveRange().
    office.harness.select('Charters', 'A2:M2,B5:C5');
    const text = preview()?.prompt ?? '';
    expect(text).toMatch(/^2 of 2 selected charters previewed\. Nothing was sent\./);
    expect(text).toContain('Crew call preview for CH-PREV-A ');
    expect(text).toContain('Crew call preview for CH-PREV-D ');
    expect(text).not.toContain('CH-PREV-B');
  });

  it('one selected row that cannot be previewed is the whole answer, naming its row', () => {
    office.harness.select('Charters', 'A3:M3');
    expect(preview()?.prompt).toMatch(/^Row 3 \(CH-PREV-B\): cannot be read: /);
  });
});
