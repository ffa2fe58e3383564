import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { charterRow } from './support/office.js';
import { openSidebarOffice, type SidebarOffice } from './support/sidebar-office.js';
import { pageWidth, type SidebarPage, settled } from './support/sidebar-page.js';

// Links tab (issue 15 part C): reissue and revoke a person's portal link and calendar
// feed from the sidebar, through the built script and the real edge API.
const start = new Date('2026-11-28T17:00:00Z');

let sidebar: SidebarPage;
let page: Page;
let whole: SidebarOffice;
beforeAll(async () => {
  whole = await openSidebarOffice(start, inject('dynamodbEndpoint'), [
    charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
  ({ sidebar, page } = whole);
  await page.getByRole('tab', { name: 'Links' }).click();
  await settled(page);
  await page.locator('#link-crew').selectOption({ label: 'Kenji Watanabe (mate, level 2)' });
}, 120_000);
afterAll(() => whole?.close());

const press = async (name: string) => {
  await page.getByRole('button', { name }).click();
  await settled(page);
};
/**
 * Revoke asks first, in place (no window.confirm: a dialog would be recorded as a problem):
 * the question names the person and what stops; nothing is revoked until its Revoke.
 */
const askToRevoke = async (what: 'portal link' | 'calendar feed', question: string) => {
  const before = sidebar.calls.length;
  await press(`Revoke ${what}`);
  const asking = page.getByRole('group', { name: question });
  await asking.waitFor({ timeout: 5000 });
  expect(sidebar.calls.length).toBe(before);
  return asking;
};
const revokeAfterAsking = async (what: 'portal link' | 'calendar feed', question: string) => {
  const asking = await askToRevoke(what, question);
  await asking.getByRole('button', { name: 'Revoke', exact: true }).click();
  await settled(page);
  expect(await asking.count()).toBe(0);
};
const PORTAL_QUESTION =
  'Revoke Kenji Watanabe’s portal link? It stops opening their page; you can issue a new one later.';
const FEED_QUESTION = 'Revoke Kenji Watanabe’s calendar feed? Subscribed calendars stop updating.';
const text = async (selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').trim();

describe('the links tab reissues and revokes a person’s links', () => {
  it('reissues the portal link (the old one stops) and revokes it', async () => {
    await press('Reissue portal link');
    const first = await page.getByLabel('Portal link', { exact: true }).inputValue();
    expect((await fetch(first)).status).toBe(200);
    await press('Reissue portal link');
    expect(await text('#issued')).toContain('New portal link for Kenji Watanabe (issue 2)');
    const second = await page.getByLabel('Portal link', { exact: true }).inputValue();
    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(410);
    expect((await fetch(second)).status).toBe(200);

    await revokeAfterAsking('portal link', PORTAL_QUESTION);
    expect(await text('#issued')).toBe(
      'Portal link of Kenji Watanabe revoked (issue 2): it no longer works.',
    );
    const dead = await fetch(second);
    expect(dead.status).toBe(410);
    expect(await dead.text()).toContain('This link was withdrawn');
  });

  it('issues, reissues and revokes the calendar feed; revoked URLs answer 404', async () => {
    // None yet: the API's words, in place.
    await revokeAfterAsking('calendar feed', FEED_QUESTION);
    expect(await text('#links-error')).toContain('Kenji Watanabe (c-0005) has no calendar feed');

    await press('Reissue calendar feed');
    expect(await page.locator('#links-error').isHidden()).toBe(true);
    const first = await page.getByLabel('Calendar feed address').inputValue();
    expect(first).toMatch(/\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await fetch(first)).status).toBe(200);

    await press('Reissue calendar feed');
    expect(await text('#feed-issued')).toContain('New calendar feed for Kenji Watanabe (issue 2)');
    const second = await page.getByLabel('Calendar feed address').inputValue();
    expect((await fetch(first)).status).toBe(404);
    const calendar = await fetch(second);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');

    await revokeAfterAsking('calendar feed', FEED_QUESTION);
    expect(await text('#feed-issued')).toBe(
      'Calendar feed of Kenji Watanabe revoked (issue 2): it no longer works.',
    );
    expect((await fetch(second)).status).toBe(404);
    await revokeAfterAsking('calendar feed', FEED_QUESTION);
    expect(await text('#feed-issued')).toContain('was already revoked (issue 2): nothing changed');
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: '/tmp/sidebar-links-revoke.png', fullPage: true });
  });

  it('"Keep" revokes nothing: the feed and the portal link still work', async () => {
    await press('Reissue calendar feed');
    const feed = await page.getByLabel('Calendar feed address').inputValue();
    await press('Reissue portal link');
    const portal = await page.getByLabel('Portal link', { exact: true }).inputValue();
    const before = sidebar.calls.length;

    const asking = await askToRevoke('calendar feed', FEED_QUESTION);
    // The safe answer has the focus, so Enter keeps.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
    await asking.getByRole('button', { name: 'Keep', exact: true }).click();
    expect(await asking.count()).toBe(0);
    expect(await text('#status')).toBe('Nothing revoked.');
    // Escape keeps too.
    await askToRevoke('portal link', PORTAL_QUESTION);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('group', { name: PORTAL_QUESTION }).count()).toBe(0);

    expect(sidebar.calls.slice(before)).toEqual([]);
    expect((await fetch(feed)).status).toBe(200);
    expect((await fetch(portal)).status).toBe(200);
  });

  it('reached the server only through google.script.run, showing progress each time', () => {
    expect(sidebar.problems).toEqual([]);
    expect(sidebar.calls.filter((c) => !c.progressShown)).toEqual([]);
    expect(new Set(sidebar.calls.map((c) => c.name))).toEqual(
      new Set([
        'sidebarLoadRoster',
        'sidebarIssueLink',
        'sidebarRevokePortalLink',
        'sidebarIssueFeed',
        'sidebarRevokeFeed',
      ]),
    );
  });
});
