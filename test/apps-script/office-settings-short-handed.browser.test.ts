import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Office } from './support/office.js';
import { openSidebarOffice, type SidebarOffice } from './support/sidebar-office.js';
import { settled } from './support/sidebar-page.js';

// CREWCALL_SHORT_HANDED_HOURS (read by the timer: how long before departure the office is
// emailed again about open seats) in the sidebar's Settings tab, Office card: shown with its
// default, checked (whole hours 1 to 168) with the problem next to the field, saved with the
// other office settings or not at all. Built bundle in the harness, headless Chromium.
const start = new Date('2026-11-28T17:00:00Z');
const KEY = 'CREWCALL_SHORT_HANDED_HOURS';
const LABEL = 'Short-handed warning';

let office: Office;
let page: Page;
let whole: SidebarOffice;
beforeAll(async () => {
  whole = await openSidebarOffice(start, inject('dynamodbEndpoint'), []);
  ({ office, page } = whole);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await settled(page);
}, 120_000);
afterAll(() => whole?.close());

const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
const property = (key: string) => office.harness.properties.script._store.get(key);
const hours = () => page.getByLabel(LABEL, { exact: true });

async function save(values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save office settings' }).click();
  await settled(page);
}

describe('the short-handed warning in the Settings tab', () => {
  it('shows the default, 24 hours, while nothing is set', async () => {
    expect(await hours().inputValue()).toBe('24');
    expect(property(KEY)).toBeUndefined();
  });

  it.each([['0'], ['169'], ['12.5'], ['two days'], ['-3']])(
    'refuses %j next to the field, and saves no setting',
    async (typed) => {
      await save({ [LABEL]: typed, Currency: 'EUR' });
      expect(await text('#status')).toMatch(/^Office settings not saved: Short-handed warning: /);
      expect(await text('#office-shortHandedHours-error')).toBe(
        `"${typed}" is not a whole number of hours from 1 to 168`,
      );
      expect(await hours().getAttribute('aria-invalid')).toBe('true');
      expect(property(KEY)).toBeUndefined();
      expect(property('CREWCALL_CURRENCY')).toBeUndefined();
    },
  );

  it('saves whole hours as the Script Property the timer reads, and shows them', async () => {
    await save({ [LABEL]: ' 48 ', Currency: 'USD' });
    expect(await text('#status')).toBe('Office settings saved.');
    expect(property(KEY)).toBe('48');
    expect(await hours().inputValue()).toBe('48');
    expect(await page.locator('#office-shortHandedHours-error').isHidden()).toBe(true);
  });

  it('is not saved when the edge API refuses another setting', async () => {
    await save({ [LABEL]: '36', 'Call windows': '168h=12h' });
    expect(await text('#office-callWindowPolicy-error')).toContain('no 0h step');
    expect(property(KEY)).toBe('48');
    await save({ 'Call windows': '168h=12h,72h=6h,24h=2h,0h=30m' });
    expect(property(KEY)).toBe('36');
  });

  it('back to the default: 24 or blank removes the property, and 24 is shown', async () => {
    await save({ [LABEL]: '24' });
    expect(property(KEY)).toBeUndefined();
    expect(await hours().inputValue()).toBe('24');
    await save({ [LABEL]: '7' });
    expect(property(KEY)).toBe('7');
    await save({ [LABEL]: '' });
    expect(property(KEY)).toBeUndefined();
    expect(await hours().inputValue()).toBe('24');
  });
});
