import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MarksAnswer, PortalLinkAnswer } from '../../shared/api/index.js';
import january from '../fixtures/availability/2027-01.json' with { type: 'json' };
import { launchChromium } from '../support/browser.js';
import { postCrewForm } from '../support/crew-links.js';
import { signedFetch } from '../support/signed-fetch.js';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// Issue 15 part B: crew marks from the portal land in the month tabs (both layouts), the
// office's later typing stands, and a call started afterwards reads the marks.
// 09:00 in Los Angeles: the portal lists 2 Dec 2026 to 30 Jan 2027.
const T0 = new Date('2026-12-02T17:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let edge: EdgeServer;
let office: Office;
let browser: Awaited<ReturnType<typeof launchChromium>>;
/** The edge API's clock: admin requests are signed at it (SigV4 allows 5 minutes of skew). */
let now = T0;
const moveClock = async (to: Date) => {
  now = to;
  await office.setClock(to);
};

/** The transposed January tab (crew down, dates across), with real Date cells. */
function januaryTab(): unknown[][] {
  return january.values.map((row, r) =>
    row.map((cell) =>
      r === 0 && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(cell)
        ? new Date(cell)
        : cell,
    ),
  );
}

async function portal(crewId: string): Promise<string> {
  const res = await signedFetch(
    `${edge.url}/api/links/portal`,
    {
      method: 'POST',
      body: { crew_id: crewId },
    },
    { signingDate: now },
  );
  if (!res.ok) throw new Error(`portal link: ${res.status} ${await res.text()}`);
  return ((await res.json()) as PortalLinkAnswer).url;
}

async function marks(query: string) {
  return (
    (await (
      await signedFetch(`${edge.url}/api/availability/marks?${query}`, {}, { signingDate: now })
    ).json()) as MarksAnswer
  ).marks;
}

/** One day as the portal form posts it (no JavaScript); `was` is what the page showed. */
const day = (date: string, kind: string, was = '||') => ({
  [`kind_${date}`]: kind,
  [`after_${date}`]: '',
  [`note_${date}`]: '',
  [`was_${date}`]: was,
});

const value = (tab: string, a1: string) => office.harness.range(tab, a1).getValue();

beforeAll(async () => {
  edge = await startEdgeServer(T0, inject('dynamodbEndpoint'));
  office = openOffice(
    edge,
    T0,
    [charterRow('CH-2026-1210-A', '2026-12-10', '09:00', '13:00', 'captain 1')],
    { 'Jan 2027': januaryTab() },
  );
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.harness.close();
  await edge?.stop();
});

describe('crew marks into the month tabs', () => {
  it('writes marks into both layouts; the office typing after a mark stands and is listed with both values', async () => {
    const { harness } = office;
    // The office had Teresa down as "N" on 10 Dec before she said otherwise.
    harness.typeInto('December 2026', 'C11', [['N']]);
    // The office keeps 11 Dec's row as plain text: a mark goes in as it is, no apostrophe.
    harness.range('December 2026', 'A12:N12').setNumberFormat('@');

    await moveClock(at(1));
    const teresa = await portal('c-0002');
    const page = await browser.newPage();
    await page.goto(teresa);
    await page.selectOption('#kind_2026-12-10', 'yes');
    await page.selectOption('#kind_2026-12-11', 'no');
    await page.selectOption('#kind_2027-01-05', 'after');
    await page.fill('#after_2027-01-05', '14:00');
    await page.fill('#note_2027-01-05', 'ferry 1/5');
    await page.getByRole('button', { name: 'Save my availability' }).click();
    await page.waitForURL(/saved=3/);
    await page.close();

    await moveClock(at(2));
    const abdul = await portal('c-0001');
    expect((await postCrewForm(`${abdul}/availability`, day('2026-12-12', 'yes'))).status).toBe(
      303,
    );
    // …and a minute later the office types "N" over Abdul's 12 Dec (B13): the office's stands.
    await moveClock(at(3));
    harness.typeInto('December 2026', 'B13', [['N']]);

    await moveClock(at(5));
    const december = harness.sheet('December 2026')._calls;
    const jan = harness.sheet('Jan 2027')._calls;
    december.reset();
    jan.reset();
    harness.runTrigger('tick');

    expect(value('December 2026', 'C11')).toBe('Y');
    expect(value('December 2026', 'C12')).toBe('N');
    // The transposed tab: Teresa's row (3), 5 Jan's column (F); as text, never a date or time.
    expect(value('Jan 2027', 'F3')).toBe('after 14:00 [ferry 1/5]');
    expect(value('December 2026', 'B13')).toBe('N');
    for (const calls of [december, jan]) {
      expect(calls.count('SpreadsheetApp.Range.getValues')).toBe(1);
      expect(calls.count('SpreadsheetApp.Range.getFormulas')).toBe(1);
      expect(calls.count('SpreadsheetApp.Range.setValues')).toBe(1);
    }

    const problems = harness.displayValues('Problems').map((r) => r.join(' | '));
    expect(problems).toContainEqual(
      expect.stringContaining(
        "Crew mark not applied: 'December 2026'!B13 — Abdul Rahimi marked “Y” on Wed 2 Dec 09:02; the office typed “N” after that (kept)",
      ),
    );
    const stored = await marks('from=2026-12-10&to=2027-01-05');
    expect(stored.map((m) => [m.crew_id, m.date, m.state])).toEqual(
      expect.arrayContaining([
        ['c-0002', '2026-12-10', 'written'],
        ['c-0002', '2026-12-11', 'written'],
        ['c-0002', '2027-01-05', 'written'],
        ['c-0001', '2026-12-12', 'kept_office'],
      ]),
    );
    expect(stored.find((m) => m.crew_id === 'c-0001')).toMatchObject({
      cell: "'December 2026'!B13",
      office_value: 'N',
    });
  });

  it("a crew member's new mark replaces their own earlier text; the next idle tick touches no sheet", async () => {
    const { harness } = office;
    await moveClock(at(10));
    const teresa = await portal('c-0002');
    await postCrewForm(`${teresa}/availability`, day('2026-12-11', 'morning', 'no||'));
    await moveClock(at(15));
    harness.runTrigger('tick');
    expect(value('December 2026', 'C12')).toBe('AM');

    await moveClock(at(20));
    harness.calls.reset();
    harness.runTrigger('tick');
    expect(harness.calls.count('UrlFetchApp.fetch')).toBe(1);
    expect(harness.calls.total('SpreadsheetApp.Range')).toBe(0);
  });

  it('a preview types pending marks first and says whose mark came from the crew; the call uses it', async () => {
    const { harness } = office;
    await moveClock(at(25));
    // Liam marks himself out on 10 Dec: the preview types it in before reading the tab.
    const liam = await portal('c-0003');
    await postCrewForm(`${liam}/availability`, day('2026-12-10', 'no'));
    await moveClock(at(26));
    harness.select('Charters', 'A2:M2');
    harness.clickMenu('Crew', 'Preview crew call');
    const preview = harness.alerts.at(-1)?.prompt ?? '';
    expect(value('December 2026', 'D11')).toBe('N');
    expect(preview).toContain("Teresa Okafor (captain; crew's own mark, Wed 2 Dec 09:01)");
    expect(preview).not.toContain('Liam Brennan (captain');
    expect(harness.outbox).toHaveLength(0);
    // The preview rewrote the Problems tab: the kept office value is still listed.
    const problems = harness.displayValues('Problems').map((r) => r.join(' | '));
    expect(problems).toContainEqual(expect.stringContaining("'December 2026'!B13 — Abdul Rahimi"));

    harness.select('Charters', 'A2:M2');
    harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(harness.outbox.flatMap((m) => m.to)).toContain('teresa.okafor@example.com');
  });
});
