import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  PortalLinkAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { closeAllPages, launchChromium } from '../../support/browser.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 13: Decline and Drop out ask "are you sure?" on a second page, with no JavaScript,
// on the smallest phones (320 px); the portal's "Open this charter" is a real button.
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterEach(async () => {
  if (browser) await closeAllPages(browser);
});
afterAll(async () => {
  await Promise.allSettled([browser?.close(), api?.close()]);
});
const app = () => api as TestApi;

// Level 2 of the demo roster is called first: Liam (captain), Kenji and Marisol (mates).
const availability = {
  Abdul: 'no',
  'Capt. Teresa': 'no',
  'Liam B': 'am',
  Marisol: 'am',
  Kenji: 'yes',
};

async function startCall(id: string, date: string): Promise<Record<'kenji' | 'marisol', string>> {
  const put = await signedFetch(`${app().url}/api/charters/${id}`, {
    method: 'PUT',
    body: { ...seaLark1205, date },
  });
  expect(put.status).toBe(201);
  const res = await signedFetch(`${app().url}/api/charters/${id}/calls`, {
    method: 'POST',
    body: { availability },
  });
  expect(res.status).toBe(201);
  const { notifications } = (await res.json()) as StartCallAnswer;
  const link = (first: string) =>
    notifications.find((n) => n.to.startsWith(`${first}.`))?.link_url as string;
  return { kenji: link('kenji'), marisol: link('marisol') };
}

/** The office's view of the call's mate seat. */
async function mates(id: string) {
  const summary = (await (
    await signedFetch(`${app().url}/api/charters/${id}`)
  ).json()) as CharterWithCall;
  return summary.call?.roles.find((r) => r.role === 'mate');
}

/** A 320 px phone with JavaScript switched off: everything must work as plain HTML forms. */
async function smallPhoneWithoutScript(): Promise<{ page: Page; problems: string[] }> {
  const context = await (browser as Browser).newContext({
    viewport: { width: 320, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  return { page, problems };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const link = (page: Page, name: string) => page.getByRole('link', { name, exact: true });
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

/** A touch target: at least 44 px tall, and as wide as the section it sits in (less its padding). */
async function expectFullSizeTarget(target: ReturnType<Page['locator']>): Promise<void> {
  const box = await target.boundingBox();
  const inner = await target.evaluate((node) => {
    const section = node.closest('section') as HTMLElement;
    const style = getComputedStyle(section);
    return section.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  });
  expect(box?.height).toBeGreaterThanOrEqual(44);
  expect(box?.width).toBeGreaterThanOrEqual(inner - 1);
}

describe('confirmation steps, at 320 px with JavaScript disabled', () => {
  it('Decline shows a confirmation that uses nothing; Back returns to the call page; Confirm declines with the reason', async () => {
    const links = await startCall('CH-CONFIRM-DECLINE', '2026-12-12');
    const { page, problems } = await smallPhoneWithoutScript();
    expect((await page.goto(links.marisol))?.status()).toBe(200);

    await page.getByLabel('Reason (optional)').fill('Family visit that weekend');
    await button(page, 'Decline').click();
    await page.waitForURL(`${links.marisol}/confirm`);
    expect(await heading(page, 'Decline this charter?').count()).toBe(1);
    expect(await page.locator('dl dd').textContent()).toBe('Family visit that weekend');
    await expectFullSizeTarget(button(page, 'Yes, decline'));
    await expectFullSizeTarget(link(page, 'No, go back'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.screenshot({ path: '/tmp/crew-confirm-decline.png', fullPage: true });

    // Seeing the question answered nothing: Marisol is still asked, and her link still works.
    expect((await mates('CH-CONFIRM-DECLINE'))?.pending.map((p) => p.name)).toContain(
      'Marisol Vega',
    );
    expect((await mates('CH-CONFIRM-DECLINE'))?.declined).toEqual([]);

    await link(page, 'No, go back').click();
    await page.waitForURL(links.marisol);
    expect(await button(page, 'Accept').isVisible()).toBe(true);
    expect(await button(page, 'Decline').isVisible()).toBe(true);

    // The browser's Back from the confirmation page lands on the call page too.
    await button(page, 'Decline').click();
    await page.waitForURL(`${links.marisol}/confirm`);
    await page.goBack();
    await page.waitForURL(links.marisol);
    expect(await button(page, 'Accept').isVisible()).toBe(true);

    await page.getByLabel('Reason (optional)').fill('Family visit that weekend');
    await button(page, 'Decline').click();
    await page.waitForURL(`${links.marisol}/confirm`);
    await button(page, 'Yes, decline').click();
    await page.waitForURL(/\?result=declined$/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Thanks, we recorded that you can’t make it.',
    );
    expect(await heading(page, 'Already answered: you declined').count()).toBe(1);
    expect((await mates('CH-CONFIRM-DECLINE'))?.declined).toEqual([
      { crew_id: 'c-0004', name: 'Marisol Vega', reason: 'Family visit that weekend' },
    ]);
    expect(problems).toEqual([]);
  });

  it('Drop out asks first; "No, keep my seat" keeps it; Confirm drops out', async () => {
    const links = await startCall('CH-CONFIRM-DROPOUT', '2026-12-13');
    expect((await postCrewForm(links.kenji, { action: 'accept' })).result).toBe('confirmed');
    const { page, problems } = await smallPhoneWithoutScript();
    await page.goto(links.kenji);
    await page.getByLabel('Can’t make it after all? Reason (optional)').fill('Sprained ankle');
    await button(page, 'Drop out').click();
    await page.waitForURL(`${links.kenji}/confirm`);
    expect(await heading(page, 'Drop out of this charter?').count()).toBe(1);
    expect(await page.locator('dl dd').textContent()).toBe('Sprained ankle');
    await expectFullSizeTarget(button(page, 'Yes, drop out'));
    await expectFullSizeTarget(link(page, 'No, keep my seat'));

    await link(page, 'No, keep my seat').click();
    await page.waitForURL(links.kenji);
    expect(await heading(page, "You're confirmed").count()).toBe(1);
    expect((await mates('CH-CONFIRM-DROPOUT'))?.confirmed.map((c) => c.name)).toEqual([
      'Kenji Watanabe',
    ]);

    await button(page, 'Drop out').click();
    await page.waitForURL(`${links.kenji}/confirm`);
    await button(page, 'Yes, drop out').click();
    await page.waitForURL(/\?result=dropped$/);
    expect(await page.getByRole('status').textContent()).toBe(
      'You dropped out. The office and standby crew have been told.',
    );
    expect(await heading(page, 'You dropped out of this charter').count()).toBe(1);
    expect((await mates('CH-CONFIRM-DROPOUT'))?.confirmed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the confirmation step changes nothing for scanners, answered links or an overlong reason', async () => {
    const links = await startCall('CH-CONFIRM-EDGES', '2026-12-14');
    const confirmUrl = `${links.marisol}/confirm`;
    // A scanner following the address: sent back to the call page, nothing written.
    const scanned = await fetch(confirmUrl, { redirect: 'manual' });
    expect(scanned.status).toBe(303);
    expect(new URL(scanned.headers.get('location') ?? '', confirmUrl).href).toBe(links.marisol);
    // Another site cannot post to it.
    const forged = await postCrewForm(
      confirmUrl,
      { action: 'decline' },
      'https://evil.example.com',
    );
    expect(forged.status).toBe(403);
    // An overlong reason is refused on the call page, naming the field, before any question.
    const long = await postCrewForm(confirmUrl, { action: 'decline', reason: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.body).toContain('The reason must be at most 300 characters.');
    expect(long.body).toContain('>Accept</button>');
    expect((await mates('CH-CONFIRM-EDGES'))?.pending.map((p) => p.name)).toContain('Marisol Vega');

    // Asking to drop out before being confirmed, or declining an answered link: the page as it is.
    const early = await postCrewForm(confirmUrl, { action: 'dropout' });
    expect(early.status).toBe(303);
    expect((await postCrewForm(links.marisol, { action: 'decline' })).result).toBe('declined');
    const again = await postCrewForm(confirmUrl, { action: 'decline' });
    expect(again.status).toBe(303);
    expect(new URL(again.location ?? '', confirmUrl).href).toBe(links.marisol);
    const page = await (await fetch(links.marisol)).text();
    expect(page).toContain('Already answered: you declined');
  });
});

describe('the personal portal at 320 px', () => {
  it('"Open this charter" is a full-width button at least 44 px tall that opens the call page', async () => {
    const links = await startCall('CH-PORTAL-BUTTON', '2026-12-15');
    const crewId = (await mates('CH-PORTAL-BUTTON'))?.pending.find(
      (p) => p.name === 'Kenji Watanabe',
    )?.crew_id;
    const res = await signedFetch(`${app().url}/api/links/portal`, {
      method: 'POST',
      body: { crew_id: crewId },
    });
    expect(res.status).toBe(201);
    const portal = (await res.json()) as PortalLinkAnswer;

    const { page, problems } = await smallPhoneWithoutScript();
    expect((await page.goto(portal.url))?.status()).toBe(200);
    // Earlier tests asked Kenji too: one section per charter, each with its own button.
    const entry = page.locator('section').filter({ hasText: 'Tue 15 Dec 2026' });
    expect(await entry.getByRole('heading', { name: 'Sea Lark: mate' }).count()).toBe(1);
    const open = link(entry as unknown as Page, 'Open this charter');
    await expectFullSizeTarget(open);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.screenshot({ path: '/tmp/crew-portal.png', fullPage: true });
    await open.click();
    await page.waitForURL(links.kenji);
    expect(await button(page, 'Accept').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
