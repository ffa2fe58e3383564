import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isKilled } from '../apps-script-harness/index.js';
import { charterRow, type EdgeServer, openOffice, startEdgeServer } from './support/office.js';

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(() => edge?.stop());

/** Many charters across December: enough crew calls for a backlog of hundreds of emails. */
function manyCharters(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const hour = String(6 + Math.floor(i / 28) * 2).padStart(2, '0');
    return charterRow(
      `CH-BACKLOG-${String(i).padStart(3, '0')}`,
      `2026-12-${day}`,
      `${hour}:00`,
      `${hour}:30`,
      'captain 1, mate 1, deckhand 2',
    );
  });
}

describe('the 6-minute limit', () => {
  it('a timer run with a large backlog stops sending in time and the next run sends the rest, each once', async () => {
    const charters = manyCharters(100);
    const office = openOffice(edge, start, charters);
    const h = office.harness;
    // Yesterday's quota ran out: every crew call started, its emails wait.
    h.emailQuota = 0;
    h.select('Charters', `A2:M${charters.length + 1}`);
    h.clickMenu('Crew', 'Send crew call for selected charters');
    expect(h.outbox).toHaveLength(0);
    const waiting = Number(
      /(\d+) email\(s\) wait for tomorrow/.exec(h.alerts.at(-1)?.prompt ?? '')?.[1],
    );
    expect(waiting).toBeGreaterThan(150);

    // The next day: a new quota, and every call's first window has passed, so the timer
    // escalates them all and has the waiting emails and the next levels' to send.
    h.emailQuota = 1500;
    await office.setClock(new Date(h.clock.time + 13 * 3_600_000));
    const first = h.runTrigger('tick');
    // Not killed: it stopped starting emails a minute before the limit, recorded what it
    // sent, and says how many wait.
    expect(isKilled(first)).toBe(false);
    expect(h.executions.at(-1)?.outcome).toBe('completed');
    const sentFirst = h.outbox.length;
    expect(first).toMatchObject({ sent: sentFirst, skippedBecauseBusy: false });
    const waitingForTime = (first as { waitingForTime: number }).waitingForTime;
    expect(waitingForTime).toBeGreaterThan(0);
    expect(sentFirst).toBeGreaterThan(waiting);
    expect(h.logs.some((l) => l.message.includes(`"waitingForTime":${waitingForTime}`))).toBe(true);

    // The next run sends the rest. UrlFetchApp costs its real round trip on the harness
    // clock, so on a loaded machine that run may reach the limit too: then it also stops in
    // time and the one after finishes. Nothing is lost, nothing is sent twice, no run is killed.
    let left = waitingForTime;
    for (let run = 0; run < 3 && left > 0; run++) {
      await office.setClock(new Date(h.clock.time + 5 * 60_000));
      const next = h.runTrigger('tick');
      expect(isKilled(next)).toBe(false);
      left = (next as { waitingForTime: number }).waitingForTime;
    }
    expect(left).toBe(0);
    expect(h.outbox).toHaveLength(sentFirst + waitingForTime);
    const emails = h.outbox.map((m) => `${m.to.join(',')}|${m.subject}|${m.body}`);
    expect(new Set(emails).size).toBe(emails.length); // nobody got the same email twice
    await h.close();
  }, 180_000);
});
