import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { charterRow } from './support/office.js';
import { openSidebarOffice, type SidebarOffice } from './support/sidebar-office.js';
import { pageWidth, type SidebarPage, settled } from './support/sidebar-page.js';

// Roster tab: find by phone or email, and the close-name warning with "Add anyway",
// through the built script and the real edge API (DynamoDB Local).
const start = new Date('2026-11-28T17:00:00Z');

let sidebar: SidebarPage;
let page: Page;

let whole: SidebarOffice;
beforeAll(async () => {
  whole = await openSidebarOffice(start, inject('dynamodbEndpoint'), [
    charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
  ({ sidebar, page } = whole);
}, 120_000);
afterAll(() => whole?.close());

const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
const names = () => page.locator('#roster-body tr td.name').allTextContents();

async function find(contact: string): Promise<void> {
  await page.getByLabel('Find by phone or email').fill(contact);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await settled(page);
}

describe('the roster tab finds a person by phone or email, and warns of close names', () => {
  it('finds a crew member by a phone typed the national way, and shows them in the list', async () => {
    await find('(310) 555-0101');
    expect(await text('#find-result')).toBe(
      'Abdul Rahimi (captain, level 1) has the phone +13105550101.',
    );
    const found = page.locator('#roster-body tr.found');
    expect(await found.count()).toBe(1);
    expect(await found.locator('td.name').textContent()).toBe('Abdul Rahimi');
    // Opened for editing, as if Edit had been clicked.
    expect(await text('#crew-form-title')).toBe('Edit Abdul Rahimi');
    const call = sidebar.calls.find((c) => c.name === 'sidebarFindCrew');
    expect(call?.args).toEqual(['(310) 555-0101']);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('finds by email, whatever the case', async () => {
    await find('  Kenji.Watanabe@EXAMPLE.com ');
    expect(await text('#find-result')).toContain('Kenji Watanabe');
    expect(await text('#find-result')).toContain('has the email kenji.watanabe@example.com.');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('says in the API’s words when nobody has the contact, and highlights nobody', async () => {
    await find('+1 310 555 0199');
    expect(await text('#find-result')).toBe('Nobody on the roster has the phone +13105550199.');
    expect(await page.locator('#roster-body tr.found').count()).toBe(0);
    expect(await page.locator('#crew-form').isHidden()).toBe(true);
  });

  it('puts a malformed contact next to the find box, naming it', async () => {
    await find('555 12');
    expect(await text('#find-contact-error')).toBe(
      'Phone or email "555 12" is not a valid phone number (include the country code, e.g. +1 310 555 0101).',
    );
    expect(await page.getByLabel('Find by phone or email').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await text('#find-result')).toBe('');
  });

  it('warns of a close name, names who is there, and adds on "Add anyway"', async () => {
    await page.getByRole('button', { name: 'Add crew member' }).first().click();
    const values: Record<string, string> = {
      Name: 'Abdul Rahimy',
      Role: 'deckhand',
      'Cascade level': '4',
      Phone: '+1 310 555 0120',
      Email: 'abdul.rahimy@example.com',
      'Availability key': 'Abdul R',
      'Day rate ($)': '200',
    };
    for (const [label, value] of Object.entries(values))
      await page.getByLabel(label, { exact: true }).fill(value);
    await page.locator('#crew-save').click();
    await settled(page);
    const warning = page.locator('#crew-similar');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('Abdul Rahimi');
    expect(await page.locator('#crew-similar li').allTextContents()).toEqual([
      'Abdul Rahimi (key "Abdul", active)',
    ]);
    expect(await names()).not.toContain('Abdul Rahimy');
    expect(await page.locator('#crew-form').isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: '/tmp/sidebar-similar-name.png', fullPage: true });

    await page.getByRole('button', { name: 'Add anyway' }).click();
    await settled(page);
    expect(await text('#status')).toBe('Added Abdul Rahimy.');
    expect(await names()).toContain('Abdul Rahimy');
    expect(await page.locator('#crew-form').isHidden()).toBe(true);
    const saves = sidebar.calls.filter((c) => c.name === 'sidebarSaveCrew');
    expect(saves).toHaveLength(2);
    expect(saves[0]?.args[1]).not.toHaveProperty('confirm_similar_name');
    expect(saves[1]?.args[1]).toMatchObject({ name: 'Abdul Rahimy', confirm_similar_name: true });
    expect(sidebar.problems).toEqual([]);
  });
});
