import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PortalLinkAnswer } from '../../shared/api/index.js';
import { launchChromium, openPhonePage } from '../support/browser.js';
import {
  charterRow,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Issue 15, "Done when": the office works the sheet through the built script, crew answer and
// get their calendar address in Chromium, and the feed (read with ical.js, as a calendar app
// would) follows accept, change, drop-out and cancel.
const start = new Date('2026-11-28T17:00:00Z');
const ID = 'CH-2026-1205-F';
const LIAM = { id: 'c-0003', email: 'liam.brennan@example.com' }; // the captain
const KENJI = { id: 'c-0005', email: 'kenji.watanabe@example.com' }; // a mate
let edge: EdgeServer;
let office: Office;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow(ID, '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
  ]);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.harness.close();
  await edge?.stop();
});

/** The charters a subscribed calendar shows, as ical.js reads the feed with its own VTIMEZONEs. */
async function calendar(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return root.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: String(v.getFirstPropertyValue('status')),
      title: e.summary,
      /** The wall clock the crew member sees, in the charter's zone. */
      local: `${e.startDate.toString()}–${e.endDate.toString().slice(11)} ${v.getFirstProperty('dtstart')?.getParameter('tzid')}`,
      start: e.startDate.toJSDate().toISOString(),
    };
  });
}

/** Console errors, CSP refusals, failed requests or dialogs seen on any crew page. */
const pageProblems: string[] = [];
async function onPhone<T>(url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const { page, problems } = await openPhonePage(browser);
  try {
    await page.goto(url);
    return await use(page);
  } finally {
    pageProblems.push(...problems);
    await page.context().close();
  }
}

/** Opens the crew call email's link and presses Accept, as on a phone. */
const acceptFromEmail = (email: string) => {
  const mail = office.harness.outbox.find((m) => m.to.includes(email) && /\/m\//.test(m.body));
  return onPhone(linkIn(mail?.body ?? ''), async (page) => {
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText("You're confirmed").first().waitFor();
  });
};

/** The office issues the person's portal link (the sidebar's Links tab server call); they get their calendar address on it. */
async function calendarAddressOf(crewId: string): Promise<string> {
  const portal = office.harness.run('sidebarIssueLink', crewId) as PortalLinkAnswer & {
    ok: boolean;
  };
  expect(portal.ok).toBe(true);
  return onPhone(portal.url, async (page) => {
    await page.getByRole('button', { name: 'Get my calendar link' }).click();
    return page.getByLabel('Your calendar address').inputValue();
  });
}

const sendRow = () => {
  office.harness.select('Charters', 'A2:M2');
  office.harness.clickMenu('Crew', 'Send crew call for selected charters');
  return office.harness.alerts.at(-1)?.prompt ?? '';
};

let liamFeed: string;
let kenjiFeed: string;
let firstUid: string;
let firstSequence: number;

describe('a crew member’s calendar, from the office’s sheet to their phone', () => {
  it('shows the charter once the captain accepts, at its local time in its own zone', async () => {
    expect(sendRow()).toContain(`Sent 1 crew call: ${ID}: 3 emails`);
    await acceptFromEmail(LIAM.email);
    liamFeed = await calendarAddressOf(LIAM.id);
    expect(liamFeed).toMatch(/\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    const events = await calendar(liamFeed);
    expect(events).toEqual([
      expect.objectContaining({
        title: 'Sea Lark (captain)',
        local: '2026-12-05T09:00:00–13:00:00 America/Los_Angeles',
        start: '2026-12-05T17:00:00.000Z',
        status: 'CONFIRMED',
      }),
    ]);
    firstUid = events[0]?.uid as string;
    firstSequence = events[0]?.sequence as number;
  });

  it('moves the same entry when the office changes the start time and sends the change', async () => {
    await office.setClock(new Date(start.getTime() + 10 * 60_000));
    office.harness.runTrigger('tick');
    office.harness.range('Charters', 'C2').setValue('10:30');
    const summary = sendRow();
    expect(summary).toContain(`Updated ${ID}: times; told Liam Brennan (1 email)`);
    const [moved, ...others] = await calendar(liamFeed);
    expect(others).toEqual([]);
    expect(moved).toMatchObject({
      uid: firstUid,
      local: '2026-12-05T10:30:00–13:00:00 America/Los_Angeles',
      start: '2026-12-05T18:30:00.000Z',
      status: 'CONFIRMED',
    });
    expect(moved?.sequence).toBeGreaterThan(firstSequence);
  });

  it('drops the charter from a mate’s calendar when they drop out on their crew page', async () => {
    await acceptFromEmail(KENJI.email);
    kenjiFeed = await calendarAddressOf(KENJI.id);
    expect((await calendar(kenjiFeed)).map((e) => [e.title, e.local])).toEqual([
      ['Sea Lark (mate)', '2026-12-05T10:30:00–13:00:00 America/Los_Angeles'],
    ]);

    const mail = office.harness.outbox.find(
      (m) => m.to.includes(KENJI.email) && /\/m\//.test(m.body),
    );
    await onPhone(linkIn(mail?.body ?? ''), async (page) => {
      await page.getByRole('button', { name: 'Drop out', exact: true }).click();
      await page.getByRole('button', { name: 'Yes, drop out', exact: true }).click();
      await page.getByText('You dropped out').first().waitFor();
    });
    expect(await calendar(kenjiFeed)).toEqual([]);
    // The captain's calendar is untouched by someone else leaving.
    expect((await calendar(liamFeed)).map((e) => [e.uid, e.status])).toEqual([
      [firstUid, 'CONFIRMED'],
    ]);
  });

  it('marks the captain’s entry cancelled when the office cancels the charter', async () => {
    const before = (await calendar(liamFeed))[0];
    office.harness.select('Charters', 'A2:M2');
    office.harness.ui.queueAlert('YES');
    office.harness.clickMenu('Crew', 'Cancel charter');
    expect(office.charterCells(1).status).toBe('cancelled');
    const [cancelled, ...others] = await calendar(liamFeed);
    expect(others).toEqual([]);
    expect(cancelled).toMatchObject({
      uid: firstUid,
      status: 'CANCELLED',
      title: 'Cancelled: Sea Lark (captain)',
      local: '2026-12-05T10:30:00–13:00:00 America/Los_Angeles',
    });
    expect(cancelled?.sequence).toBeGreaterThan(before?.sequence ?? 0);
  });

  it('showed every crew page without a script, style or request problem', () => {
    expect(pageProblems).toEqual([]);
  });
});
