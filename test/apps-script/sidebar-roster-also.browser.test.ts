import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CrewMember, RosterAnswer } from '../../shared/api/index.js';
import { signedFetch } from '../support/signed-fetch.js';
import { charterRow, type EdgeServer } from './support/office.js';
import { openSidebarOffice, type SidebarOffice } from './support/sidebar-office.js';
import { type SidebarPage, settled } from './support/sidebar-page.js';

// Roster tab: "Also qualified as" on the crew form, and role suggestions from the
// office's role list, through the built script and the real edge API (DynamoDB Local).
const start = new Date('2026-11-28T17:00:00Z');

let edge: EdgeServer;
let sidebar: SidebarPage;
let page: Page;

let whole: SidebarOffice;
beforeAll(async () => {
  whole = await openSidebarOffice(
    start,
    inject('dynamodbEndpoint'),
    [charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2')],
    async (edge) => {
      // The office's own role list: "cook" is no common role, "skipper" is left out.
      const res = await signedFetch(
        `${edge.url}/api/settings`,
        { method: 'PUT', body: { roles: ['captain', 'mate', 'deckhand', 'cook'] } },
        { signingDate: start },
      );
      expect(res.status).toBe(200);
    },
  );
  ({ edge, sidebar, page } = whole);
}, 120_000);
afterAll(() => whole?.close());

const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
const ALSO = 'Also qualified as';

async function stored(name: string): Promise<CrewMember | undefined> {
  const res = await signedFetch(`${edge.url}/api/crew`, { method: 'GET' }, { signingDate: start });
  expect(res.status).toBe(200);
  const { crew } = (await res.json()) as RosterAnswer;
  return crew.find((m) => m.name === name);
}

async function fillNewCaptain(name: string, email: string, phone: string, also: string) {
  await page.getByRole('button', { name: 'Add crew member' }).first().click();
  const values: Record<string, string> = {
    Name: name,
    Role: 'captain',
    'Cascade level': '2',
    Phone: phone,
    Email: email,
    'Availability key': name,
    'Day rate ($)': '400',
    [ALSO]: also,
  };
  for (const [label, value] of Object.entries(values))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.locator('#crew-save').click();
  await settled(page);
}

describe('the crew form sets the further roles a crew member is qualified for', () => {
  it('suggests the office’s own roles', async () => {
    const roles = await page
      .locator('#role-suggestions option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(roles).toEqual(['captain', 'mate', 'deckhand', 'cook']);
  });

  it('adds a captain also qualified as mate at level 3, and shows it in the list', async () => {
    await fillNewCaptain(
      'Marisol Quenby',
      'marisol.quenby@example.com',
      '+1 310 555 0150',
      'mate:3',
    );
    expect(await text('#status')).toBe('Added Marisol Quenby.');
    expect((await stored('Marisol Quenby'))?.also_qualified).toEqual([
      { role: 'mate', cascade_level: 3 },
    ]);
    const row = page.locator('#roster-body tr', { hasText: 'Marisol Quenby' });
    expect(await row.locator('td.role').textContent()).toBe('captain (also mate 3)');
  });

  it('pre-fills the field on edit, and an emptied field clears it', async () => {
    await page.getByRole('button', { name: 'Edit Marisol Quenby' }).click();
    const also = page.getByLabel(ALSO, { exact: true });
    expect(await also.inputValue()).toBe('mate:3');
    await also.fill('');
    await page.locator('#crew-save').click();
    await settled(page);
    expect(await text('#status')).toBe('Saved Marisol Quenby.');
    expect((await stored('Marisol Quenby'))?.also_qualified ?? []).toEqual([]);
    const row = page.locator('#roster-body tr', { hasText: 'Marisol Quenby' });
    expect(await row.locator('td.role').textContent()).toBe('captain');
  });

  it('refuses a malformed entry next to the field, saving nothing', async () => {
    await fillNewCaptain(
      'Tobin Arkwell',
      'tobin.arkwell@example.com',
      '+1 310 555 0151',
      'mate:3, skipper',
    );
    expect(await text('#crew-also_qualified-error')).toBe(
      'Also qualified as entry 2 ("skipper") must be role:level, e.g. mate:3, skipper:2.',
    );
    expect(await page.getByLabel(ALSO, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await stored('Tobin Arkwell')).toBeUndefined();
  });

  it('puts the API’s complaint about a listed role next to the field', async () => {
    await page.getByLabel(ALSO, { exact: true }).fill('mate:3, skipper:2');
    await page.locator('#crew-save').click();
    await settled(page);
    expect(await text('#crew-also_qualified-error')).toBe(
      'Also qualified as entry 2 "skipper" is not one of the office\'s roles: captain, mate, deckhand, cook.',
    );
    expect(await text('#status')).toBe(
      'Not saved: see the note next to Also qualified as entry 2.',
    );
    expect(await stored('Tobin Arkwell')).toBeUndefined();
    expect(sidebar.problems).toEqual([]);
  });

  it('falls back to the common roles when the edge API will not give the office’s list', async () => {
    // A real 503 from the edge API for the settings only (a retry gets one too); the roster still loads.
    await edge.failRequests({ method: 'GET', path: '^/api/settings$', status: 503, times: 5 });
    await page.getByLabel(ALSO, { exact: true }).fill('mate:3');
    await page.locator('#crew-save').click();
    await settled(page);
    expect(await text('#status')).toBe('Added Tobin Arkwell.');
    expect((await stored('Tobin Arkwell'))?.also_qualified).toEqual([
      { role: 'mate', cascade_level: 3 },
    ]);
    const roles = await page
      .locator('#role-suggestions option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(roles).toEqual(['captain', 'skipper', 'mate', 'deckhand']);
    expect(await page.locator('#roster-body tr', { hasText: 'Tobin Arkwell' }).count()).toBe(1);
  });
});
