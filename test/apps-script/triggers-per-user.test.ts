import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type EdgeServer, openOffice, startEdgeServer } from './support/office.js';

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(() => edge?.stop());

const FIRST = 'office@example.com';
const SECOND = 'office2@example.com';

describe('triggers belong to the person who installed them', () => {
  it('one timer for the office however many people click Install, and Remove says what it really did', async () => {
    const office = openOffice(edge, start, []);
    const h = office.harness;
    h.clickMenu('Crew', 'Install triggers');
    expect(h.triggers.map((t) => [t.handler, t.owner])).toEqual([
      ['tick', FIRST],
      ['monthlyReportTrigger', FIRST],
    ]);

    // A second office user cannot see the first one's triggers: Install must not start a second timer.
    h.as(SECOND).clickMenu('Crew', 'Install triggers');
    expect(h.triggers.map((t) => t.owner)).toEqual([FIRST, FIRST]);
    expect(h.alerts.at(-1)?.prompt).toBe(
      `The timer and the monthly report already run as ${FIRST} (installed Nov 28, 2026, 9:00 AM). Only one person's timer may run. To take it over, ${FIRST} uses Crew › Remove triggers first; then install here.`,
    );

    // …and Remove must not claim to stop what it cannot.
    h.as(SECOND).clickMenu('Crew', 'Remove triggers');
    expect(h.triggers.map((t) => t.owner)).toEqual([FIRST, FIRST]);
    expect(h.alerts.at(-1)?.prompt).toBe(
      `You have no crewcall triggers to remove. The timer and the monthly report still run as ${FIRST}; only ${FIRST} can remove them (Crew › Remove triggers).`,
    );

    h.clickMenu('Crew', 'Remove triggers');
    expect(h.triggers).toEqual([]);
    expect(h.alerts.at(-1)?.prompt).toBe(
      'Removed your triggers: tick every 5 minutes, monthlyReportTrigger on the 1st of each month at 6 am. Crew calls no longer escalate by themselves, and the monthly report no longer runs on the 1st.',
    );

    // Now the second user may take over.
    h.as(SECOND).clickMenu('Crew', 'Install triggers');
    expect(h.triggers.map((t) => [t.handler, t.owner])).toEqual([
      ['tick', SECOND],
      ['monthlyReportTrigger', SECOND],
    ]);
    expect(h.runTrigger('tick')).toMatchObject({ skippedBecauseBusy: false });
    expect(h.executions.at(-1)?.user).toBe(SECOND);

    // SECOND deletes theirs in the editor instead of Remove triggers: once their timer has
    // not run for half an hour, FIRST may install again and is told so.
    for (const t of h.triggers) h.deleteTriggerByHand(t.id);
    await office.setClock(new Date(h.clock.time + 31 * 60_000));
    h.clickMenu('Crew', 'Install triggers');
    expect(h.triggers.map((t) => t.owner)).toEqual([FIRST, FIRST]);
    expect(h.alerts.at(-1)?.prompt).toBe(
      `Installed: tick every 5 minutes, monthlyReportTrigger on the 1st of each month at 6 am. They run as ${FIRST}. ${SECOND}'s timer has not run for over 30 minutes (removed in the editor?); yours takes over.`,
    );
    await h.close();
  });
});
