import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { launchChromium, openPhonePage } from '../../support/browser.js';
import { seaLark1205 } from '../../support/charters.js';
import {
  type FaultyDynamoDb,
  startFaultyDynamoDb,
} from '../../support/faults/dynamodb-instance.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A crew member opens their link in headless Chromium while the API's DynamoDB is down (kill -9).
const clock = new Date('2026-11-28T17:00:00Z');
let dynamo: FaultyDynamoDb | undefined;
let api: TestApi | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  [dynamo, browser] = await Promise.all([startFaultyDynamoDb(), launchChromium()]);
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: dynamo.endpoint });
  await seedDemoRoster(api.db, clock);
});
afterAll(async () => {
  await Promise.allSettled([browser?.close(), api?.close()]);
  await dynamo?.close();
});

describe('a crew page while DynamoDB is down, in headless Chromium', () => {
  it('is a styled 503 page saying nothing was lost, to try again in a minute or call the office; its reload link works once DynamoDB is back', async () => {
    const app = api as TestApi;
    const put = await signedFetch(`${app.url}/api/charters/CH-OUTAGE-BROWSER`, {
      method: 'PUT',
      body: seaLark1205,
    });
    expect(put.status).toBe(201);
    const started = await signedFetch(`${app.url}/api/charters/CH-OUTAGE-BROWSER/calls`, {
      method: 'POST',
      body: { availability: { 'Liam B': 'am', Kenji: 'yes', Marisol: 'am' } },
    });
    expect(started.status).toBe(201);
    const { notifications } = (await started.json()) as StartCallAnswer;
    const link = notifications.find((n) => n.to.startsWith('kenji.'))?.link_url as string;

    await dynamo?.kill9();
    const { page, problems } = await openPhonePage(browser as Browser);
    const res = await page.goto(link);
    expect(res?.status()).toBe(503);
    expect(res?.headers()['retry-after']).toBe('60');
    expect(await page.locator('header h1').textContent()).toBe(
      'We can’t reach our records right now',
    );
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('Nothing was lost');
    expect(await alert.textContent()).toContain('Please try again in a minute.');
    expect(
      await page.getByRole('link', { name: '+1 310 555 0100' }).first().getAttribute('href'),
    ).toBe('tel:+13105550100');
    // The stylesheet needs no database: the page looks like every other crew page, and the CSP refused nothing.
    const headerBg = await page
      .locator('header')
      .evaluate((h) => getComputedStyle(h).backgroundColor);
    expect(headerBg).toBe('rgb(11, 61, 92)');
    expect(problems).toEqual([]);

    await dynamo?.restart();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('link', { name: 'Reload your page' }).click(),
    ]);
    expect(await page.getByRole('heading', { name: 'Hi Kenji' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Accept', exact: true }).isVisible()).toBe(true);
  });
});
