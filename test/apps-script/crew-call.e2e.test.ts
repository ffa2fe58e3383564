import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import {
  charterRow,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// A week before the charter: level windows are 12 hours.
const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
let office: Office;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.harness.close();
  await edge?.stop();
});

describe('the office flow, end to end', () => {
  it('adds the Crew menu when the sheet opens', () => {
    office.harness.runSimpleTrigger('onOpen');
    const crew = office.harness.menus.find((m) => m.caption === 'Crew');
    expect(crew?.items.flatMap((i) => ('caption' in i ? [i.caption] : []))).toEqual(
      expect.arrayContaining([
        'Send crew call for selected charters',
        'Preview crew call',
        'Cancel charter',
        'Sync now',
        'Install triggers',
      ]),
    );
  });

  it('previews who would be called without sending anything', () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Preview crew call');
    const alert = office.harness.alerts.at(-1);
    expect(alert?.prompt).toContain('Level 2');
    expect(alert?.prompt).toContain('Kenji Watanabe (mate)');
    expect(alert?.prompt).toContain('Level 1 skipped');
    expect(office.harness.outbox).toHaveLength(0);
  });

  it('sends the crew call: emails with links and invites, the status written back', () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const summary = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain('Sent 1 crew call: CH-2026-1205-A: 3 emails');
    const to = office.harness.outbox.flatMap((m) => m.to).sort();
    expect(to).toEqual([
      'kenji.watanabe@example.com',
      'liam.brennan@example.com',
      'marisol.vega@example.com',
    ]);
    for (const mail of office.harness.outbox) {
      expect(mail.htmlBody).toContain('/m/');
      expect(mail.attachments[0]?.name).toMatch(/\.ics$/);
      expect(mail.attachments[0]?.contentType).toContain('method=PUBLISH'); // issue 13: was REQUEST
    }
    expect(office.charterCells(1).status).toBe(
      'calling level 2; open: captain 1, deckhand 2, mate 1',
    );
  });

  it('copies an answer from the crew page into the sheet on the next tick', async () => {
    const kenji = office.harness.outbox.find((m) => m.to.includes('kenji.watanabe@example.com'));
    const page = await browser.newPage();
    await page.goto(linkIn(kenji?.body ?? ''));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText("You're confirmed").first().waitFor();
    await page.close();

    await office.setClock(new Date(start.getTime() + 5 * 60_000));
    const before = office.harness.outbox.length;
    office.harness.runTrigger('tick');
    expect(office.charterCells(1).crew).toBe('Kenji Watanabe (mate)');
    expect(office.charterCells(1).status).toBe('calling level 2; open: captain 1, deckhand 2');
    const confirmation = office.harness.outbox.slice(before);
    expect(confirmation.map((m) => m.to[0])).toEqual(['kenji.watanabe@example.com']);
    expect(confirmation[0]?.attachments[0]?.contentType).toContain('method=PUBLISH'); // was REQUEST
    const responses = office.harness.sheetValues('Responses');
    expect(responses[1]?.slice(1, 5)).toEqual([
      'CH-2026-1205-A',
      'Kenji Watanabe',
      'mate',
      'confirmed',
    ]);
  });

  it('escalates to the next level once the window has passed', async () => {
    await office.setClock(new Date(start.getTime() + 12 * 3600_000 + 60_000));
    const before = office.harness.outbox.length;
    office.harness.runTrigger('tick');
    const sent = office.harness.outbox.slice(before);
    expect(sent.map((m) => m.to[0])).toEqual(['esmi.duarte@example.com']);
    expect(office.charterCells(1).status).toBe('calling level 3; open: captain 1, deckhand 2');
    // Nothing new: the next tick sends nothing and writes nothing to the sheet.
    office.harness.calls.reset();
    office.harness.runTrigger('tick');
    expect(office.harness.outbox.length).toBe(before + 1);
    expect(office.harness.calls.count('UrlFetchApp.fetch')).toBe(1);
    expect(office.harness.calls.total('SpreadsheetApp.Range.set')).toBe(0);
  });

  it('keeps a decline reason as text in the Responses tab, never a formula', async () => {
    const esmi = office.harness.outbox.find((m) => m.to.includes('esmi.duarte@example.com'));
    const res = await fetch(linkIn(esmi?.body ?? ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: edge.url },
      body: new URLSearchParams({
        action: 'decline',
        reason: '=HYPERLINK("http://example.com","boat yard")',
      }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    await office.setClock(new Date(office.harness.clock.time + 60_000));
    office.harness.runTrigger('tick');
    const responses = office.harness.sheetValues('Responses');
    const last = responses.at(-1) ?? [];
    expect(last[4]).toBe('declined');
    expect(last[6]).toBe('=HYPERLINK("http://example.com","boat yard")');
    expect(office.harness.formulas('Responses').flat().filter(Boolean)).toEqual([]);
  });

  it('cancels the charter after a yes: calendar cancellations to everyone asked, links dead, status written', async () => {
    const before = office.harness.outbox.length;
    const someLink = linkIn(office.harness.outbox[0]?.body ?? '');
    office.harness.select('Charters', 'A2:M2');
    office.harness.ui.queueAlert('YES');
    office.harness.clickMenu('Crew', 'Cancel charter');
    const cancellations = office.harness.outbox.slice(before);
    expect(cancellations.flatMap((m) => m.to).sort()).toEqual([
      'esmi.duarte@example.com',
      'kenji.watanabe@example.com',
      'liam.brennan@example.com',
      'marisol.vega@example.com',
    ]);
    for (const mail of cancellations)
      expect(mail.attachments[0]?.contentType).toContain('method=CANCEL');
    expect(office.charterCells(1).status).toBe('cancelled');
    expect((await fetch(someLink)).status).toBe(410);
  });
});
