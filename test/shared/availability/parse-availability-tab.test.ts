import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  matchHeaderToKey,
  type ParsedAvailabilityTab,
  parseAvailabilityTab,
} from '../../../shared/availability/parse-availability-tab.js';

// ---- fixtures (copied from the shared fictional data into test/fixtures/) ----

interface Tab {
  sheetName: string;
  timeZone: string;
  values: unknown[][];
}
const readFixture = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as T;

const ROSTER_KEYS = readFixture<Array<{ availability_key: string }>>('roster.json').map(
  (m) => m.availability_key,
);
const DECEMBER = readFixture<Tab>('availability/2026-12.json');
const JANUARY = readFixture<Tab>('availability/2027-01.json');
const LA = 'America/Los_Angeles';

const parse = (tab: Tab, rosterKeys = ROSTER_KEYS): ParsedAvailabilityTab =>
  parseAvailabilityTab({ ...tab, rosterKeys });

/** The December tab with its date column as real Date objects, as Apps Script returns them. */
function withDateObjects(tab: Tab): Tab {
  return {
    ...tab,
    values: tab.values.map((row, r) =>
      r > 0 && typeof row[0] === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(row[0])
        ? [new Date(row[0]), ...row.slice(1)]
        : row,
    ),
  };
}

const dates = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const d = new Date(`${from}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });

describe('parseAvailabilityTab: December 2026 (dates down, crew across)', () => {
  const dec = parse(DECEMBER);

  it('reads the layout, every date of the month and every roster column', () => {
    expect(dec.sheetName).toBe('December 2026');
    expect(dec.layout).toBe('dates-down');
    expect(Object.keys(dec.days)).toEqual(dates('2026-12-01', 31));
    expect(dec.matchedHeaders).toHaveLength(12);
    expect(dec.matchedHeaders.every((m) => m.exact && m.header === m.availability_key)).toBe(true);
    expect(dec.unmatchedHeaders).toEqual([]);
    expect(dec.missingKeys).toEqual([]);
  });

  it('gives concrete marks for people and dates', () => {
    expect(dec.days['2026-12-05']?.['Liam B']).toEqual({ status: 'am' });
    expect(dec.days['2026-12-01']?.Marisol).toEqual({ status: 'yes', after: '14:00' });
    expect(dec.days['2026-12-09']?.['Sofia M.']).toEqual({ status: 'note', note: 'call me' });
    expect(dec.days['2026-12-02']?.['Ray (skipper)']).toEqual({ status: 'yes' }); // checkbox true
    expect(dec.days['2026-12-01']?.['Ray (skipper)']).toEqual({ status: 'no' }); // checkbox false
    expect(dec.days['2026-12-03']?.Hana).toEqual({ status: 'no' }); // "N (travel)"
    expect(dec.days['2026-12-01']?.Hana).toEqual({ status: 'yes' }); // "1"
    expect(dec.days['2026-12-07']?.['Liam B']).toEqual({ status: 'yes' }); // " Y "
    expect(dec.days['2026-12-16']?.Owen).toEqual({ status: 'note', note: '?' });
    expect(dec.days['2026-12-31']?.Esmi).toEqual({ status: 'yes' });
  });

  it('leaves blank cells out of the day', () => {
    expect(dec.days['2026-12-05']).not.toHaveProperty('Capt. Teresa');
    expect(dec.days['2026-12-08']).not.toHaveProperty('Abdul');
    expect(Object.keys(dec.days['2026-12-05'] ?? {})).toHaveLength(11);
  });

  it('skips the blank row and the "Total available" row without days or problems', () => {
    expect(dec.problems).toEqual([]);
    expect(Object.keys(dec.days)).toHaveLength(31);
    expect(Object.keys(dec.days).every((d) => /^2026-12-\d{2}$/.test(d))).toBe(true);
  });

  it('ignores the Notes column', () => {
    for (const day of Object.values(dec.days)) {
      expect(day).not.toHaveProperty('Notes');
      for (const mark of Object.values(day)) {
        if (mark.status === 'note') expect(['maybe', '?', 'call me']).toContain(mark.note);
      }
    }
    expect(dec.matchedHeaders.map((m) => m.header)).not.toContain('Notes');
  });

  it('reads real Date objects exactly like their ISO strings', () => {
    const fromDates = parse(withDateObjects(DECEMBER));
    expect(fromDates.days).toEqual(dec.days);
    expect(fromDates.problems).toEqual([]);
  });
});

describe('parseAvailabilityTab: January 2027 (crew down, dates across)', () => {
  const jan = parse(JANUARY);

  it('reads the transposed layout into the same shape', () => {
    expect(jan.layout).toBe('dates-across');
    expect(Object.keys(jan.days)).toEqual(dates('2027-01-01', 31));
    for (const day of Object.values(jan.days)) {
      for (const key of Object.keys(day)) expect(ROSTER_KEYS).toContain(key);
    }
    expect(jan.missingKeys).toEqual([]);
  });

  it('matches drifted headers to roster keys, not exactly', () => {
    expect(jan.matchedHeaders).toContainEqual({
      header: 'Capt Abdul',
      availability_key: 'Abdul',
      exact: false,
      cell: 'A2',
    });
    expect(jan.matchedHeaders).toContainEqual({
      header: 'Sofia',
      availability_key: 'Sofia M.',
      exact: false,
      cell: 'A11',
    });
    expect(jan.matchedHeaders.filter((m) => m.exact)).toHaveLength(10);
  });

  it('keys the marks by the roster key', () => {
    expect(jan.days['2027-01-14']?.Abdul).toEqual({ status: 'yes', after: '14:00' });
    expect(jan.days['2027-01-01']?.Abdul).toEqual({ status: 'no' }); // "0"
    expect(jan.days['2027-01-02']?.['Sofia M.']).toEqual({ status: 'yes', after: '14:00' });
    expect(jan.days['2027-01-01']?.['Liam B']).toEqual({ status: 'pm' });
    expect(jan.days['2027-01-06']?.['Ray (skipper)']).toEqual({ status: 'note', note: 'call me' });
    expect(jan.days['2027-01-01']?.['Capt. Teresa']).toEqual({ status: 'no' }); // checkbox false
    expect(jan.days['2027-01-05']).not.toHaveProperty('Danika'); // blank
    expect(jan.days['2027-01-01']).not.toHaveProperty('Capt Abdul');
    expect(jan.days['2027-01-01']).not.toHaveProperty('Sofia');
  });

  it('leaves the header naming nobody unmatched, with a problem at its cell', () => {
    expect(jan.unmatchedHeaders).toEqual(['Visiting skipper (Tom?)']);
    expect(jan.problems).toEqual([
      {
        cell: 'A14',
        value: 'Visiting skipper (Tom?)',
        message: 'header "Visiting skipper (Tom?)" matches nobody on the roster',
      },
    ]);
  });

  it('reports roster keys no header names', () => {
    const result = parse(JANUARY, [...ROSTER_KEYS, 'Quinn']);
    expect(result.missingKeys).toEqual(['Quinn']);
  });
});

describe('parseAvailabilityTab: dates', () => {
  it('converts Date objects to the local date in the sheet time zone', () => {
    const values = [
      ['Date', 'Abdul'],
      [new Date('2026-12-01T08:00:00.000Z'), 'y'], // midnight in Los Angeles
      [new Date('2026-12-03T07:59:00.000Z'), 'n'], // 23:59 on 12-02 in Los Angeles
    ];
    const la = parseAvailabilityTab({
      sheetName: 'Dec',
      values,
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(Object.keys(la.days)).toEqual(['2026-12-01', '2026-12-02']);

    const berlin = parseAvailabilityTab({
      sheetName: 'Dezember',
      values: [
        ['Date', 'Abdul'],
        [new Date('2026-12-04T23:00:00.000Z'), 'y'], // midnight of 12-05 in Berlin
      ],
      timeZone: 'Europe/Berlin',
      rosterKeys: ['Abdul'],
    });
    expect(berlin.days).toEqual({ '2026-12-05': { Abdul: { status: 'yes' } } });
  });

  it('reads typed text dates, taking a missing year from the tab name', () => {
    const values = [
      ['Date', 'Abdul'],
      ['2026-12-05', 'y'],
      ['12/6/2026', 'n'],
      ['Dec 7', 'AM'],
      ['Tue Dec 8', 'PM'],
      ['9 December', 'x'],
      ['12/10', 'out'],
    ];
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values,
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(result.problems).toEqual([]);
    expect(result.days).toEqual({
      '2026-12-05': { Abdul: { status: 'yes' } },
      '2026-12-06': { Abdul: { status: 'no' } },
      '2026-12-07': { Abdul: { status: 'am' } },
      '2026-12-08': { Abdul: { status: 'pm' } },
      '2026-12-09': { Abdul: { status: 'yes' } },
      '2026-12-10': { Abdul: { status: 'no' } },
    });
  });

  it('puts a December date on a January tab in the previous year', () => {
    const result = parseAvailabilityTab({
      sheetName: 'Jan 2027',
      values: [
        ['Crew', 'Dec 31', 'Jan 1', '1/2'],
        ['Abdul', 'y', 'n', 'PM'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(result.layout).toBe('dates-across');
    expect(Object.keys(result.days)).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('reports a text date without a year when the tab name has none', () => {
    const result = parseAvailabilityTab({
      sheetName: 'Sheet1',
      values: [
        ['Date', 'Abdul'],
        ['2026-12-05', 'y'],
        ['Dec 6', 'y'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(Object.keys(result.days)).toEqual(['2026-12-05']);
    expect(result.problems).toEqual([
      {
        cell: 'A3',
        value: 'Dec 6',
        message: 'row 3 has answers but "Dec 6" has no year and the tab name gives none; skipped',
      },
    ]);
  });

  it('reports a row with answers but no date, and a repeated date', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', 'Abdul', 'Hana'],
        ['2026-12-05T08:00:00.000Z', 'y', 'n'],
        ['', 'y', ''],
        ['Week 2', '', false], // a divider: silent
        ['2026-12-05T08:00:00.000Z', 'n', 'n'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul', 'Hana'],
    });
    expect(result.days).toEqual({
      '2026-12-05': { Abdul: { status: 'yes' }, Hana: { status: 'no' } },
    });
    expect(result.problems.map((p) => [p.cell, p.message])).toEqual([
      ['A3', 'row 3 has answers but no date in A3; skipped'],
      ['A5', '2026-12-05 appears twice (A2 and A5); row 5 skipped'],
    ]);
  });
});

describe('parseAvailabilityTab: problems and their A1 addresses', () => {
  it('reports "#REF!" at its cell', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', 'Abdul', 'Hana', 'Notes'],
        ['2026-12-01T08:00:00.000Z', 'y', 'n', '#REF!'], // in Notes: ignored
        ['2026-12-02T08:00:00.000Z', 'y', '#REF!', ''],
        ['2026-12-03T08:00:00.000Z', 7, 'y', ''],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul', 'Hana'],
    });
    expect(result.problems).toEqual([
      { cell: 'C3', value: '#REF!', message: '"#REF!" is a spreadsheet error, not an answer' },
      {
        cell: 'B4',
        value: '7',
        message: 'the number 7 is not an answer: use 1 or Y for yes, 0 or N for no',
      },
    ]);
    expect(result.days['2026-12-02']).toEqual({ Abdul: { status: 'yes' } });
  });

  it('uses sheet addresses in the transposed layout too', () => {
    const result = parseAvailabilityTab({
      sheetName: 'Jan 2027',
      values: [
        ['Crew', '2027-01-01T08:00:00.000Z', '2027-01-02T08:00:00.000Z'],
        ['Abdul', 'y', 'n'],
        ['Hana', '#N/A', 'y'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul', 'Hana'],
    });
    expect(result.problems).toEqual([
      { cell: 'B3', value: '#N/A', message: '"#N/A" is a spreadsheet error, not an answer' },
    ]);
  });

  it('writes columns beyond Z as AA, AN, ... and AAA', () => {
    const keys = Array.from({ length: 39 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`);
    const header = ['Date', ...keys];
    header[39] = 'Nobody Here';
    const row = ['2026-12-01T08:00:00.000Z', ...keys.map(() => 'y')];
    row[26] = '#REF!';
    row[39] = '#REF!'; // under the unmatched header: not read
    row[25] = '#VALUE!';
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [header, row],
      timeZone: LA,
      rosterKeys: keys,
    });
    expect(result.problems.map((p) => p.cell)).toEqual(['AN1', 'Z2', 'AA2']);
    expect(result.missingKeys).toEqual(['K39']);
    expect(result.unmatchedHeaders).toEqual(['Nobody Here']);

    const wide = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', ...Array.from({ length: 702 }, () => 'Abdul')],
        ['2026-12-01T08:00:00.000Z', ...Array.from({ length: 701 }, () => ''), '#REF!'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    // 701 duplicate headers are reported at row 1; the last is ZZ1 then AAA1.
    const cells = wide.problems.map((p) => p.cell);
    expect(cells.slice(-2)).toEqual(['ZZ1', 'AAA1']);
  });

  it('reports a headerless column that holds answers, once, and skips it', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', 'Abdul', '', ''],
        ['2026-12-01T08:00:00.000Z', 'y', 'y', false],
        ['2026-12-02T08:00:00.000Z', 'y', 'n', ''],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(result.problems).toEqual([
      { cell: 'C1', value: '', message: 'column C has answers but no name in C1; skipped' },
    ]);
    expect(result.days['2026-12-01']).toEqual({ Abdul: { status: 'yes' } });
  });

  it('reports an ambiguous header naming both keys and leaves it unmatched', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', 'Sam'],
        ['2026-12-01T08:00:00.000Z', 'y'],
      ],
      timeZone: LA,
      rosterKeys: ['Sam B.', 'Sam K.'],
    });
    expect(result.unmatchedHeaders).toEqual(['Sam']);
    expect(result.missingKeys).toEqual(['Sam B.', 'Sam K.']);
    expect(result.problems).toEqual([
      {
        cell: 'B1',
        value: 'Sam',
        message:
          'header "Sam" could be "Sam B." or "Sam K." on the roster; rename it to one availability key',
      },
    ]);
    expect(result.days['2026-12-01']).toEqual({});
  });

  it('keeps one header per roster key, preferring the exact one', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values: [
        ['Date', 'Capt Abdul', 'Abdul'],
        ['2026-12-01T08:00:00.000Z', 'n', 'y'],
      ],
      timeZone: LA,
      rosterKeys: ['Abdul'],
    });
    expect(result.matchedHeaders).toEqual([
      { header: 'Abdul', availability_key: 'Abdul', exact: true, cell: 'C1' },
    ]);
    expect(result.unmatchedHeaders).toEqual(['Capt Abdul']);
    expect(result.problems).toEqual([
      {
        cell: 'B1',
        value: 'Capt Abdul',
        message: 'header "Capt Abdul" and header "Abdul" both name "Abdul"; using "Abdul" (C1)',
      },
    ]);
    expect(result.days['2026-12-01']).toEqual({ Abdul: { status: 'yes' } });
  });
});

describe('parseAvailabilityTab: bad input never throws', () => {
  const base = { sheetName: 'December 2026', timeZone: LA, rosterKeys: ['Abdul'] };

  it.each([
    ['empty values', []],
    ['empty rows', [[], []]],
    ['a non-array', 'not a grid'],
    ['null', null],
  ])('reports %s', (_label, values) => {
    const result = parseAvailabilityTab({ ...base, values: values as unknown[][] });
    expect(result.days).toEqual({});
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.cell).toBe('A1');
    expect(result.missingKeys).toEqual(['Abdul']);
  });

  it('reports a grid without dates', () => {
    const result = parseAvailabilityTab({
      ...base,
      values: [
        ['Name', 'Abdul'],
        ['x', 'y'],
      ],
    });
    expect(result.problems.map((p) => p.message)).toEqual([
      "No dates found in 'December 2026' (looked at every column and row of A1:B2 for dates such as 12/5, Dec 5 or 2026-12-05)",
    ]);
  });

  it('reads ragged rows; reports a row that is not a list and a cell beyond the headers', () => {
    const result = parseAvailabilityTab({
      ...base,
      rosterKeys: ['Abdul', 'Hana'],
      values: [
        ['Date', 'Abdul', 'Hana'],
        ['2026-12-01T08:00:00.000Z', 'y'],
        'oops' as unknown as unknown[],
        ['2026-12-02T08:00:00.000Z', 'n', 'y', 'extra'],
      ],
    });
    expect(result.days).toEqual({
      '2026-12-01': { Abdul: { status: 'yes' } },
      '2026-12-02': { Abdul: { status: 'no' }, Hana: { status: 'yes' } },
    });
    expect(result.problems).toEqual([
      { cell: 'A3', value: 'oops', message: 'row 3 is not a list of cells; skipped' },
      { cell: 'D1', value: '', message: 'column D has answers but no name in D1; skipped' },
    ]);
  });

  it('reports an unknown time zone instead of guessing dates', () => {
    const result = parseAvailabilityTab({ ...DECEMBER, timeZone: 'Mars/Olympus', rosterKeys: [] });
    expect(result.days).toEqual({});
    expect(result.problems[0]?.message).toBe(
      'time zone "Mars/Olympus" is not a known IANA time zone',
    );
  });

  it('survives a missing input object and non-array roster keys', () => {
    expect(() =>
      parseAvailabilityTab(undefined as unknown as Parameters<typeof parseAvailabilityTab>[0]),
    ).not.toThrow();
    const result = parseAvailabilityTab({
      ...DECEMBER,
      rosterKeys: 'Abdul' as unknown as string[],
    });
    expect(result.matchedHeaders).toEqual([]);
    expect(result.unmatchedHeaders).toHaveLength(12);
  });
});

describe('matchHeaderToKey', () => {
  const keys = ['Sam', 'Sam B.'];

  it('prefers an exact match after trimming', () => {
    expect(matchHeaderToKey('Sam', keys)).toEqual({ key: 'Sam', exact: true });
    expect(matchHeaderToKey('  Sam ', keys)).toEqual({ key: 'Sam', exact: true });
    expect(matchHeaderToKey('Sam B.', keys)).toEqual({ key: 'Sam B.', exact: true });
  });

  it('then a folded match (case, accents, punctuation)', () => {
    expect(matchHeaderToKey('Sam b', keys)).toEqual({ key: 'Sam B.', exact: false });
    expect(matchHeaderToKey('sam', keys)).toEqual({ key: 'Sam', exact: false });
    expect(matchHeaderToKey('SÁM  B', keys)).toEqual({ key: 'Sam B.', exact: false });
    expect(matchHeaderToKey('Capt Teresa', ['Capt. Teresa'])).toEqual({
      key: 'Capt. Teresa',
      exact: false,
    });
  });

  it('then the same words without titles, then whole-word containment', () => {
    expect(matchHeaderToKey('Capt Abdul', ['Abdul', 'Hana'])).toEqual({
      key: 'Abdul',
      exact: false,
    });
    expect(matchHeaderToKey('Capt Sam', keys)).toEqual({ key: 'Sam', exact: false });
    expect(matchHeaderToKey('Teresa', ['Capt. Teresa'])).toEqual({
      key: 'Capt. Teresa',
      exact: false,
    });
    expect(matchHeaderToKey('Ray', ['Ray (skipper)'])).toEqual({
      key: 'Ray (skipper)',
      exact: false,
    });
    expect(matchHeaderToKey('Sofia', ['Sofia M.', 'Hana'])).toEqual({
      key: 'Sofia M.',
      exact: false,
    });
  });

  it('never matches on initials or parts of words', () => {
    expect(matchHeaderToKey('S.', keys)).toBeUndefined();
    expect(matchHeaderToKey('B', keys)).toBeUndefined();
    expect(matchHeaderToKey('M.', ['Sofia M.'])).toBeUndefined();
    expect(matchHeaderToKey('Sammy', keys)).toBeUndefined();
    expect(matchHeaderToKey('Sofi', ['Sofia M.'])).toBeUndefined();
  });

  it('returns the candidates when two keys match equally well', () => {
    expect(matchHeaderToKey('Sam', ['Sam B.', 'Sam K.'])).toEqual({
      ambiguous: ['Sam B.', 'Sam K.'],
    });
    expect(matchHeaderToKey('sam b', ['Sam B.', 'Sam-B'])).toEqual({
      ambiguous: ['Sam B.', 'Sam-B'],
    });
  });

  it('matches nobody for a header naming nobody, blanks and bad input', () => {
    expect(matchHeaderToKey('Visiting skipper (Tom?)', ROSTER_KEYS)).toBeUndefined();
    expect(matchHeaderToKey('', keys)).toBeUndefined();
    expect(matchHeaderToKey('Captain', ['Capt. Teresa'])).toBeUndefined();
    expect(matchHeaderToKey(42 as unknown as string, keys)).toBeUndefined();
    expect(matchHeaderToKey('Sam', undefined as unknown as string[])).toBeUndefined();
  });
});
