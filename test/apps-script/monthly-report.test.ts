import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import seedRoster from '../../edge-api/src/local/seed-roster.json' with { type: 'json' };
import type { EscalateAnswer, Notification, StartCallAnswer } from '../../shared/api/index.js';
import type { Charter } from '../../shared/charter/index.js';
import {
  buildMonthlyReport,
  type MonthlyReportInput,
} from '../../shared/reports/monthly-report.js';
import {
  createHarness,
  type EmulatedSpreadsheet,
  type Harness,
  readHarnessPdf,
  type SentEmail,
} from '../apps-script-harness/index.js';
import fixtureCharters from '../fixtures/charters.json' with { type: 'json' };
import { postCrewForm } from '../support/crew-links.js';
import { signedFetch } from '../support/signed-fetch.js';
import { CHARTERS_HEADER, type EdgeServer, startEdgeServer, TIME_ZONE } from './support/office.js';
import { startReportStub } from './support/report-stub.js';

/**
 * December 2026 built through the real edge API (fixture charters, calls,
 * answers through the crew links, the clock moved), then reported by the
 * built script: the menu (dry run, re-run, resend) and the monthly trigger.
 * Every figure is checked against the test's own sums of the prices and day
 * rates it set up, not against shared/reports.
 */

const OWNERS = ['owner.one@example.com', 'owner.two@example.com'];
const TABS = ['Summary', 'By vessel', 'By crew', 'Charters', 'Call record'];
const SHEET_NAME = 'crewcall report 2026-12';
const PDF_NAME = 'crewcall report 2026-12 summary.pdf';

const crew = (name: string) => {
  const member = seedRoster.find((c) => c.name === name);
  if (!member) throw new Error(`no ${name} in the seed roster`);
  return member;
};

interface Planned {
  id: string;
  vessel: string;
  date: string;
  start: string;
  end: string;
  time_zone: string;
  client: string;
  price: { amount_cents: number; currency: string };
  needs: Record<string, number>;
  cancelled?: boolean;
  /** Crew who end up confirmed, by name. */
  confirmed: string[];
  /** Crew asked, by name (the call record). */
  asked: string[];
}

const fixture = (id: string): Omit<Planned, 'asked' | 'confirmed'> => {
  const c = fixtureCharters.find((x) => x.charter_id === id);
  if (!c) throw new Error(`no fixture ${id}`);
  return {
    id,
    vessel: c.vessel,
    date: c.date,
    start: c.start,
    end: c.end,
    time_zone: c.time_zone,
    client: c.client,
    needs: c.needs as Record<string, number>,
    price: { amount_cents: c.price_usd * 100, currency: 'USD' },
  };
};
const usd = (dollars: number) => ({ amount_cents: dollars * 100, currency: 'USD' });
const la = { time_zone: TIME_ZONE, needs: { captain: 1 } };

/** What the test sets up; the expectations below are computed from this and the roster alone. */
const PLAN: Planned[] = [
  {
    ...fixture('CH-2026-1205-A'),
    asked: ['Liam Brennan', 'Marisol Vega', 'Kenji Watanabe'],
    confirmed: ['Liam Brennan', 'Kenji Watanabe'],
  },
  { ...fixture('CH-2026-1205-B'), asked: ['Abdul Rahimi'], confirmed: ['Abdul Rahimi'] },
  {
    ...fixture('CH-2026-1212-A'),
    cancelled: true,
    asked: ['Teresa Okafor'],
    confirmed: ['Teresa Okafor'],
  },
  {
    // New Year's Eve, 21:00 to 00:30: starts 2027-01-01T05:00Z, and is December's.
    ...fixture('CH-2026-1231-A'),
    asked: ['Teresa Okafor', 'Priya Nair', 'Esmi Duarte'],
    confirmed: ['Teresa Okafor', 'Priya Nair', 'Esmi Duarte'],
  },
  {
    ...la,
    id: 'RPT-1220',
    vessel: 'Sea Lark',
    date: '2026-12-20',
    start: '10:00',
    end: '14:00',
    client: 'Harbor Walk Tours',
    price: usd(1500),
    asked: [],
    confirmed: [],
  },
  {
    ...la,
    id: 'RPT-EUR',
    vessel: 'Andorinha',
    date: '2026-12-20',
    start: '10:00',
    end: '14:00',
    time_zone: 'Europe/Lisbon',
    client: 'Rio Tejo Events',
    price: { amount_cents: 90000, currency: 'EUR' },
    asked: [],
    confirmed: [],
  },
  {
    // 30 Nov in Los Angeles, already 1 Dec in UTC: November's.
    ...la,
    id: 'RPT-NOV',
    vessel: 'Sea Lark',
    date: '2026-11-30',
    start: '20:00',
    end: '23:00',
    client: 'Late Harbor Cruise',
    needs: { deckhand: 1 },
    price: usd(900),
    asked: ['Owen Pike'],
    confirmed: ['Owen Pike'],
  },
  {
    ...la,
    id: 'RPT-JAN',
    vessel: 'Sea Lark',
    date: '2027-01-01',
    start: '10:00',
    end: '14:00',
    client: 'New Year Brunch',
    needs: { skipper: 1 },
    price: usd(1900),
    asked: ['Ray Tanaka'],
    confirmed: ['Ray Tanaka'],
  },
];
const DECEMBER = PLAN.filter((c) => c.date.startsWith('2026-12-'));

// ---- the independent computation ----
const cents = (n: number) => n / 100;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isCaptain = (name: string) => ['captain', 'skipper'].includes(crew(name).role);
const paid = (c: Planned) => (c.cancelled ? [] : c.confirmed);
const crewCost = (c: Planned) => paid(c).reduce((sum, n) => sum + crew(n).day_rate.amount_cents, 0);
const revenue = (c: Planned) => (c.cancelled ? 0 : c.price.amount_cents);

function figures(charters: Planned[]) {
  const out = new Map<string, [number, number, number, number, number]>();
  for (const c of charters) {
    const f = out.get(c.price.currency) ?? [0, 0, 0, 0, 0];
    f[0] += 1;
    f[1] += c.cancelled ? 1 : 0;
    f[2] += revenue(c);
    f[3] += crewCost(c);
    f[4] += revenue(c) - crewCost(c);
    out.set(c.price.currency, f);
  }
  return [...out]
    .sort(([a], [b]) => byText(a, b))
    .map(([currency, [n, cancelled, rev, cost, net]]) => [
      currency,
      n,
      cancelled,
      cents(rev),
      cents(cost),
      cents(net),
    ]);
}
const grouped = (key: (c: Planned) => string) => {
  const keys = [...new Set(DECEMBER.map(key))].sort(byText);
  return keys.flatMap((k) => figures(DECEMBER.filter((c) => key(c) === k)).map((f) => [k, ...f]));
};
const captainOf = (c: Planned) => paid(c).find(isCaptain) ?? 'No captain';
const PAID_CREW = [...new Set(DECEMBER.flatMap(paid))].sort(byText);
const linesOf = (name: string) => DECEMBER.filter((c) => paid(c).includes(name));
const DAY = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayText = (ymd: string) => DAY.format(new Date(`${ymd}T00:00:00Z`)).replaceAll(',', '');

// ---- the world: edge API, office, clock ----
let edge: EdgeServer;
let h: Harness;
let clock = new Date('2026-11-28T17:00:00Z');

async function at(iso: string) {
  clock = new Date(iso);
  h.clock.set(clock);
  await edge.setClock(clock);
}
async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
  const res = await signedFetch(
    `${edge.url}${path}`,
    { method, ...(body === undefined ? {} : { body }) },
    { signingDate: clock },
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function openReportOffice(url: string, extraProperties: Record<string, string> = {}): Harness {
  const office = createHarness({
    timeZone: TIME_ZONE,
    // New spreadsheets come in the account's zone; the report must use the sheet's.
    accountTimeZone: 'Europe/London',
    now: clock,
    spreadsheetName: 'Harbor Charters availability',
    sheets: { Charters: [CHARTERS_HEADER] },
    scriptProperties: {
      CREWCALL_API_URL: url,
      CREWCALL_REGION: 'us-west-2',
      CREWCALL_ACCESS_KEY_ID: DEV_ADMIN_ACCESS_KEY_ID,
      CREWCALL_SECRET_ACCESS_KEY: DEV_ADMIN_SECRET_ACCESS_KEY,
      CREWCALL_OWNER_EMAILS: OWNERS.join(', '),
      ...extraProperties,
    },
  });
  office.load();
  office.runSimpleTrigger('onOpen');
  return office;
}

beforeAll(async () => {
  edge = await startEdgeServer(clock, inject('dynamodbEndpoint'));
  h = openReportOffice(edge.url);

  const links = new Map<string, string>(); // "<charter> <crew name>" → link
  const remember = (id: string, notifications: Notification[]) => {
    for (const n of notifications) {
      const member = seedRoster.find((c) => c.email === n.to);
      if (member && n.link_url) links.set(`${id} ${member.name}`, n.link_url);
    }
  };
  const answer = async (id: string, name: string, fields: Record<string, string>) => {
    const link = links.get(`${id} ${name}`);
    if (!link) throw new Error(`no link for ${name} on ${id}`);
    const { result } = await postCrewForm(link, fields);
    expect(result).toBe(fields.action === 'accept' ? 'confirmed' : 'declined');
  };

  // The demo roster's Ray is a skipper, and RPT-JAN needs one: the office has the role first.
  await api('PUT', '/api/settings', { roles: ['captain', 'skipper', 'mate', 'deckhand'] });

  // A week or more out: 12-hour windows per level.
  const calls = new Map<string, string>();
  for (const c of PLAN) {
    await api('PUT', `/api/charters/${c.id}`, {
      vessel: c.vessel,
      date: c.date,
      start: c.start,
      end: c.end,
      time_zone: c.time_zone,
      client: c.client,
      guests: 8,
      needs: c.needs,
      price: c.price,
      meeting_point: 'Dock B, slip 14',
    });
    if (c.asked.length === 0) continue;
    // Everyone asked is available; the call asks the first level that has anyone (the NYE
    // mate and deckhand, level 3, only once the captains' window has passed).
    const availability = Object.fromEntries(c.asked.map((n) => [crew(n).availability_key, 'yes']));
    const started = await api<StartCallAnswer>('POST', `/api/charters/${c.id}/calls`, {
      availability,
    });
    calls.set(c.id, started.call.call_id);
    remember(c.id, started.notifications);
  }
  await at('2026-11-28T17:00:20Z');
  await answer('CH-2026-1205-A', 'Kenji Watanabe', { action: 'accept' });
  await at('2026-11-28T17:10:00Z');
  await answer('CH-2026-1205-A', 'Liam Brennan', { action: 'accept' });
  await answer('CH-2026-1205-A', 'Marisol Vega', {
    action: 'decline',
    reason: '=HYPERLINK("http://example.com","boat yard")',
  });
  await answer('CH-2026-1205-B', 'Abdul Rahimi', { action: 'accept' });
  await answer('CH-2026-1212-A', 'Teresa Okafor', { action: 'accept' });
  await answer('CH-2026-1231-A', 'Teresa Okafor', { action: 'accept' });
  await answer('RPT-NOV', 'Owen Pike', { action: 'accept' });
  await answer('RPT-JAN', 'Ray Tanaka', { action: 'accept' });
  await api('POST', '/api/charters/CH-2026-1212-A/cancel', {});
  // The NYE level-1 window (12 h) passes: the call escalates to level 3 (mate, deckhand).
  await at('2026-11-29T06:00:01Z');
  const escalated = (await api<EscalateAnswer>(
    'POST',
    `/api/calls/${calls.get('CH-2026-1231-A')}/escalate`,
    {
      from_level: 1,
    },
  )) as EscalateAnswer;
  expect(escalated.level).toBe(3);
  remember('CH-2026-1231-A', escalated.notifications);
  await at('2026-11-29T06:30:00Z');
  await answer('CH-2026-1231-A', 'Priya Nair', { action: 'accept' });
  await answer('CH-2026-1231-A', 'Esmi Duarte', { action: 'accept' });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await edge?.stop();
});

// ---- reading what the script wrote ----
function monthFolder() {
  const folder = h.drive.folderAt('crewcall/Reports/2026-12');
  if (!folder) throw new Error('no crewcall/Reports/2026-12 folder');
  return folder;
}
const liveFiles = () => h.drive.filesIn(monthFolder()).filter((f) => !f.isTrashed());
function book(id: string | undefined): EmulatedSpreadsheet {
  const found = h.createdSpreadsheets.find((s) => s._id === id);
  if (!found) throw new Error(`no spreadsheet ${id}`);
  return found;
}
function report() {
  return h.workbook(book(liveFiles().find((f) => f.getName() === SHEET_NAME)?._id));
}
const rowsOf = (values: unknown[][]) => values.slice(1).filter((r) => r[0] !== 'Total');
/** The rows under a section header of the Summary ("Vessel", "Captain"), up to the blank row. */
function section(values: unknown[][], header: string): unknown[][] {
  const start = values.findIndex((r) => r[0] === header);
  const end = values.findIndex((r, i) => i > start && r[0] === '');
  return values.slice(start + 1, end);
}
function runMenu(month: string, ...buttons: Array<'YES' | 'NO' | 'CANCEL'>) {
  h.ui.queuePrompt(month);
  for (const b of buttons) h.ui.queueAlert(b);
  h.clickMenu('Crew', 'Monthly report…');
  return h.alerts.at(-1)?.prompt ?? '';
}
const mailsSince = (n: number): SentEmail[] => h.outbox.slice(n);
/** The spreadsheet link in the owners' email of 1 January (the trigger's). */
let ownersLink = '';
const fileNamed = (name: string) => liveFiles().find((f) => f.getName() === name);

describe('the monthly report, from the menu and the trigger', () => {
  it('installs the monthly trigger next to the timer, once', () => {
    h.clickMenu('Crew', 'Install triggers');
    h.clickMenu('Crew', 'Install triggers');
    expect(h.triggers.map((t) => [t.handler, t.schedule])).toEqual([
      ['tick', { everyMinutes: 5 }],
      ['monthlyReportTrigger', { onMonthDay: 1, atHour: 6, timeZone: TIME_ZONE }],
    ]);
  });

  it('dry run: writes the folder tree, the five tabs and the PDF; sends nothing, says who would get what', async () => {
    await at('2027-01-01T10:00:00Z'); // still 31 Dec in Los Angeles: the month is typed
    h.calls.reset();
    const summary = runMenu('2026-12', 'NO');
    expect(h.outbox).toHaveLength(0);
    expect(summary).toContain('Dry run: nothing was sent.');
    expect(summary).toContain(
      `Would send: owners → ${OWNERS.join(', ')} (with the Summary PDF); crew → ${PAID_CREW.length} statements (${PAID_CREW.join(', ')}).`,
    );
    for (const name of ['crewcall', 'Reports', '2026-12']) {
      expect([...h.drive.folders.values()].filter((f) => f.getName() === name)).toHaveLength(1);
    }
    expect(liveFiles().map((f) => f.getName())).toEqual([SHEET_NAME, PDF_NAME]);
    const book = report();
    expect(book.sheetNames()).toEqual(TABS);
    expect(book.timeZone).toBe(TIME_ZONE);
    // Each tab is one setValues, and nothing else was written cell by cell.
    for (const tab of TABS) {
      expect(book.calls(tab).count('SpreadsheetApp.Range.setValues')).toBe(1);
      expect(book.frozenRows(tab)).toBe(1);
      expect(book.fontWeights(tab)[0]?.every((w) => w === 'bold')).toBe(true);
    }
    expect(h.calls.count('SpreadsheetApp.Range.setValues')).toBe(TABS.length);
    expect(h.calls.count('SpreadsheetApp.Range.setValue')).toBe(0);
  });

  it('Summary: the month, each vessel and each captain, per currency', () => {
    const values = report().values('Summary');
    expect(values[0]).toEqual([
      'Month',
      'Currency',
      'Charters',
      'Cancelled',
      'Revenue',
      'Crew cost',
      'Net',
    ]);
    expect(values.filter((r) => r[0] === 'December 2026').map((r) => r.slice(1))).toEqual(
      figures(DECEMBER),
    );
    // Run once the month was over: no "to date" note.
    expect(values.map((r) => r[0])).not.toContain('Note');
    expect(section(values, 'Vessel')).toEqual(grouped((c) => c.vessel));
    const captains = section(values, 'Captain');
    const named = grouped(captainOf).filter((r) => r[0] !== 'No captain');
    const none = grouped(captainOf).filter((r) => r[0] === 'No captain');
    expect(captains).toEqual([...named, ...none]);
    const shown = report().displayValues('Summary');
    const usd = shown.find((r) => r[0] === 'December 2026' && r[1] === 'USD');
    expect(usd?.slice(4)).toEqual(['$11,350.00', '$2,120.00', '$9,230.00']);
    expect(shown.find((r) => r[1] === 'EUR')?.[4]).toBe('900.00 EUR');
  });

  it('By vessel and Charters: every December charter (the NYE one too), totals rows in bold', () => {
    const book = report();
    const vessels = book.values('By vessel');
    expect(rowsOf(vessels)).toEqual(grouped((c) => c.vessel));
    const totals = vessels.filter((r) => r[0] === 'Total');
    expect(totals.map((r) => r.slice(1))).toEqual(figures(DECEMBER));
    const weights = book.fontWeights('By vessel');
    vessels.forEach((r, i) => {
      expect(weights[i]?.[0]).toBe(i === 0 || r[0] === 'Total' ? 'bold' : 'normal');
    });

    const shown = book.displayValues('Charters');
    const byStart = [...DECEMBER].sort((a, b) =>
      byText(
        new Date(
          `${a.date}T${a.start}:00${a.time_zone === TIME_ZONE ? '-08:00' : 'Z'}`,
        ).toISOString(),
        new Date(
          `${b.date}T${b.start}:00${b.time_zone === TIME_ZONE ? '-08:00' : 'Z'}`,
        ).toISOString(),
      ),
    );
    expect(rowsOf(shown).map((r) => r[3])).toEqual(byStart.map((c) => c.id));
    const nye = shown.find((r) => r[3] === 'CH-2026-1231-A');
    expect(nye?.slice(0, 3)).toEqual(['Thu 31 Dec 2026', '21:00', '00:30']);
    expect(nye?.slice(7, 13)).toEqual([
      'Teresa Okafor',
      'Teresa Okafor (captain), Priya Nair (mate), Esmi Duarte (deckhand)',
      '$5,200.00',
      '$5,200.00',
      '$950.00',
      '$4,250.00',
    ]);
    const cancelled = shown.find((r) => r[3] === 'CH-2026-1212-A');
    expect(cancelled?.slice(6, 13)).toEqual([
      'cancelled',
      '',
      '',
      '$6,800.00',
      '$0.00',
      '$0.00',
      '$0.00',
    ]);
    const values = book.values('Charters');
    for (const c of DECEMBER) {
      const row = values.find((r) => r[3] === c.id) ?? [];
      expect([row[10], row[11], row[12]]).toEqual([
        cents(revenue(c)),
        cents(crewCost(c)),
        cents(revenue(c) - crewCost(c)),
      ]);
    }
    expect(values.flat()).not.toContain('RPT-NOV');
    expect(values.flat()).not.toContain('RPT-JAN');
    expect(book.numberFormats('Charters')[1]?.slice(9, 13)).toEqual(Array(4).fill('"$"#,##0.00'));
  });

  it('By crew: each paid crew member, their lines and totals', () => {
    const book = report();
    const shown = book.displayValues('By crew');
    const lines = shown.slice(1).filter((r) => PAID_CREW.includes(String(r[0])));
    const expected = PAID_CREW.flatMap((name) =>
      linesOf(name).map((c) => [
        name,
        crew(name).email,
        dayText(c.date),
        c.start,
        c.vessel,
        c.id,
        crew(name).role,
        `$${cents(crew(name).day_rate.amount_cents).toFixed(2)}`,
      ]),
    );
    expect(lines).toEqual(expected);
    const total = book.values('By crew').find((r) => r[0] === 'Total');
    expect(total?.[7]).toBe(cents(DECEMBER.reduce((s, c) => s + crewCost(c), 0)));
    expect(shown.map((r) => r[0])).not.toContain('Owen Pike');
    expect(shown.map((r) => r[0])).not.toContain('Ray Tanaka');
  });

  it('Call record: everyone asked for a December charter, times in the sheet zone, reasons as text', () => {
    const book = report();
    const shown = book.displayValues('Call record');
    const asked = DECEMBER.flatMap((c) => c.asked.map((n) => `${n} ${c.id}`)).sort(byText);
    expect(
      rowsOf(shown)
        .map((r) => `${r[0]} ${r[1]}`)
        .sort(byText),
    ).toEqual(asked);
    const kenji = shown.find((r) => r[0] === 'Kenji Watanabe');
    // Level 2 opened 17:00Z (09:00 in Los Angeles) with a 12-hour window; answered 20 s later.
    expect(kenji?.slice(6, 12)).toEqual([
      String(crew('Kenji Watanabe').cascade_level),
      '2026-11-28 09:00',
      '2026-11-28 21:00',
      '',
      '2026-11-28 09:00',
      'confirmed',
    ]);
    const marisol = shown.find((r) => r[0] === 'Marisol Vega');
    expect(marisol?.[11]).toBe('declined');
    expect(marisol?.[13]).toBe('=HYPERLINK("http://example.com","boat yard")');
    expect(book.formulas('Call record').flat().filter(Boolean)).toEqual([]);
  });

  it('exports only the Summary to the PDF', () => {
    const pdf = liveFiles().find((f) => f.getName() === PDF_NAME);
    expect(pdf?.getMimeType()).toBe('application/pdf');
    const contents = readHarnessPdf(pdf?._blob._data ?? '');
    expect(contents.sheets.map((s) => s.name)).toEqual(['Summary']);
    expect(contents.sheets[0]?.values).toEqual(report().displayValues('Summary'));
  });

  it('the trigger on the 1st: last month, the owners with the PDF, one email per paid crew member with only their lines', async () => {
    await at('2027-01-01T14:00:00Z'); // 6 am on 1 January in Los Angeles
    const before = h.outbox.length;
    h.runTrigger('monthlyReportTrigger');
    const sent = mailsSince(before);
    const owners = sent.filter((m) => m.to.includes(OWNERS[0] as string));
    expect(owners).toHaveLength(1);
    expect(owners[0]?.to).toEqual(OWNERS);
    expect(owners[0]?.subject).toBe('crewcall report for December 2026');
    ownersLink = owners[0]?.body.trim().split('\n').at(-1) ?? '';
    expect(ownersLink).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//);
    // The month is over now: its title is the month alone, with no "to date" note.
    const summaryTab = h.workbook(book(h.drive.openLink(ownersLink)._id)).values('Summary');
    expect(summaryTab.filter((r) => r[0] === 'December 2026').map((r) => r.slice(1))).toEqual(
      figures(DECEMBER),
    );
    expect(summaryTab.map((r) => r[0])).not.toContain('Note');
    expect(owners[0]?.attachments.map((a) => [a.name, a.contentType])).toEqual([
      [PDF_NAME, 'application/pdf'],
    ]);
    expect(
      readHarnessPdf(owners[0]?.attachments[0]?.bytes ?? '').sheets.map((s) => s.name),
    ).toEqual(['Summary']);

    const toCrew = sent.filter((m) => m !== owners[0]);
    expect(toCrew.map((m) => m.to).sort()).toEqual(PAID_CREW.map((n) => [crew(n).email]).sort());
    const everyone = seedRoster.map((c) => c.name);
    const allCharters = PLAN.map((c) => c.id);
    for (const name of PAID_CREW) {
      const mail = toCrew.find((m) => m.to[0] === crew(name).email);
      const text = `${mail?.subject}\n${mail?.body}\n${mail?.htmlBody}`;
      expect(mail?.body).toContain(`Hello ${name},`);
      const own = linesOf(name);
      for (const c of own) expect(mail?.body).toContain(c.id);
      const total = own.reduce((s, _c) => s + crew(name).day_rate.amount_cents, 0);
      expect(mail?.body).toContain(`Total: $${cents(total).toFixed(2)}`);
      for (const other of everyone.filter((n) => n !== name)) expect(text).not.toContain(other);
      for (const id of allCharters.filter((id) => !own.some((c) => c.id === id))) {
        expect(text).not.toContain(id);
      }
      expect(mail?.attachments).toEqual([]);
    }
    // The trigger's run rewrote the dry run's files.
    expect(liveFiles().map((f) => f.getName())).toEqual([SHEET_NAME, PDF_NAME]);
    expect(
      JSON.parse(h.properties.script.getProperty('CREWCALL_REPORT_SENT:2026-12') ?? '[]'),
    ).toHaveLength(OWNERS.length + PAID_CREW.length);
  });

  it("re-running a month updates its files in place: the owners' link opens the current report, and nothing already sent goes again", async () => {
    await at('2027-01-02T17:00:00Z');
    const before = h.outbox.length;
    const ids = [fileNamed(SHEET_NAME)?._id, fileNamed(PDF_NAME)?._id];
    const entries = h.drive.filesIn(monthFolder()).length;
    // A December charter entered after the report went out.
    const late: Planned = {
      ...la,
      id: 'RPT-1227',
      vessel: 'Sea Lark',
      date: '2026-12-27',
      start: '10:00',
      end: '12:00',
      client: 'Late Booking Co',
      price: usd(700),
      asked: [],
      confirmed: [],
    };
    await api('PUT', `/api/charters/${late.id}`, {
      vessel: late.vessel,
      date: late.date,
      start: late.start,
      end: late.end,
      time_zone: late.time_zone,
      client: late.client,
      guests: 4,
      needs: late.needs,
      price: late.price,
      meeting_point: 'Dock B, slip 14',
    });
    const summary = runMenu('', 'YES', 'NO'); // last month; send; not again to those sent
    expect(mailsSince(before)).toEqual([]);
    expect(summary).toContain('Nothing sent.');
    expect(summary).toContain('Already sent for 2026-12, not sent again');
    expect(summary).toContain('both updated in place: the links sent before open this report');
    // The same two files: no new ones, none in the trash.
    expect(liveFiles().map((f) => f._id)).toEqual(ids);
    expect(h.drive.filesIn(monthFolder())).toHaveLength(entries);
    expect(h.drive.filesIn(monthFolder()).filter((f) => f.isTrashed())).toEqual([]);

    // The link from the owners' email of 1 January opens the report as it is now.
    const opened = h.workbook(book(h.drive.openLink(ownersLink)._id));
    expect(opened.sheetNames()).toEqual(TABS);
    expect(opened.values('Charters').map((r) => r[3])).toContain(late.id);
    expect(
      opened
        .values('Summary')
        .filter((r) => r[0] === 'December 2026')
        .map((r) => r.slice(1)),
    ).toEqual(figures([...DECEMBER, late]));
    // Each tab is still one setValues on the rewritten tab.
    for (const tab of TABS) {
      expect(opened.calls(tab).count('SpreadsheetApp.Range.setValues')).toBe(1);
    }
    // The Summary PDF, same file, holds the new Summary too.
    const pdf = readHarnessPdf(fileNamed(PDF_NAME)?._blob._data ?? '');
    expect(pdf.sheets[0]?.values).toEqual(opened.displayValues('Summary'));
    for (const name of ['crewcall', 'Reports', '2026-12']) {
      expect([...h.drive.folders.values()].filter((f) => f.getName() === name)).toHaveLength(1);
    }
    // The trigger again (a retried run): nothing new either, and the link still opens.
    h.runTrigger('monthlyReportTrigger');
    expect(mailsSince(before)).toEqual([]);
    expect(h.drive.openLink(ownersLink)._id).toBe(ids[0]);
  });

  it('resend: asked for, the statements go out again', () => {
    const before = h.outbox.length;
    const summary = runMenu('2026-12', 'YES', 'YES');
    expect(mailsSince(before)).toHaveLength(1 + PAID_CREW.length);
    expect(summary).toContain(`crew → ${PAID_CREW.length} statements`);
  });

  it('names the missing owners setting; Cancel does nothing', () => {
    const before = h.drive.files.size;
    expect(runMenu('2026-12', 'CANCEL')).not.toContain('Dry run');
    expect(h.drive.files.size).toBe(before);
    h.properties.script.deleteProperty('CREWCALL_OWNER_EMAILS');
    expect(runMenu('Dec 2026')).toContain('set the Script Property CREWCALL_OWNER_EMAILS');
    expect(h.drive.files.size).toBe(before);
    expect(runMenu('2026-13')).toContain('"2026-13" is not a month');
    h.properties.script.setProperty('CREWCALL_OWNER_EMAILS', OWNERS.join(','));
  });

  it('under drive.file, a reports folder given by id must be one crewcall made', () => {
    // A folder the office made by hand: Drive answers "File not found" to the script.
    const byHand = h.drive.addFolder('Office paperwork', h.drive.root);
    h.properties.script.setProperty('CREWCALL_REPORTS_ROOT', byHand._id);
    const files = h.drive.files.size;
    expect(runMenu('2026-12', 'NO')).toContain(
      `The reports folder in the Script Property CREWCALL_REPORTS_ROOT (${byHand._id}) cannot be opened: crewcall may only open Drive folders it made itself.`,
    );
    expect(h.drive.files.size).toBe(files);
    // crewcall's own folder, moved by hand into the office's, keeps working by id.
    const own = h.drive.folderAt('crewcall');
    if (!own) throw new Error('no crewcall folder');
    own._parent = byHand;
    h.properties.script.setProperty('CREWCALL_REPORTS_ROOT', own._id);
    expect(runMenu('2026-12', 'NO')).toContain(`written to crewcall/Reports/2026-12/${SHEET_NAME}`);
    expect(h.drive.folderAt('Office paperwork/crewcall/Reports/2026-12')).toBeDefined();
    own._parent = h.drive.root;
    h.properties.script.deleteProperty('CREWCALL_REPORTS_ROOT');
  });

  it("a month not yet over says so: in the run's summary, the Summary tab and every email", () => {
    // 2 January, 09:00 in Los Angeles (17:00 UTC): January has begun, with one charter on the 1st.
    const before = h.outbox.length;
    const summary = runMenu('2027-01', 'YES');
    expect(summary).toContain('January 2027 (to date, 2 Jan): 1 charter written to');
    const note =
      'January 2027 is not over yet: these are the figures on 2 Jan. Charters later in the month count as booked and may still change; the report on the 1st has the whole month.';
    expect(summary).toContain(note);
    const sent = mailsSince(before);
    const owners = sent.find((m) => m.to.includes(OWNERS[0] as string));
    expect(owners?.subject).toBe('crewcall report for January 2027 (to date, 2 Jan)');
    expect(owners?.body).toContain(note);
    const ray = sent.find((m) => m.to[0] === crew('Ray Tanaka').email);
    expect(ray?.subject).toBe('Your statement for January 2027 (to date, 2 Jan)');
    const folder = h.drive.folderAt('crewcall/Reports/2027-01');
    const file = h.drive
      .filesIn(folder ?? h.drive.root)
      .find((f) => f.getName() === 'crewcall report 2027-01');
    const values = h.workbook(book(file?._id)).values('Summary');
    expect(values[1]?.[0]).toBe('January 2027 (to date, 2 Jan)');
    expect(values.find((r) => r[0] === 'Note')?.[1]).toBe(note);
  });

  it('a month with no charters emails the owners only when asked: the menu asks, the timer never sends', async () => {
    let before = h.outbox.length;
    const declined = runMenu('2026-10', 'YES', 'NO');
    const question = h.alerts.at(-2)?.prompt ?? '';
    expect(question).toContain('October 2026 has no charters.');
    expect(question).toContain('Yes: write the report and email the owners anyway');
    expect(mailsSince(before)).toEqual([]);
    expect(declined).toContain('October 2026: 0 charters written to crewcall/Reports/2026-10/');
    expect(declined).toContain("No charters in October 2026: the owners' email was not sent.");
    expect(h.properties.script.getProperty('CREWCALL_REPORT_SENT:2026-10')).toBeNull();

    const asked = runMenu('2026-10', 'YES', 'YES');
    expect(asked).toContain(`Sent: owners → ${OWNERS.join(', ')}; crew → no statements.`);
    const sent = mailsSince(before);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [OWNERS, 'crewcall report for October 2026'],
    ]);
    expect(sent[0]?.body).toContain('No charters this month.');

    // The timer on 1 March reports February, which had none: files written, nobody emailed.
    await at('2027-03-01T14:00:00Z');
    before = h.outbox.length;
    h.runTrigger('monthlyReportTrigger');
    expect(mailsSince(before)).toEqual([]);
    expect(h.logs.at(-1)?.message).toContain(
      "No charters in February 2027: the owners' email was not sent.",
    );
    const folder = h.drive.folderAt('crewcall/Reports/2027-02');
    expect(h.drive.filesIn(folder ?? h.drive.root).map((f) => f.getName())).toEqual([
      'crewcall report 2027-02',
      'crewcall report 2027-02 summary.pdf',
    ]);
  });
});

// ---- a month of 1,000 charters, served by a stub of the report route ----
describe('a month of 1,000 charters', () => {
  let stub: ChildProcess | undefined;
  let dir: string | undefined;
  let office: Harness | undefined;
  afterAll(async () => {
    await office?.close();
    stub?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('still writes each tab with one setValues', async () => {
    const vessels = ['Sea Lark', 'Blue Heron', 'Andorinha', 'Osprey'];
    const roster = seedRoster.map((c) => ({ crew_id: c.crew_id, name: c.name, email: c.email }));
    const input: MonthlyReportInput = {
      month: '2027-02',
      roster,
      charters: Array.from({ length: 1000 }, (_, i) => {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const hour = String(6 + (i % 12)).padStart(2, '0');
        const captain = seedRoster[i % 3] as (typeof seedRoster)[number];
        const deckhand = seedRoster[6 + (i % 6)] as (typeof seedRoster)[number];
        const charter = {
          charter_id: `BIG-${String(i).padStart(4, '0')}`,
          vessel: vessels[i % vessels.length] as string,
          date: `2027-02-${day}`,
          start: `${hour}:00`,
          end: `${hour}:45`,
          time_zone: TIME_ZONE,
          client: `Client ${i}`,
          guests: 6,
          needs: { captain: 1, deckhand: 1 },
          price: usd(1000 + i),
          meeting_point: 'Dock B',
          notes: '',
          status: 'scheduled',
          created_at: '2027-01-01T00:00:00Z',
          updated_at: '2027-01-01T00:00:00Z',
          version: 1,
          starts_at: `2027-02-${day}T${hour}:00:00Z`,
        } satisfies Charter & { starts_at: string };
        const response = (m: (typeof seedRoster)[number]) => ({
          crew_id: m.crew_id,
          name: m.name,
          email: m.email,
          role: m.role,
          level: m.cascade_level,
          day_rate: m.day_rate,
          state: 'confirmed' as const,
          link_issued_at: 1_798_761_600,
          decided_at: '2027-01-02T00:00:00Z',
          decided_after_ms: 120_000,
        });
        return {
          charter,
          call: {
            opened: [
              { level: 1, opened_at: '2027-01-01T00:00:00Z', closes_at: '2027-01-01T12:00:00Z' },
            ],
            responses: [response(captain), response(deckhand)],
          },
        };
      }),
    };
    const big = buildMonthlyReport(input);
    dir = mkdtempSync(join(tmpdir(), 'crewcall-report-'));
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(big));
    const started = startReportStub(file, '2027-02');
    stub = started.child;
    office = openReportOffice(await started.url);

    office.ui.queuePrompt('2027-02');
    office.ui.queueAlert('NO');
    office.clickMenu('Crew', 'Monthly report…');
    expect(office.alerts.at(-1)?.prompt).toContain('February 2027: 1000 charters written');
    const folder = office.drive.folderAt('crewcall/Reports/2027-02');
    const sheetFile = office.drive
      .filesIn(folder ?? office.drive.root)
      .find((f) => f.getName() === 'crewcall report 2027-02');
    const book = office.workbook(
      office.createdSpreadsheets.find((s) => s._id === sheetFile?._id) as EmulatedSpreadsheet,
    );
    for (const tab of TABS) {
      expect(book.calls(tab).count('SpreadsheetApp.Range.setValues')).toBe(1);
    }
    expect(book.values('Charters')).toHaveLength(1 + 1000 + 1);
    expect(book.values('Call record')).toHaveLength(1 + 2000 + 1);
    expect(
      rowsOf(book.values('By crew')).filter((r) => !String(r[0]).endsWith(' total')),
    ).toHaveLength(2000);
    expect(book.values('Summary').find((r) => r[0] === 'February 2027')?.[4]).toBe(
      cents(Array.from({ length: 1000 }, (_, i) => (1000 + i) * 100).reduce((a, b) => a + b, 0)),
    );
    expect(office.outbox).toHaveLength(0);
  }, 90_000);
});
