import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { MarksAnswer, PortalLinkAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { closeAllPages, launchChromium } from '../../support/browser.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 15: crew keep their availability on the portal, at 320 px, with JavaScript off.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
// 09:00 in Los Angeles: the portal lists 2 Dec 2026 to 30 Jan 2027.
const clock = new Date('2026-12-02T17:00:00Z');
let api: TestApi | undefined;
let browser: Browser | undefined;
let link: string;
beforeAll(async () => {
  browser = await launchChromium();
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  const res = await signedFetch(`${api.url}/api/links/portal`, {
    method: 'POST',
    body: { crew_id: 'c-0002' },
  });
  link = ((await res.json()) as PortalLinkAnswer).url;
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
    hasTouch: true,
    javaScriptEnabled,
    // axe is injected by the test; the page's own CSP allows no script at all.
    bypassCSP: javaScriptEnabled,
  });
  return context.newPage();
}

const marks = async (query: string) =>
  (
    (await (
      await signedFetch(`${(api as TestApi).url}/api/availability/marks?${query}`)
    ).json()) as MarksAnswer
  ).marks;

async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** axe's serious and critical findings on the page as it is now. */
async function seriousFindings(url: string, post?: Record<string, string>): Promise<string[]> {
  const page = await smallPhone(true);
  if (post) {
    // The refused form's page, as the browser gets it after a bad save.
    await page.goto(link);
    for (const [id, value] of Object.entries(post)) {
      if (id.startsWith('#kind')) await page.selectOption(id, value);
      else await page.fill(id, value);
    }
    await page.getByRole('button', { name: 'Save my availability' }).click();
    await page.waitForLoadState();
  } else await page.goto(url);
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    type Rule = { id: string; impact: string; nodes: unknown[] };
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Rule[]; passes: Rule[] }> } }
    ).axe;
    const { violations, passes } = await axe.run();
    return {
      violations,
      passes: passes.length,
      refused: document.querySelector('.field-error') !== null,
    };
  });
  // axe really looked at the page (and, after a bad save, at the refused form).
  expect(result.passes).toBeGreaterThan(10);
  expect(result.refused).toBe(post !== undefined);
  const violations = result.violations;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

describe('the portal availability form', () => {
  it('marks three days without JavaScript at 320 px and keeps them after a reload', async () => {
    const page = await smallPhone(false);
    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Your availability' }).count()).resolves.toBe(1);
    expect(await page.locator('ul.days > li').count()).toBe(60);
    expect(await page.locator('ul.days legend').first().textContent()).toBe('Wed 2 Dec');
    expect(await page.locator('ul.days legend').last().textContent()).toBe('Sat 30 Jan');
    await expectNoSideScroll(page);

    await page.getByLabel('Answer').nth(1).selectOption('yes');
    await page.selectOption('#kind_2026-12-04', 'after');
    await page.fill('#after_2026-12-04', '14:00');
    await page.fill('#note_2026-12-04', 'ferry back (2pm?)');
    await page.selectOption('#kind_2026-12-05', 'no');
    await page.getByRole('button', { name: 'Save my availability' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).searchParams.get('saved')).toBe('3');
    expect(await page.getByRole('status').textContent()).toBe('Saved 3 days.');

    await page.reload();
    expect(await page.inputValue('#kind_2026-12-03')).toBe('yes');
    expect(await page.inputValue('#kind_2026-12-04')).toBe('after');
    expect(await page.inputValue('#after_2026-12-04')).toBe('14:00');
    expect(await page.inputValue('#note_2026-12-04')).toBe('ferry back (2pm?)');
    expect(await page.inputValue('#kind_2026-12-05')).toBe('no');
    expect(await page.inputValue('#kind_2026-12-06')).toBe('');
    expect((await marks('from=2026-12-03&to=2026-12-05')).map((m) => m.text)).toEqual([
      'Y',
      'after 14:00 [ferry back (2pm?)]',
      'N',
    ]);
  });

  it('refuses After without a time next to that day, keeps what was typed, saves nothing', async () => {
    const page = await smallPhone(false);
    await page.goto(link);
    await page.selectOption('#kind_2026-12-10', 'morning');
    await page.selectOption('#kind_2026-12-11', 'after');
    await page.fill('#note_2026-12-11', 'boat yard');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save my availability' }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain('Nothing was saved');
    const row = page.locator('ul.days > li', { has: page.locator('#kind_2026-12-11') });
    expect(await row.locator('.field-error').textContent()).toBe(
      'Give the time you are free after.',
    );
    expect(await page.inputValue('#kind_2026-12-10')).toBe('morning');
    expect(await page.inputValue('#note_2026-12-11')).toBe('boat yard');
    await expectNoSideScroll(page);
    expect(await marks('from=2026-12-10&to=2026-12-11')).toEqual([]);

    await page.fill('#after_2026-12-11', '15:30');
    await page.getByRole('button', { name: 'Save my availability' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('status').textContent()).toBe('Saved 2 days.');
    expect((await marks('from=2026-12-10&to=2026-12-11')).map((m) => m.text)).toEqual([
      'AM',
      'after 15:30 [boat yard]',
    ]);
  });

  it('has no serious or critical axe findings, saved or refused', async () => {
    expect(await seriousFindings(link)).toEqual([]);
    expect(await seriousFindings(link, { '#kind_2026-12-20': 'after' })).toEqual([]);
  });

  it('keeps Save in reach on a small phone, at the top of the list and after scrolling', async () => {
    const page = await smallPhone(false);
    await page.goto(link);
    const save = page.getByRole('button', { name: 'Save my availability' });
    const inView = async () => {
      const box = await save.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 640;
    };
    // The 60 days run far below the first screen; the button must not wait at the end of them.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(3000);
    expect(await inView()).toBe(true);
    await page.mouse.wheel(0, 2500);
    await page.waitForTimeout(100);
    expect(await inView()).toBe(true);
    await page.selectOption('#kind_2027-01-15', 'yes');
    await save.click();
    await page.waitForLoadState();
    expect((await marks('date=2027-01-15')).map((m) => m.kind)).toEqual(['yes']);
  });
});
