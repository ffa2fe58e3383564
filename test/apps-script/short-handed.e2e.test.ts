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
import { openSidebarPage, settled, sidebarHtml } from './support/sidebar-page.js';

// A week before a Saturday charter needing 2 deckhands: Esmi Duarte (level 3) and Hana Lindqvist
// (level 4) are the only deckhands free that morning. Windows are 12 hours a week out.
const start = new Date('2026-11-28T17:00:00Z');
// 24 hours before 09:00 Pacific on 5 December.
const dayBefore = new Date('2026-12-04T17:00:00Z');
let edge: EdgeServer;
let office: Office;

const toOffice = () => office.harness.outbox.filter((m) => m.to.includes('office@example.com'));

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-2026-1205-S', '2026-12-05', '09:00', '13:00', 'deckhand 2'),
  ]);
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('a call that runs short', () => {
  it('calls the first deckhand free, who declines with a reason', async () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const esmi = office.harness.outbox.find((m) => m.to.includes('esmi.duarte@example.com'));
    expect(office.harness.outbox.map((m) => m.to[0])).toEqual(['esmi.duarte@example.com']);
    const res = await fetch(linkIn(esmi?.body ?? ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: edge.url },
      body: new URLSearchParams({ action: 'decline', reason: 'boat yard all weekend' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    await office.setClock(new Date(start.getTime() + 5 * 60_000));
    office.harness.runTrigger('tick');
    // The window is still running: not short-handed yet, and the office is not emailed.
    expect(office.charterCells(1).status).not.toMatch(/^short/);
    expect(toOffice()).toHaveLength(0);
  });

  it('calls the last level when the first window passes', async () => {
    await office.setClock(new Date(start.getTime() + 12 * 3600_000 + 60_000));
    office.harness.runTrigger('tick');
    expect(office.harness.outbox.at(-1)?.to).toEqual(['hana.lindqvist@example.com']);
    expect(office.charterCells(1).status).toBe('calling level 4; open: deckhand 2');
    expect(toOffice()).toHaveLength(0);
  });

  it('once the last window passes: Status says short, the office gets one email, even when recording it fails', async () => {
    const lastClosed = start.getTime() + 24 * 3600_000 + 60_000;
    await office.setClock(new Date(lastClosed + 60_000));
    // The send is recorded by the next run instead: the email must not go out twice.
    await edge.failRequests({ method: 'POST', path: '/notified$', status: 503, times: 1 });
    office.harness.runTrigger('tick');
    expect(office.charterCells(1).status).toBe('short: deckhand 2');
    const mails = toOffice();
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toContain('Short-handed');
    expect(mail?.subject).toContain('CH-2026-1205-S');
    expect(mail?.body).toContain('Open seats: deckhand 2');
    expect(mail?.body).toContain(
      'Esmi Duarte (deckhand, level 3): declined: "boat yard all weekend"',
    );
    expect(mail?.body).toContain('Hana Lindqvist (deckhand, level 4): asked, no answer yet');
    expect(mail?.body).toContain('Declined: Esmi Duarte ("boat yard all weekend")');

    for (let i = 1; i <= 3; i++) {
      await office.setClock(new Date(lastClosed + (1 + 5 * i) * 60_000));
      office.harness.runTrigger('tick');
    }
    expect(toOffice()).toHaveLength(1);
    expect(office.charterCells(1).status).toBe('short: deckhand 2');
  });

  it('shows the call in red on the sidebar Board', async () => {
    const browser = await launchChromium();
    try {
      const { page } = await openSidebarPage(browser, office.harness, sidebarHtml(office.harness));
      await settled(page);
      await page.getByRole('tab', { name: 'Board' }).click();
      await settled(page);
      const cascade = page.locator('article[data-charter-id="CH-2026-1205-S"] .cascade');
      expect(await cascade.textContent()).toBe(
        'Short-handed: deckhand 2 open; everyone was asked.',
      );
      expect(await cascade.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(165, 14, 14)');
      await page.screenshot({ path: '/tmp/short-handed-board.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('tells the office once more 24 hours before departure, and only once', async () => {
    await office.setClock(new Date(dayBefore.getTime() - 60 * 60_000));
    office.harness.runTrigger('tick');
    expect(toOffice()).toHaveLength(1);
    await office.setClock(new Date(dayBefore.getTime() + 60_000));
    office.harness.runTrigger('tick');
    office.harness.runTrigger('tick');
    const mails = toOffice();
    expect(mails).toHaveLength(2);
    expect(mails[1]?.body).toContain('leaves soon');
    expect(mails[1]?.body).toContain('Open seats: deckhand 2');
    await office.setClock(new Date(dayBefore.getTime() + 10 * 60_000));
    office.harness.runTrigger('tick');
    expect(toOffice()).toHaveLength(2);
    expect(office.charterCells(1).status).toBe('short: deckhand 2');
  });
});
