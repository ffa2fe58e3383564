import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { PortalLinkAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { closeAllPages, launchChromium } from '../../support/browser.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 15 part C: the portal's calendar section in Chromium at 320 px, JavaScript off.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi | undefined;
let browser: Browser | undefined;
let portal: string;
beforeAll(async () => {
  browser = await launchChromium();
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  const res = await signedFetch(`${api.url}/api/links/portal`, {
    method: 'POST',
    body: { crew_id: 'c-0006' },
  });
  portal = ((await res.json()) as PortalLinkAnswer).url;
});
afterEach(async () => {
  if (browser) await closeAllPages(browser);
});
afterAll(async () => {
  await Promise.allSettled([browser?.close(), api?.close()]);
});

async function smallPhone(javaScriptEnabled: boolean): Promise<Page> {
  const context = await (browser as Browser).newContext({
    viewport: { width: 320, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    javaScriptEnabled,
    // axe is injected by the test; the page's own CSP allows no script at all.
    bypassCSP: javaScriptEnabled,
  });
  return context.newPage();
}

async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** axe's findings of any impact on the page as it is now. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    type Rule = { id: string; impact: string; nodes: unknown[] };
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Rule[]; passes: Rule[] }> } }
    ).axe;
    const { violations, passes } = await axe.run();
    return { violations, passes: passes.length };
  });
  expect(result.passes).toBeGreaterThan(10);
  return result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
}

const section = (page: Page) => page.locator('section#calendar');

describe('the portal’s calendar section', () => {
  it('offers "Get my calendar link" (a GET creates nothing), which works without JavaScript', async () => {
    const page = await smallPhone(false);
    expect((await page.goto(portal))?.status()).toBe(200);
    // Opening the portal (as a mail scanner would) made no feed.
    expect(await section(page).getByLabel('Your calendar address').count()).toBe(0);
    await page.reload();
    await expectNoSideScroll(page);
    await page.screenshot({ path: '/tmp/portal-calendar-none.png', fullPage: true });

    await section(page).getByRole('button', { name: 'Get my calendar link' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(new URL(portal).pathname);
    const url = await section(page).getByLabel('Your calendar address').inputValue();
    expect(url).toMatch(/\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    const webcal = await section(page)
      .getByRole('link', { name: 'Subscribe on this phone' })
      .getAttribute('href');
    expect(webcal).toBe(url.replace(/^http:/, 'webcal:'));
    for (const app of ['Google Calendar', 'Apple Calendar', 'Outlook'])
      expect(await section(page).getByRole('heading', { name: app }).count()).toBe(1);
    expect(await section(page).textContent()).toContain('Other calendars');
    expect(await section(page).textContent()).toContain('Subscribe from web');
    expect(await section(page).textContent()).toContain('Add Subscribed Calendar');
    await expectNoSideScroll(page);
    await page.screenshot({ path: '/tmp/portal-calendar-feed.png', fullPage: true });

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('X-WR-CALNAME:Harbor Charters (demo) charters');

    // A second press (a double tap, the back button) keeps the same address.
    const again = await fetch(`${portal}/calendar`, {
      method: 'POST',
      headers: {
        origin: new URL(portal).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    await page.reload();
    expect(await section(page).getByLabel('Your calendar address').inputValue()).toBe(url);
  });

  it('is axe clean at 320 px, with and without a feed', async () => {
    const withFeed = await smallPhone(true);
    await withFeed.goto(portal);
    expect(await section(withFeed).getByLabel('Your calendar address').count()).toBe(1);
    expect(await axeFindings(withFeed)).toEqual([]);

    const other = await signedFetch(`${(api as TestApi).url}/api/links/portal`, {
      method: 'POST',
      body: { crew_id: 'c-0007' },
    });
    const page = await smallPhone(true);
    await page.goto(((await other.json()) as PortalLinkAnswer).url);
    expect(await section(page).getByRole('button', { name: 'Get my calendar link' }).count()).toBe(
      1,
    );
    expect(await axeFindings(page)).toEqual([]);
  });
});
