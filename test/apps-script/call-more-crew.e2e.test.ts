import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// A week before a Saturday charter needing 2 deckhands: Esmi Duarte (level 3) is asked first,
// Hana Lindqvist (level 4) waits for the next level. Danika Holm is only free in the afternoon.
const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;

const sentTo = (from: number) => office.harness.outbox.slice(from).map((m) => m.to[0]);
const lastAlert = () => office.harness.alerts.at(-1)?.prompt ?? '';

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-2026-1205-M', '2026-12-05', '09:00', '13:00', 'deckhand 2'),
  ]);
  office.harness.select('Charters', 'A2:M2');
  office.harness.clickMenu('Crew', 'Send crew call for selected charters');
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('call more crew on a running call', () => {
  it('asks nobody new while the month tab is unchanged', () => {
    expect(sentTo(0)).toEqual(['esmi.duarte@example.com']);
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Call more crew');
    expect(lastAlert()).toContain('nobody new to ask');
    expect(office.harness.outbox).toHaveLength(1);
  });

  it('re-reads the month tab: someone now free is asked as a new level, after a yes', async () => {
    // Danika Holm's cell for 5 December: free all day now.
    office.harness.range('December 2026', 'H6').setValue('Yes');
    await office.setClock(new Date(start.getTime() + 60 * 60_000));
    office.harness.select('Charters', 'A2:M2');
    office.harness.ui.queueAlert('NO');
    office.harness.clickMenu('Crew', 'Call more crew');
    expect(office.harness.alerts.at(-1)?.prompt).toContain('ask Danika Holm (deckhand) now');
    expect(office.harness.outbox).toHaveLength(1);

    office.harness.ui.queueAlert('YES');
    office.harness.clickMenu('Crew', 'Call more crew');
    expect(sentTo(1)).toEqual(['danika.holm@example.com']);
    expect(lastAlert()).toContain('level 5 asks Danika Holm (deckhand); sent 1 email(s)');
    expect(office.charterCells(1).status).toBe('calling level 5; open: deckhand 2');
  });

  it('never asks anyone twice', () => {
    office.harness.clickMenu('Crew', 'Call more crew');
    expect(lastAlert()).toContain('nobody new to ask');
    office.harness.ui.queuePrompt('Esmi Duarte');
    office.harness.clickMenu('Crew', 'Ask one crew member…');
    expect(lastAlert()).toContain('Esmi Duarte was already asked for CH-2026-1205-M');
    expect(office.harness.outbox).toHaveLength(2);
  });

  it('asks one hand-picked roster member outside the plan', () => {
    office.harness.ui.queuePrompt('Owen Pike');
    office.harness.ui.queueAlert('YES');
    office.harness.clickMenu('Crew', 'Ask one crew member…');
    expect(sentTo(2)).toEqual(['owen.pike@example.com']);
    expect(office.harness.outbox.at(-1)?.body).toContain('/m/');
    expect(lastAlert()).toContain('asks Owen Pike (deckhand)');
  });

  it('the cascade still goes on to the planned level afterwards', async () => {
    await office.setClock(new Date(start.getTime() + 14 * 3600_000));
    const before = office.harness.outbox.length;
    office.harness.runTrigger('tick');
    expect(sentTo(before)).toEqual(['hana.lindqvist@example.com']);
  });
});
