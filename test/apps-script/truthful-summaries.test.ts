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

const THREE = [
  'kenji.watanabe@example.com',
  'liam.brennan@example.com',
  'marisol.vega@example.com',
];

function recipients(office: ReturnType<typeof openOffice>) {
  return office.harness.outbox.flatMap((m) => m.to).sort();
}

describe('summaries say what really happened', () => {
  it('says the emails went out when recording them failed, and the timer records them without a second email', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-UNRECORDED')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    await edge.failRequests({ method: 'POST', path: '/notified$', status: 503, times: 3 });
    h.clickMenu('Crew', 'Send crew call for selected charters');
    expect(recipients(office)).toEqual(THREE);
    const summary = h.alerts.at(-1)?.prompt ?? '';
    expect(summary).not.toContain('Sent 0');
    expect(summary).toContain('Sent 1 crew call: CH-UNRECORDED: 3 emails');
    expect(summary).toContain(
      'Recording 3 sent email(s) with the edge API failed (the edge API failed (503); tried 3 times. Try again in a few minutes.); the timer records them, and nobody is emailed twice.',
    );

    const before = h.fetches.length;
    h.runTrigger('tick');
    const recorded = h.fetches
      .slice(before)
      .filter((f) => f.method === 'POST' && f.url.endsWith('/notified'));
    expect(recorded.map((f) => f.status)).toEqual([200]);
    expect(JSON.parse(recorded[0]?.payload ?? '{}').notification_ids).toHaveLength(3);
    h.runTrigger('tick');
    expect(recipients(office)).toEqual(THREE);
    await h.close();
  });

  it('a second Cancel of the same charter reports no emails it did not send', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-CANCEL-TWICE')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    h.clickMenu('Crew', 'Send crew call for selected charters');
    h.select('Charters', 'A2:M2');
    h.ui.queueAlert('YES');
    h.clickMenu('Crew', 'Cancel charter');
    expect(h.alerts.at(-1)?.prompt).toBe('CH-CANCEL-TWICE: cancelled, 3 cancellation emails sent');
    expect(h.outbox).toHaveLength(6);

    h.select('Charters', 'A2:M2');
    h.ui.queueAlert('YES');
    h.clickMenu('Crew', 'Cancel charter');
    expect(h.outbox).toHaveLength(6);
    expect(h.alerts.at(-1)?.prompt).toBe(
      'CH-CANCEL-TWICE: was already cancelled; no cancellation emails sent this time (everyone asked had theirs).',
    );
    await h.close();
  });

  it('a Cancel run again after being killed half-way sends only the cancellations still owed, and says so', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-CANCEL-KILLED')]);
    const h = office.harness;
    h.select('Charters', 'A2:M2');
    h.clickMenu('Crew', 'Send crew call for selected charters');
    h.select('Charters', 'A2:M2');
    h.ui.queueAlert('YES');
    h.killAfterSends(1);
    h.clickMenu('Crew', 'Cancel charter');
    expect(h.outbox).toHaveLength(3 + 1);

    h.select('Charters', 'A2:M2');
    h.ui.queueAlert('YES');
    h.clickMenu('Crew', 'Cancel charter');
    const cancellations = h.outbox.slice(3).flatMap((m) => m.to);
    expect(cancellations.sort()).toEqual(THREE);
    expect(h.alerts.at(-1)?.prompt).toBe(
      'CH-CANCEL-KILLED: was already cancelled; sent the 2 cancellation emails still owed from the first time.',
    );
    await h.close();
  });
});
