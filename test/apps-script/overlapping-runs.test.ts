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

  it('tells the person plainly that another run is busy, after waiting up to 30 seconds', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-BUSY')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    h.locks.hold('script'); // a long timer run, say
    const before = h.clock.time;
    h.clickMenu('Crew', 'Send crew call for selected charters');
    expect(h.alerts.at(-1)?.prompt).toBe(
      "Another crewcall run is busy right now (the 5-minute timer, or someone else's Send, Cancel or report), so nothing was done. Try again in a minute.",
    );
    expect(h.clock.time - before).toBeGreaterThanOrEqual(30_000);
    expect(h.outbox).toHaveLength(0);
    h.clickMenu('Crew', 'Sync now');
    expect(h.alerts.at(-1)?.prompt).toContain('Another crewcall run is busy right now');
    // The timer logs it and returns; its next run picks the work up.
    expect(h.runTrigger('tick')).toMatchObject({ skippedBecauseBusy: true });
    expect(h.logs.at(-1)?.message).toContain('another run holds the script lock');
    h.locks.release('script');
    h.clickMenu('Crew', 'Send crew call for selected charters');
    expect(recipients(office)).toEqual(THREE);
    await h.close();
  });

  it('never sends a cancellation twice when the timer starts in the middle of Cancel', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-OVERLAP-CANCEL')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    h.clickMenu('Crew', 'Send crew call for selected charters');
    h.select('Charters', 'A2:M2');
    h.ui.queueAlert('YES');
    let tick: unknown;
    h.during('MailApp.sendEmail', 1, () => {
      tick = h.runTrigger('tick');
    });
    h.clickMenu('Crew', 'Cancel charter');
    const cancellations = h.outbox.filter((m) => /cancel/i.test(m.subject));
    expect(cancellations.flatMap((m) => m.to).sort()).toEqual(THREE);
    expect(tick).toMatchObject({ skippedBecauseBusy: true });
    expect(h.alerts.at(-1)?.prompt).toBe(
      'CH-OVERLAP-CANCEL: cancelled, 3 cancellation emails sent',
    );
    await h.close();
  });
});
