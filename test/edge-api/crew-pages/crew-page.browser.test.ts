import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { CharterWithCall, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { closeAllPages, launchChromium, openPhonePage } from '../../support/browser.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Headless Chromium against the real app (real HTTP, DynamoDB Local), at a phone's size.
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
const chromium = () => browser as Browser;

// Level 2 of the demo roster is called first: Liam (captain), Kenji and Marisol (mates).
const availability = {
  Abdul: 'no',
  'Capt. Teresa': 'no',
  'Liam B': 'am',
  Marisol: 'am',
  Kenji: 'yes',
};

type Links = Record<'liam' | 'kenji' | 'marisol', string>;

/** A Sea Lark charter on `date` with a started call; returns each recipient's magic link by first name. */
async function startCall(id: string, date: string): Promise<Links & { startedAt: number }> {
  const charter = { ...seaLark1205, date };
  const put = await signedFetch(`${app().url}/api/charters/${id}`, {
    method: 'PUT',
    body: charter,
  });
  expect(put.status).toBe(201);
  const res = await signedFetch(`${app().url}/api/charters/${id}/calls`, {
    method: 'POST',
    body: { availability },
  });
  const startedAt = Date.now();
  expect(res.status).toBe(201);
  const { notifications } = (await res.json()) as StartCallAnswer;
  const link = (first: string) =>
    notifications.find((n) => n.to.startsWith(`${first}.`))?.link_url as string;
  const links = { liam: link('liam'), kenji: link('kenji'), marisol: link('marisol') };
  for (const url of Object.values(links)) expect(url).toMatch(/\/m\/[\w-]+\.[\w-]+\.[\w-]+$/);
  return { ...links, startedAt };
}

/** The crew page's "Vessel / When / Role ..." list, as label → value. */
const details = (page: Page) =>
  page.locator('dl').evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of Array.from(dl.querySelectorAll('dt')))
      out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
    return out;
  });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const statusText = (page: Page) => page.getByRole('status').textContent();

describe('crew page in headless Chromium (390 px phone)', () => {
  it('shows the charter in its time zone, pay and who is confirmed, under a strict CSP; accepting confirms once', async () => {
    const links = await startCall('CH-BROWSER-MAIN', '2026-12-05');
    expect((await postCrewForm(links.liam, { action: 'accept' })).result).toBe('confirmed');

    const { page, problems } = await openPhonePage(chromium());
    const css = page.waitForResponse((r) => r.url().endsWith('/assets/crew.css'));
    const res = await page.goto(links.kenji);
    expect(res?.status()).toBe(200);
    expect((await css).status()).toBe(200);

    const csp = Object.fromEntries(
      (res?.headers()['content-security-policy'] ?? '').split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(csp['default-src']).toBe("'none'");
    expect(csp['style-src']).toBe("'self'");
    expect(csp['script-src']).toBeUndefined(); // falls back to default-src 'none'
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res?.headers()['cache-control']).toBe('no-store, private');

    // The stylesheet applied (header colour from crew.css) and nothing was refused or failed.
    const headerBg = await page
      .locator('header')
      .evaluate((h) => getComputedStyle(h).backgroundColor);
    expect(headerBg).toBe('rgb(11, 61, 92)');
    expect(problems).toEqual([]);

    expect(await page.locator('header h1').textContent()).toBe('Sea Lark: mate');
    expect(await page.locator('header p').textContent()).toBe('Sat 5 Dec 2026, 09:00–13:00 PST');
    expect(await page.getByRole('heading', { name: 'Hi Kenji' }).count()).toBe(1);
    expect(await details(page)).toMatchObject({
      Vessel: 'Sea Lark',
      When: 'Sat 5 Dec 2026, 09:00–13:00 PST',
      Role: 'mate',
      'Meet at': 'Dock B, slip 14',
      Pay: '$300.00',
      Guests: '18',
      Confirmed: 'Liam (captain)',
    });
    expect(await button(page, 'Accept').isVisible()).toBe(true);
    expect(await button(page, 'Decline').isVisible()).toBe(true);
    expect(await page.getByLabel('Reason (optional)').isVisible()).toBe(true);
    // Nothing wider than the phone: no sideways scrolling at 390 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: '/tmp/crew-page.png', fullPage: true });

    // Control: the CSP really refuses inline style, and the listener above would have seen it.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'header{background:red}';
      document.head.append(style);
    });
    await expect.poll(() => problems.join('\n')).toMatch(/Content Security Policy/);
    expect(await page.locator('header').evaluate((h) => getComputedStyle(h).backgroundColor)).toBe(
      'rgb(11, 61, 92)',
    );
    problems.length = 0;

    await button(page, 'Accept').click();
    await page.waitForURL(/\?result=confirmed$/);
    expect(await statusText(page)).toBe("You're confirmed. A calendar invite is on its way.");
    expect(await page.getByRole('heading', { name: "You're confirmed" }).count()).toBe(1);

    const again = await openPhonePage(chromium());
    expect((await again.page.goto(links.kenji))?.status()).toBe(200);
    expect(await again.page.getByRole('heading', { name: "You're confirmed" }).count()).toBe(1);
    expect(await button(again.page, 'Accept').count()).toBe(0);
    expect(await button(again.page, 'Decline').count()).toBe(0);
    expect(await button(again.page, 'Drop out').isVisible()).toBe(true);
    expect(await again.page.getByLabel('Can’t make it after all? Reason (optional)').count()).toBe(
      1,
    );
    expect(await again.page.getByRole('heading', { name: 'Charter chat' }).count()).toBe(1);
    expect(await again.page.getByLabel('Message the crew and the office').isVisible()).toBe(true);
    expect([...problems, ...again.problems]).toEqual([]);
  });

  it("posts its forms with the page's own Origin (Referrer-Policy same-origin), so the CSRF check passes on Origin alone", async () => {
    const links = await startCall('CH-BROWSER-ORIGIN', '2026-12-11');
    const { page, problems } = await openPhonePage(chromium());
    const res = await page.goto(links.marisol);
    expect(res?.headers()['referrer-policy']).toBe('same-origin');
    const posted = page.waitForRequest((r) => r.method() === 'POST');
    await button(page, 'Accept').click();
    const headers = await (await posted).allHeaders();
    // With no-referrer Chromium sends `Origin: null`, which only its Sec-Fetch-Site made acceptable.
    expect(headers.origin).toBe(new URL(links.marisol).origin);
    await page.waitForURL(/\?result=confirmed$/);
    expect(await page.getByRole('heading', { name: "You're confirmed" }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('lets mail scanners GET and HEAD a link without using it; the person can still accept or decline', async () => {
    const links = await startCall('CH-BROWSER-SCAN', '2026-12-06');
    const scan = (url: string) =>
      Promise.all(
        ['GET', 'HEAD', 'GET'].map(async (method) => {
          const res = await fetch(url, { method, headers: { 'user-agent': 'ExampleScanner/1.0' } });
          return {
            method,
            status: res.status,
            type: res.headers.get('content-type'),
            body: await res.text(),
          };
        }),
      );
    // First pass sent within a second of the call starting, then again a little later.
    const firstPass = Promise.all([scan(links.liam), scan(links.marisol)]);
    expect(Date.now() - links.startedAt).toBeLessThan(1000);
    const first = await firstPass;
    await new Promise((r) => setTimeout(r, 200));
    const later = await Promise.all([scan(links.liam), scan(links.marisol)]);
    for (const seen of [...first, ...later].flat()) {
      expect(seen).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/html/) });
      if (seen.method === 'GET') expect(seen.body).toContain('>Accept</button>');
      else expect(seen.body).toBe('');
    }

    const liam = await openPhonePage(chromium());
    await liam.page.goto(links.liam);
    await button(liam.page, 'Accept').click();
    await liam.page.waitForURL(/\?result=confirmed$/);
    expect(await statusText(liam.page)).toBe("You're confirmed. A calendar invite is on its way.");

    const marisol = await openPhonePage(chromium());
    await marisol.page.goto(links.marisol);
    await marisol.page.getByLabel('Reason (optional)').fill('Family visit that weekend');
    await button(marisol.page, 'Decline').click();
    // Decline asks first (issue 13); confirm-steps.browser.test.ts covers that page.
    await button(marisol.page, 'Yes, decline').click();
    await marisol.page.waitForURL(/\?result=declined$/);
    expect(await statusText(marisol.page)).toBe('Thanks, we recorded that you can’t make it.');
    expect(
      await marisol.page.getByRole('heading', { name: 'Already answered: you declined' }).count(),
    ).toBe(1);
    expect([...liam.problems, ...marisol.problems]).toEqual([]);

    const summary = (await (
      await signedFetch(`${app().url}/api/charters/CH-BROWSER-SCAN`)
    ).json()) as CharterWithCall;
    const role = (r: string) => summary.call?.roles.find((x) => x.role === r);
    expect(role('captain')?.confirmed.map((c) => c.name)).toEqual(['Liam Brennan']);
    expect(role('mate')?.declined).toEqual([
      { crew_id: 'c-0004', name: 'Marisol Vega', reason: 'Family visit that weekend' },
    ]);
  });

  it('tells a late accept honestly that the seats are filled and offers standby', async () => {
    const links = await startCall('CH-BROWSER-LATE', '2026-12-07');
    const { page, problems } = await openPhonePage(chromium());
    await page.goto(links.marisol);
    expect(await button(page, 'Accept').isVisible()).toBe(true);
    // Kenji takes the only mate seat while Marisol's page is open.
    expect((await postCrewForm(links.kenji, { action: 'accept' })).result).toBe('confirmed');

    await button(page, 'Accept').click();
    await page.waitForURL(/\?result=filled$/);
    expect(await statusText(page)).toBe(
      'Sorry: every seat for your role was taken before your answer arrived.',
    );
    expect(await page.getByRole('heading', { name: 'All mate seats are filled' }).count()).toBe(1);
    expect(await button(page, 'Accept').count()).toBe(0);
    expect((await details(page)).Confirmed).toBe('Kenji (mate)');

    await button(page, 'Put me on standby').click();
    await page.waitForURL(/\?result=standby$/);
    expect(await statusText(page)).toBe(
      "You're on standby. If a seat opens, you'll get an email first.",
    );
    expect(
      await page.getByRole('heading', { name: "Already answered: you're on standby" }).count(),
    ).toBe(1);
    expect(await button(page, 'Put me on standby').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows chat posts as text with the author, and refuses an overlong message readably', async () => {
    const links = await startCall('CH-BROWSER-CHAT', '2026-12-08');
    expect((await postCrewForm(links.kenji, { action: 'accept' })).result).toBe('confirmed');
    const { page, problems } = await openPhonePage(chromium());
    await page.goto(links.kenji);

    const hostile = '<img src=x onerror=alert(1)> hi & bye';
    await page.getByLabel('Message the crew and the office').fill(hostile);
    await button(page, 'Post').click();
    await page.waitForURL(/#chat$/);
    const posts = page.locator('ul.chat li');
    expect(await posts.count()).toBe(1);
    expect(await posts.first().locator('.who').textContent()).toBe('Kenji (mate)');
    expect(await posts.first().textContent()).toContain(hostile);
    expect(await page.locator('img').count()).toBe(0);
    const html = await (await fetch(links.kenji)).text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; hi &amp; bye');
    expect(html).not.toContain('<img');

    // The textarea stops at 500; a client that ignores maxlength gets a readable refusal.
    await page.locator('#chat-message').evaluate((t) => t.removeAttribute('maxlength'));
    await page.getByLabel('Message the crew and the office').fill('x'.repeat(501));
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await button(page, 'Post').click();
    expect((await refused).status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Your message must be at most 500 characters.',
    );
    expect(await posts.count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('answers a tampered link and a cancelled charter with clear pages, not errors', async () => {
    const links = await startCall('CH-BROWSER-CANCEL', '2026-12-09');
    const [head, payload, sig = ''] = new URL(links.liam).pathname.slice(3).split('.');
    // A character in the middle of the signature (the last one may only carry padding bits).
    const i = Math.floor(sig.length / 2);
    const forged = `${sig.slice(0, i)}${sig[i] === 'A' ? 'B' : 'A'}${sig.slice(i + 1)}`;
    const { page, problems } = await openPhonePage(chromium());
    const bad = await page.goto(`${app().url}/m/${head}.${payload}.${forged}`);
    expect(bad?.status()).toBe(404);
    expect(bad?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.locator('header h1').textContent()).toBe('This link is not valid');
    expect(await page.getByRole('alert').textContent()).toContain('Open it again from the email.');
    const raw = await (await fetch(`${app().url}/m/${head}.${payload}.${forged}`)).text();
    expect(raw).toMatch(/^<!DOCTYPE html>|^<html/i);
    expect(await page.locator('body').textContent()).not.toMatch(/[{}]|Error|\bat .+:\d+/);
    expect(await button(page, 'Accept').count()).toBe(0);

    const cancel = await signedFetch(`${app().url}/api/charters/CH-BROWSER-CANCEL/cancel`, {
      method: 'POST',
    });
    expect(cancel.status).toBe(200);
    const gone = await page.goto(links.liam);
    expect(gone?.status()).toBe(410);
    expect(await page.locator('header h1').textContent()).toBe('This charter was cancelled');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Sea Lark on 2026-12-09 will not sail.',
    );
    expect(await button(page, 'Accept').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
