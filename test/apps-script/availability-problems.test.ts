import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { charterRow, type EdgeServer, openOffice, startEdgeServer } from './support/office.js';

// Through the built office bundle: what the month tab could not read reaches the office,
// with the cell, in the Problems tab and in the summary of Preview and Send.
const start = new Date('2026-11-28T17:00:00Z'); // 09:00 in Los Angeles, the sheet's zone
let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(() => edge?.stop());

const charter = (id: string) =>
  charterRow(id, '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2');

/** December tab: row 6 is 2026-12-05; column G is Priya, M is Hana. */
function officeWithSheetTrouble(id: string) {
  const office = openOffice(edge, start, [charter(id)]);
  office.harness.range('December 2026', 'G6').setValue('Y if back from Catalina');
  office.harness.range('December 2026', 'M1').setValue('Hana 🌊');
  office.harness.select('Charters', 'A2:M2');
  return office;
}

function problemRows(office: ReturnType<typeof openOffice>) {
  return office.harness.sheetValues('Problems').map((row) => row.map(String));
}

describe('availability problems reach the office', () => {
  it('Send lists an unreadable cell and a renamed header with their addresses, in local time', async () => {
    const office = officeWithSheetTrouble('CH-PROBLEMS-SEND');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    const rows = problemRows(office);
    expect(rows[0]?.[4]).toBe('Checked 2026-11-28 09:00 PST');
    expect(rows).toContainEqual([
      'December 2026',
      'G6',
      'Y if back from Catalina',
      expect.stringContaining('is not an answer crewcall can read'),
      '',
    ]);
    expect(rows).toContainEqual([
      'December 2026',
      'M1',
      'Hana 🌊',
      "read as Hana (the roster's availability key); rename the header to match exactly",
      '',
    ]);
    expect(summary).toContain('2 availability problem(s) need a look: see the Problems tab');
    expect(summary).toContain("x is read as 'available' (Settings: what x means)");
    await office.harness.close();
  });

  it('Preview writes the same Problems tab and counts the problems in its summary', async () => {
    const office = officeWithSheetTrouble('CH-PROBLEMS-PREVIEW');
    office.harness.clickMenu('Crew', 'Preview crew call');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain('2 availability problem(s) need a look: see the Problems tab');
    // The sheet's own problems and the x row come first; since issue 14 the people the
    // charter left out follow them, one row each.
    expect(
      problemRows(office)
        .slice(0, 4)
        .map((row) => row[1]),
    ).toEqual(['Cell', 'G6', 'M1', '']);
    expect(problemRows(office)[4]?.[3]).toContain('not called for CH-PROBLEMS-PREVIEW');
    expect(office.harness.outbox).toHaveLength(0);
    await office.harness.close();
  });

  it('reads x as "off" where the office set it so, and says so', async () => {
    const office = officeWithSheetTrouble('CH-X-MEANS-NO');
    office.harness.properties.script.setProperty('CREWCALL_X_MEANS', 'no');
    office.harness.clickMenu('Crew', 'Preview crew call');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain("x is read as 'not available' (Settings: what x means)");
    await office.harness.close();
  });

  it('refuses a bad x setting before anything is sent or written', async () => {
    const office = officeWithSheetTrouble('CH-X-MEANS-BAD');
    office.harness.properties.script.setProperty('CREWCALL_X_MEANS', 'off');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.alerts.at(-1)?.prompt).toBe(
      'The setting CREWCALL_X_MEANS is "off"; it must be yes or no (Settings: what x means).',
    );
    expect(office.harness.outbox).toHaveLength(0);
    expect(office.charterCells(1).status).toBe('');
    await office.harness.close();
  });
});
