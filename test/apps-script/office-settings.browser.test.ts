import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BoardAnswer, OfficeSettingsAnswer } from '../../shared/api/index.js';
import { signedFetch } from '../support/signed-fetch.js';
import { charterRow, type EdgeServer, type Office } from './support/office.js';
import { openSidebarOffice, type SidebarOffice } from './support/sidebar-office.js';
import { pageWidth, type SidebarPage, settled } from './support/sidebar-page.js';

// A week before the charter: the environment's default policy would give each level 12 hours.
const start = new Date('2026-11-28T17:00:00Z');
// The edge test server runs with the default OFFICE_NAME; the sheet has another title.
const OFFICE_NAME = 'Harbor Charters (demo)';
const SHEET_TITLE = 'Harbor Charters availability';

let edge: EdgeServer;
let office: Office;
let sidebar: SidebarPage;
let page: Page;

let whole: SidebarOffice;
beforeAll(async () => {
  whole = await openSidebarOffice(start, inject('dynamodbEndpoint'), [
    charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
  ({ edge, office, sidebar, page } = whole);
}, 120_000);
afterAll(() => whole?.close());

const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';
const property = (key: string) => office.harness.properties.script._store.get(key);
/** The edge API asked directly, signed at the script's time (the edge server keeps that clock). */
const edgeGet = async <T>(path: string) =>
  (await (
    await signedFetch(`${edge.url}${path}`, {}, { signingDate: office.harness.clock.now() })
  ).json()) as T;
const edgeSettings = () => edgeGet<OfficeSettingsAnswer>('/api/settings');

async function openSettings(): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await settled(page);
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

async function saveOffice(): Promise<void> {
  await page.getByRole('button', { name: 'Save office settings' }).click();
  await settled(page);
}

const OFFICE_KEYS = [
  'CREWCALL_OWNER_EMAILS',
  'CREWCALL_SENDER_NAME',
  'CREWCALL_CURRENCY',
  'CREWCALL_REPORTS_ROOT',
];

describe('office settings in one place: the sidebar Settings tab, the script and the edge API', () => {
  it('shows every office setting with its default, the sender defaulting to the office name', async () => {
    await openSettings();
    expect(await page.getByLabel("Owners' email addresses").inputValue()).toBe('');
    const sender = page.getByLabel('Sender name');
    expect(await sender.inputValue()).toBe('');
    expect(await sender.getAttribute('placeholder')).toBe(OFFICE_NAME);
    expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
    expect(await page.getByLabel('Reports folder').inputValue()).toBe('crewcall');
    expect(await page.getByLabel('Crew roles').inputValue()).toBe('captain, mate, deckhand');
    expect(await page.getByLabel('Call windows').inputValue()).toBe(
      '168h=12h,72h=6h,24h=2h,0h=30m',
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
  });

  it('refuses bad settings next to each field, naming the setting, and saves none of them', async () => {
    await fill({
      "Owners' email addresses": 'owner.one@example.com, owner.two@example',
      Currency: 'euro',
      'Reports folder': 'Office//',
      'Crew roles': 'captain, mate, Mate',
    });
    await saveOffice();
    expect(await text('#status')).toMatch(/^Office settings not saved/);
    expect(await text('#office-ownerEmails-error')).toContain(
      '"owner.two@example" is not an email address',
    );
    expect(await text('#office-currency-error')).toContain('"euro"');
    expect(await text('#office-reportsRoot-error')).not.toBe('');
    expect(await text('#office-roles-error')).toContain('mate');
    for (const key of OFFICE_KEYS) expect(property(key)).toBeUndefined();
    expect((await edgeSettings()).stored).toBe(false);

    // Only the edge API's part is bad: the script's good values are not saved either.
    await fill({
      "Owners' email addresses": 'owner.one@example.com',
      Currency: 'EUR',
      'Reports folder': 'crewcall',
      'Crew roles': 'captain, mate, deckhand',
      'Call windows': '168h=12h',
    });
    await saveOffice();
    expect(await text('#status')).toMatch(/^Office settings not saved/);
    expect(await text('#office-callWindowPolicy-error')).toContain('no 0h step');
    for (const key of OFFICE_KEYS) expect(property(key)).toBeUndefined();
    expect((await edgeSettings()).stored).toBe(false);
  });

  it('saves each setting: the script keeps its own, the edge API keeps roles and call windows', async () => {
    await fill({
      "Owners' email addresses": 'owner.one@example.com, owner.two@example.com',
      'Sender name': '',
      Currency: 'EUR',
      'Reports folder': 'Office/crewcall',
      'Crew roles': 'captain, mate, deckhand, bosun',
      'Call windows': '72h=45m, 0h=20m',
    });
    await saveOffice();
    expect(await text('#status')).toBe('Office settings saved.');
    expect(property('CREWCALL_OWNER_EMAILS')).toBe('owner.one@example.com,owner.two@example.com');
    expect(property('CREWCALL_CURRENCY')).toBe('EUR');
    expect(property('CREWCALL_REPORTS_ROOT')).toBe('Office/crewcall');
    expect(property('CREWCALL_SENDER_NAME')).toBeUndefined();
    expect(await edgeSettings()).toMatchObject({
      roles: ['captain', 'mate', 'deckhand', 'bosun'],
      call_window_policy: '72h=45m,0h=20m',
      stored: true,
    });
    // What the form shows now is what is stored, normalised.
    expect(await page.getByLabel('Call windows').inputValue()).toBe('72h=45m,0h=20m');
    expect(await page.getByLabel('Crew roles').inputValue()).toBe('captain, mate, deckhand, bosun');
  });

  it("sends a new call with the stored windows, signed with the office's name by default", async () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.alerts.at(-1)?.prompt ?? '').toContain('Sent 1 crew call');
    const mails = office.harness.outbox;
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) expect(mail.name).toBe(OFFICE_NAME);
    expect(mails.some((m) => m.name === SHEET_TITLE)).toBe(false);

    const board = await edgeGet<BoardAnswer>('/api/charters');
    const call = board.charters.find((c) => c.charter.charter_id === 'CH-2026-1205-A')?.call;
    // 45 minutes from the stored policy, not the environment's 12 hours.
    // (The script's clock moves a few seconds as its calls take time.)
    const window = Date.parse(call?.current_window_closes_at ?? '') - start.getTime();
    expect(window).toBeGreaterThanOrEqual(45 * 60_000);
    expect(window).toBeLessThan(46 * 60_000);
  });

  it('saves a sender name, which the next emails carry', async () => {
    await fill({ 'Sender name': 'Gull Point Dispatch' });
    await saveOffice();
    expect(await text('#status')).toBe('Office settings saved.');
    expect(property('CREWCALL_SENDER_NAME')).toBe('Gull Point Dispatch');

    // The window passes: the timer escalates and emails the next level.
    const before = office.harness.outbox.length;
    await office.setClock(new Date('2026-11-28T17:50:00Z'));
    office.harness.runTrigger('tick');
    const next = office.harness.outbox.slice(before);
    expect(next.length).toBeGreaterThan(0);
    for (const mail of next) expect(mail.name).toBe('Gull Point Dispatch');
  });

  it('the roster takes roles from the list: a typo is refused next to Role, listing the roles', async () => {
    await page.getByRole('tab', { name: 'Roster' }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Add crew member' }).first().click();
    await fill({
      Name: 'Nora Quill',
      Role: 'deckhnad',
      'Cascade level': '3',
      Phone: '+1 310 555 0177',
      Email: 'nora.quill@example.com',
      'Availability key': 'Nora',
      'Day rate ($)': '200',
    });
    await page.locator('#crew-save').click();
    await settled(page);
    expect(await text('#crew-role-error')).toBe(
      'Role "deckhnad" is not one of the office\'s roles: captain, mate, deckhand, bosun.',
    );
    await page.getByLabel('Role', { exact: true }).fill('bosun');
    await page.locator('#crew-save').click();
    await settled(page);
    expect(await text('#status')).toBe('Added Nora Quill.');
  });

  it('refuses to drop a role that active crew hold, naming them, and keeps the list', async () => {
    await openSettings();
    await fill({ 'Crew roles': 'captain, mate, deckhand' });
    await saveOffice();
    expect(await text('#office-roles-error')).toContain('Nora Quill');
    expect((await edgeSettings()).roles).toContain('bosun');
    expect(sidebar.problems).toEqual([]);
    await page.screenshot({ path: '/tmp/admin-sidebar-office-settings.png', fullPage: true });
  });
});
