import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CrewMark, MarksAnswer, PortalLinkAnswer } from '../../shared/api/index.js';
import january from '../fixtures/availability/2027-01.json' with { type: 'json' };
import { postCrewForm } from '../support/crew-links.js';
import { signedFetch } from '../support/signed-fetch.js';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// A crew mark with no cell in the office's sheet (here: no January tab yet) is reported no_cell:
// the portal says so, the Problems tab lists it, it no longer holds back newer marks, and it
// goes in once the office adds the tab (the timer's daily retry, or a Preview).
// Built bundle in the harness, real edge API on DynamoDB Local.
const T0 = new Date('2026-12-02T17:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let edge: EdgeServer;
let office: Office;
let now = T0;
const moveClock = async (to: Date) => {
  now = to;
  await office.setClock(to);
};
const links = new Map<string, string>();

/** The transposed January tab (crew down, dates across), without Hana's row. */
const HANA_ROW = 12;
function januaryRows(): unknown[][] {
  return january.values.map((row, r) =>
    row.map((cell) =>
      r === 0 && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(cell)
        ? new Date(cell)
        : cell,
    ),
  );
}

async function portal(crewId: string): Promise<string> {
  const known = links.get(crewId);
  if (known) return known;
  const res = await signedFetch(
    `${edge.url}/api/links/portal`,
    { method: 'POST', body: { crew_id: crewId } },
    { signingDate: now },
  );
  if (!res.ok) throw new Error(`portal link: ${res.status} ${await res.text()}`);
  const url = ((await res.json()) as PortalLinkAnswer).url;
  links.set(crewId, url);
  return url;
}
async function marks(query: string): Promise<CrewMark[]> {
  const res = await signedFetch(
    `${edge.url}/api/availability/marks?${query}`,
    {},
    { signingDate: now },
  );
  return ((await res.json()) as MarksAnswer).marks;
}
const day = (date: string, kind: string) => ({
  [`kind_${date}`]: kind,
  [`after_${date}`]: '',
  [`note_${date}`]: '',
  [`was_${date}`]: '||',
});
const save = async (crewId: string, dates: string[], kind = 'yes') =>
  (
    await postCrewForm(
      `${await portal(crewId)}/availability`,
      Object.assign({}, ...dates.map((d) => day(d, kind))),
    )
  ).status;
const value = (tab: string, a1: string) => office.harness.range(tab, a1).getValue();
const problems = () => office.harness.displayValues('Problems').map((r) => r.join(' | '));
const TERESA_LINE =
  'Crew mark not applied: Teresa Okafor marked “N” for 2027-01-05 on Wed 2 Dec 09:01, but there is no month tab for January 2027';

beforeAll(async () => {
  edge = await startEdgeServer(T0, inject('dynamodbEndpoint'));
  office = openOffice(edge, T0, [
    charterRow('CH-2026-1210-A', '2026-12-10', '09:00', '13:00', 'captain 1'),
  ]);
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('crew marks with no cell in the sheet', () => {
  it('a mark for a month with no tab is reported no_cell; the portal says so; Problems lists it once', async () => {
    await moveClock(at(1));
    expect(await save('c-0002', ['2027-01-05'], 'no')).toBe(303);
    await moveClock(at(5));
    office.harness.runTrigger('tick');

    const [mark] = await marks('date=2027-01-05');
    expect(mark).toMatchObject({ state: 'no_cell', problem: 'no month tab for January 2027' });
    const page = await (await fetch(await portal('c-0002'))).text();
    expect(page).toMatch(
      /Not in the office(&#39;|')s sheet yet \(no month tab for January 2027\)\. Your answer is saved; it goes in when the office adds it\./,
    );
    expect(problems()).toContainEqual(expect.stringContaining(TERESA_LINE));

    // It is off the pending list: the next run is idle (one request, no sheet read, no new line).
    await moveClock(at(10));
    office.harness.calls.reset();
    office.harness.runTrigger('tick');
    expect(office.harness.calls.count('UrlFetchApp.fetch')).toBe(1);
    expect(office.harness.calls.total('SpreadsheetApp.Range')).toBe(0);
    expect(problems().filter((p) => p.includes(TERESA_LINE))).toHaveLength(1);
  });

  it('204 marks with no cell do not hold back a newer one: it is written on the next timer run', async () => {
    const dates = Array.from(
      { length: 17 },
      (_, i) => `2027-01-${String(10 + i).padStart(2, '0')}`,
    );
    for (let i = 1; i <= 12; i++) {
      await moveClock(at(10 + i));
      expect(await save(`c-${String(i).padStart(4, '0')}`, dates)).toBe(303);
    }
    await moveClock(at(30));
    // Abdul's 12 Dec (December 2026!B13) has a cell; it is the newest mark.
    expect(await save('c-0001', ['2026-12-12'])).toBe(303);
    expect(value('December 2026', 'B13')).not.toBe('Y');

    await moveClock(at(35));
    office.harness.runTrigger('tick');
    // The first run is handed the 200 oldest, all without a cell…
    expect(value('December 2026', 'B13')).not.toBe('Y');
    const january = await marks('from=2027-01-10&to=2027-01-26');
    expect(january.filter((m) => m.state === 'no_cell')).toHaveLength(200);

    await moveClock(at(40));
    office.harness.runTrigger('tick');
    // …and the next run writes the newer one.
    expect(value('December 2026', 'B13')).toBe('Y');
    expect((await marks('date=2026-12-12'))[0]).toMatchObject({
      state: 'written',
      cell: "'December 2026'!B13",
    });
    expect((await marks('from=2027-01-10&to=2027-01-26')).every((m) => m.state === 'no_cell')).toBe(
      true,
    );
  });

  it('once the office adds the tab, the timer types the mark in on its daily retry', async () => {
    const rows = januaryRows();
    office.harness.addSheet(
      'Jan 2027',
      rows.filter((_, r) => r !== HANA_ROW),
    );
    await moveClock(at(45));
    office.harness.runTrigger('tick');
    // Retried at most once a day: not yet.
    expect(value('Jan 2027', 'F3')).toBe('x');

    await moveClock(at(24 * 60 + 10));
    office.harness.runTrigger('tick');
    expect(value('Jan 2027', 'F3')).toBe('N');
    expect((await marks('date=2027-01-05'))[0]).toMatchObject({
      state: 'written',
      cell: "'Jan 2027'!F3",
    });
    const page = await (await fetch(await portal('c-0002'))).text();
    const fifth = /<legend>Tue 5 Jan<\/legend>[\s\S]*?<\/fieldset>/.exec(page)?.[0];
    expect(fifth).toContain('value="no" selected');
    expect(fifth).not.toContain('Not in the office');
  });

  it('a Preview lists what still has no cell, and types it in once the row is there', async () => {
    const { harness } = office;
    await moveClock(at(24 * 60 + 20));
    harness.select('Charters', 'A2:M2');
    harness.clickMenu('Crew', 'Preview crew call');
    expect(problems()).toContainEqual(
      expect.stringContaining(
        "Crew mark not applied: Hana Lindqvist marked “Y” for 2027-01-10 on Wed 2 Dec 09:22, but there is no row for “Hana” in 'Jan 2027'",
      ),
    );
    // The office adds Hana's row (as it was, "y" on 1 Jan … "N (travel)" on 4 Jan).
    const hana = januaryHana();
    harness.sheet('Jan 2027').getRange(14, 1, 1, hana.length).setValues([hana]);
    await moveClock(at(24 * 60 + 25));
    harness.select('Charters', 'A2:M2');
    harness.clickMenu('Crew', 'Preview crew call');
    // 10 Jan is column K.
    expect(value('Jan 2027', 'K14')).toBe('Y');
    expect((await marks('date=2027-01-10')).find((m) => m.crew_id === 'c-0012')).toMatchObject({
      state: 'written',
      cell: "'Jan 2027'!K14",
    });
    expect(problems().some((p) => p.includes('Hana Lindqvist marked'))).toBe(false);
  });
});

function januaryHana(): unknown[] {
  return januaryRows()[HANA_ROW] as unknown[];
}
