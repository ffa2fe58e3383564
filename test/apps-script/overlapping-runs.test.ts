import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { charterRow, type EdgeServer, openOffice, startEdgeServer } from './support/office.js';

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(() => edge?.stop());

/** Level 2 of 2026-12-05 asks three people (Liam, Marisol, Kenji). */
const threeAsked = (id: string) =>
  charterRow(id, '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2');

function recipients(office: ReturnType<typeof openOffice>) {
  return office.harness.outbox.flatMap((m) => m.to).sort();
}

const THREE = [
  'kenji.watanabe@example.com',
  'liam.brennan@example.com',
  'marisol.vega@example.com',
];

describe('a menu run and the 5-minute timer overlapping', () => {
  it('never emails a crew member twice when the timer starts between two emails of Send', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-OVERLAP-SEND')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    let tick: unknown;
    h.during('MailApp.sendEmail', 1, () => {
      tick = h.runTrigger('tick');
    });
    h.clickMenu('Crew', 'Send crew call for selected charters');
    expect(recipients(office)).toEqual(THREE);
    // The timer gave way to the menu run (it logs and returns; its next run picks up the rest).
    expect(tick).toMatchObject({ sent: 0, skippedBecauseBusy: true });
    expect(h.alerts.at(-1)?.prompt).toContain('Sent 1 crew call: CH-OVERLAP-SEND: 3 emails');
    // The next timer run has nothing left to send.
    h.runTrigger('tick');
    expect(recipients(office)).toEqual(THREE);
    await h.close();
  });
});
