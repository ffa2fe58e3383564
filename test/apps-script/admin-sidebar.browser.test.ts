import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_ADMIN_SECRET_ACCESS_KEY } from '../../edge-api/src/config/index.js';
import january from '../fixtures/availability/2027-01.json' with { type: 'json' };
import { launchChromium } from '../support/browser.js';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  PUBLIC_API_URL,
  startEdgeServer,
} from './support/office.js';
import {
  openSidebarPage,
  pageWidth,
  type SidebarPage,
  settled,
  sidebarHtml,
} from './support/sidebar-page.js';

// A week before the charter, as in the e2e test: level windows are 12 hours.
const start = new Date('2026-11-28T17:00:00Z');
const SEEDED_BY_LEVEL_THEN_NAME = [
  'Abdul Rahimi',
  'Teresa Okafor',
  'Kenji Watanabe',
  'Liam Brennan',
  'Marisol Vega',
  'Ray Tanaka',
  'Danika Holm',
  'Esmi Duarte',
  'Owen Pike',
  'Priya Nair',
  'Hana Lindqvist',
  'Sofia Marchetti',
];

/** The January tab (crew down the side, dates across), with Date cells as getValues() gives them. */
function januaryTab(): unknown[][] {
  return january.values.map((row) =>
    row.map((cell) =>
      typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(cell) ? new Date(cell) : cell,
    ),
  );
}

let edge: EdgeServer;
let office: Office;
let browser: Browser;
let html: string;
let sidebar: SidebarPage;
let page: Page;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(
    edge,
    start,
    [charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2')],
    { 'Jan 2027': januaryTab() },
  );
  browser = await launchChromium();
  html = sidebarHtml(office.harness);
  sidebar = await openSidebarPage(browser, office.harness, html);
  page = sidebar.page;
  await settled(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.harness.close();
  await edge?.stop();
});

const names = () => page.locator('#roster-body tr td.name').allTextContents();
const rowOf = (name: string) => page.locator('#roster-body tr').filter({ hasText: name });
const text = async (selector: string) => (await page.locator(selector).textContent()) ?? '';

/** The inspected link's facts, term → detail. */
function inspection(): Promise<Record<string, string | undefined>> {
  return page
    .locator('#inspection')
    .evaluate((dl) =>
      Object.fromEntries(
        Array.from(dl.querySelectorAll('dt'), (dt) => [
          dt.textContent,
          dt.nextElementSibling?.textContent,
        ]),
      ),
    );
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await settled(page);
}

async function fillCrewForm(values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

async function submitCrewForm(): Promise<void> {
  await page.locator('#crew-save').click();
  await settled(page);
}

describe('the admin sidebar, in Chromium, against the built script and the edge API', () => {
  it('is the built AdminSidebar.html, served by createHtmlOutputFromFile, script inlined', () => {
    expect(html).toBe(readFileSync('dist/apps-script/AdminSidebar.html', 'utf8'));
    expect(html).not.toContain('@@ADMIN_SIDEBAR_');
    // One inline script, and nothing in it ends it early.
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).toContain('withSuccessHandler');
  });

  it('lists the seeded crew by level then name, at 300 px without sideways scrolling', async () => {
    expect(await names()).toEqual(SEEDED_BY_LEVEL_THEN_NAME);
    expect(await text('#roster-count')).toBe('12 crew members');
    const abdul = rowOf('Abdul Rahimi');
    for (const detail of [
      'captain',
      '1',
      '+13105550101',
      'abdul.rahimi@example.com',
      'Abdul',
      'active',
    ]) {
      await expect(abdul.textContent()).resolves.toContain(detail);
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    expect(sidebar.calls.map((c) => c.name)).toEqual(['sidebarLoadRoster']);
  });

  it('lists month-tab headers that match nobody on the roster', async () => {
    const unmatched = await page.locator('#headers-without-crew li').allTextContents();
    expect(unmatched).toContain('Visiting skipper (Tom?) in Jan 2027');
    expect(await text('#key-warnings')).toContain('Month tabs checked: December 2026, Jan 2027.');
  });

  it('filters by name, role, email and availability key', async () => {
    const search = page.getByLabel('Search crew');
    await search.fill('deckhand');
    expect(await names()).toEqual([
      'Danika Holm',
      'Esmi Duarte',
      'Owen Pike',
      'Hana Lindqvist',
      'Sofia Marchetti',
    ]);
    await search.fill('capt. teresa');
    expect(await names()).toEqual(['Teresa Okafor']);
    await search.fill('KENJI.WATANABE@');
    expect(await names()).toEqual(['Kenji Watanabe']);
    expect(await text('#roster-count')).toBe('Showing 1 of 12');
    await search.fill('');
    expect(await names()).toHaveLength(12);
  });

  it('adds a crew member, who then shows in level order and as a key with no header', async () => {
    await page.getByRole('button', { name: 'Add crew member' }).first().click();
    await fillCrewForm({
      Name: 'Nadia Quill',
      Role: 'deckhand',
      'Cascade level': '3',
      Phone: '+1 310 555 0113',
      Email: 'nadia.quill@example.com',
      'Availability key': 'Nadia Q',
      'Day rate ($)': '210',
    });
    await submitCrewForm();
    expect(await text('#status')).toBe('Added Nadia Quill.');
    await expect(page.locator('#crew-form').isHidden()).resolves.toBe(true);
    expect((await names()).slice(6, 11)).toEqual([
      'Danika Holm',
      'Esmi Duarte',
      'Nadia Quill',
      'Owen Pike',
      'Priya Nair',
    ]);
    expect(await rowOf('Nadia Quill').textContent()).toContain('+13105550113');
    expect(await page.locator('#keys-without-header li').allTextContents()).toEqual([
      'Nadia Q (Nadia Quill)',
    ]);
    const save = sidebar.calls.find((c) => c.name === 'sidebarSaveCrew');
    expect(save?.args[0]).toBeNull();
  });

  it('shows a duplicate email next to the email field, in plain words', async () => {
    await page.getByRole('button', { name: 'Add crew member' }).first().click();
    await fillCrewForm({
      Name: 'Omar Reyes',
      Role: 'deckhand',
      'Cascade level': '4',
      Phone: '+1 310 555 0114',
      Email: 'nadia.quill@example.com',
      'Availability key': 'Omar',
      'Day rate ($)': '200',
    });
    await submitCrewForm();
    expect(await text('#crew-email-error')).toBe(
      'Email is already used by another crew member (Nadia Quill).',
    );
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.locator('#crew-phone-error').isHidden()).toBe(true);
    expect(await text('#status')).toBe('Not saved: see the note next to Email.');
    expect(await names()).toHaveLength(13);
    await page.screenshot({ path: '/tmp/admin-sidebar-form.png' });
  });

  it('shows a bad phone number next to the phone field', async () => {
    await fillCrewForm({ Email: 'omar.reyes@example.com', Phone: '555 12' });
    await submitCrewForm();
    expect(await text('#crew-phone-error')).toContain('Phone "555 12" is not a');
    expect(await page.locator('#crew-email-error').isHidden()).toBe(true);
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await names()).toHaveLength(13);
  });

  it('edits a crew member from a pre-filled form, sending only what changed', async () => {
    await page.getByRole('button', { name: 'Edit Nadia Quill' }).click();
    expect(await page.locator('#crew-form-title').textContent()).toBe('Edit Nadia Quill');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Nadia Quill');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(
      'nadia.quill@example.com',
    );
    expect(await page.getByLabel('Day rate ($)').inputValue()).toBe('210.00');
    await fillCrewForm({ 'Cascade level': '2', 'Day rate ($)': '225.50' });
    await submitCrewForm();
    expect(await text('#status')).toBe('Saved Nadia Quill.');
    const nadia = rowOf('Nadia Quill');
    expect(await nadia.locator('td.level').textContent()).toBe('2');
    expect(await nadia.textContent()).toContain('$225.50/day');
    expect((await names()).slice(2, 7)).toEqual([
      'Kenji Watanabe',
      'Liam Brennan',
      'Marisol Vega',
      'Nadia Quill',
      'Ray Tanaka',
    ]);
    const edit = sidebar.calls.filter((c) => c.name === 'sidebarSaveCrew').at(-1);
    expect(edit?.args).toEqual([
      expect.stringMatching(/.+/),
      { cascade_level: '2', day_rate: '225.50', currency: 'USD' },
    ]);
  });

  it('deactivates a crew member after a confirm step', async () => {
    await page.getByRole('button', { name: 'Deactivate Nadia Quill' }).click();
    const nadia = rowOf('Nadia Quill');
    expect(await nadia.getByRole('alert').textContent()).toContain('Deactivate Nadia Quill?');
    expect(sidebar.calls.some((c) => c.name === 'sidebarDeactivateCrew')).toBe(false);
    await nadia.getByRole('button', { name: 'Yes, deactivate' }).click();
    await settled(page);
    expect(await text('#status')).toBe('Nadia Quill is now inactive.');
    expect(await rowOf('Nadia Quill').locator('.badge').textContent()).toBe('inactive');
    expect(
      await rowOf('Nadia Quill')
        .getByRole('button', { name: /Deactivate/ })
        .count(),
    ).toBe(0);
    // Only active crew count for the key warnings.
    expect(await page.locator('#keys-without-header').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/admin-sidebar.png' });
  });

  it('issues a portal link that opens, and inspects it without showing its secret', async () => {
    await openTab('Links');
    await page
      .getByLabel('Crew member')
      .selectOption({ label: 'Teresa Okafor (captain, level 1)' });
    const choices = await page.locator('#link-crew option').allTextContents();
    expect(choices).toHaveLength(12); // the active crew: not Nadia Quill
    expect(choices.join('\n')).not.toContain('Nadia Quill');
    await page.getByRole('button', { name: 'Reissue portal link' }).click();
    await settled(page);
    const url = await page.getByLabel('Portal link', { exact: true }).inputValue();
    expect(url).toMatch(
      new RegExp(`^${edge.url}/m/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`),
    );
    expect((await fetch(url)).status).toBe(200);

    await page.getByLabel('Paste a crew link').fill(url);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await settled(page);
    const facts = await inspection();
    expect(facts).toMatchObject({
      Whose: 'Teresa Okafor (c-0002)',
      Kind: 'portal (all their calls)',
      State: 'live',
    });
    // Portal links last a year (PORTAL_DAYS = 365): issued 28 Nov 2026.
    expect(facts.Expires).toMatch(/^\w{3}, Nov 28, 2027, /);
    const token = url.split('/m/')[1] as string;
    const signature = token.split('.').at(-1) as string;
    expect(JSON.stringify(facts)).not.toContain(signature);
    await page.screenshot({ path: '/tmp/admin-sidebar-links.png' });

    await page.getByLabel('Paste a crew link').fill(`${edge.url}/m/abc.def.ghijklmnop`);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await settled(page);
    expect((await inspection()).State).toMatch(/^not a crewcall link/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
  });

  it('shows the dispatch board and escalates a call now', async () => {
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.alerts.at(-1)?.prompt).toContain('Sent 1 crew call');

    await openTab('Board');
    const card = page.locator('article[data-charter-id="CH-2026-1205-A"]');
    expect(await card.locator('h2').textContent()).toBe('CH-2026-1205-A');
    expect(await card.textContent()).toContain('Sea Lark · 2026-12-05 09:00–13:00');
    const seats = await card
      .locator('table.seats tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent)));
    expect(seats).toEqual([
      ['captain', '1', '0', '1'],
      ['deckhand', '2', '0', '0'],
      ['mate', '1', '0', '2'],
    ]);
    expect(await card.locator('.cascade').textContent()).toMatch(
      /^Calling level 2; level 3 opens .+\.$/,
    );
    expect(await card.locator('.people').textContent()).toContain(
      'captain asked: Liam Brennan (L2)',
    );

    await card.getByRole('button', { name: 'Escalate CH-2026-1205-A now' }).click();
    await settled(page);
    expect(await text('#status')).toMatch(/^CH-2026-1205-A: opened level 3; \d+ email\(s\) go out/);
    expect(await card.locator('.cascade').textContent()).toMatch(/^Calling level 3/);
    const names = sidebar.calls.map((c) => c.name);
    expect(names.slice(-2)).toEqual(['sidebarEscalateNow', 'sidebarLoadBoard']);
    // It names the level it moves from, so a second click (or a second admin) opens nothing more.
    expect(sidebar.calls.at(-2)?.args.slice(1)).toEqual([2]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: '/tmp/admin-sidebar-board.png', fullPage: true });
  });

  it('shows the settings but never the secret, and tests the connection', async () => {
    await openTab('Settings');
    expect(await page.getByLabel('Edge API URL').inputValue()).toBe(PUBLIC_API_URL);
    expect(await page.getByLabel('AWS region').inputValue()).toBe('us-west-2');
    expect(await page.getByLabel('Access key id').inputValue()).toBe('AKIDCREWCALLLOCALDEV');
    const secret = page.getByLabel('Secret access key');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('stored (hidden)');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await settled(page);
    expect(await text('#connection')).toMatch(/^Connection works/);

    await page.getByLabel('AWS region').fill('west');
    await page.getByRole('button', { name: 'Save and test' }).click();
    await settled(page);
    expect(await text('#status')).toContain('the region "west" should look like us-west-2');
    expect(office.harness.properties.script._store.get('CREWCALL_REGION')).toBe('us-west-2');
    expect(await page.getByLabel('AWS region').inputValue()).toBe('us-west-2');

    await page.getByRole('button', { name: 'Save and test' }).click();
    await settled(page);
    expect(await text('#status')).toBe('Settings saved.');
    expect(office.harness.properties.script._store.get('CREWCALL_SECRET_ACCESS_KEY')).toBe(
      DEV_ADMIN_SECRET_ACCESS_KEY,
    );
    const dom = await page.evaluate(() => {
      const values = Array.from(
        document.querySelectorAll('input, textarea'),
        (i) => (i as HTMLInputElement).value,
      );
      return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
    });
    expect(dom).not.toContain(DEV_ADMIN_SECRET_ACCESS_KEY);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
    await page.screenshot({ path: '/tmp/admin-sidebar-settings.png', fullPage: true });
  });

  it('sets what x means in the month tabs, from the Settings tab', async () => {
    await openTab('Settings');
    const xMeans = page.getByLabel('What x means in the month tabs');
    expect(await xMeans.inputValue()).toBe('yes'); // unset: read as available
    await xMeans.selectOption('no');
    await page.getByRole('button', { name: 'Save and test' }).click();
    await settled(page);
    expect(await text('#status')).toBe('Settings saved.');
    expect(office.harness.properties.script._store.get('CREWCALL_X_MEANS')).toBe('no');
    expect(await xMeans.inputValue()).toBe('no');
  });

  it('shows a failed call (a thrown error) in the status line, and stays usable', async () => {
    await openTab('Board');
    sidebar.failNext('Exceeded maximum execution time');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
    expect(await text('#status')).toBe(
      'The script could not be reached or failed: Exceeded maximum execution time',
    );
    expect(await page.locator('#progress').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
    // The board from before is still there; a second try works.
    expect(await page.locator('article.charter').count()).toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page);
    expect(await page.locator('article.charter').count()).toBe(1);
  });

  it('reached the server only through google.script.run, showing progress each time', () => {
    expect(sidebar.problems).toEqual([]);
    expect(sidebar.calls.filter((c) => !c.progressShown)).toEqual([]);
    expect(new Set(sidebar.calls.map((c) => c.name))).toEqual(
      new Set([
        'sidebarLoadRoster',
        'sidebarSaveCrew',
        'sidebarDeactivateCrew',
        'sidebarIssueLink',
        'sidebarInspectLink',
        'sidebarLoadBoard',
        'sidebarEscalateNow',
        'sidebarLoadSettings',
        'sidebarTestConnection',
        'sidebarSaveSettings',
      ]),
    );
  });
});
