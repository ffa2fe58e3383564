import { describe, expect, it } from 'vitest';
import { parseAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';

// Month tabs as people lay them out, not as our fixtures do.
const LA = 'America/Los_Angeles';
const KEYS = ['Abdul', 'Hana', 'Sofia M.'];
const parse = (values: unknown[][], sheetName = 'December 2026', rosterKeys = KEYS) =>
  parseAvailabilityTab({ sheetName, values, timeZone: LA, rosterKeys });

describe('parseAvailabilityTab: finding the header and the dates', () => {
  it('reads a tab with a title row and blank rows above the header', () => {
    const result = parse([
      ['Harbor Charters: crew availability, December', '', '', ''],
      ['', '', '', ''],
      ['Please fill in by the 25th', '', '', ''],
      ['Date', 'Abdul', 'Hana', 'Sofia M.'],
      ['12/5', 'Y', 'N', 'PM'],
      ['12/6', 'N', 'Y', 'AM'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.layout).toBe('dates-down');
    expect(result.days).toEqual({
      '2026-12-05': {
        Abdul: { status: 'yes' },
        Hana: { status: 'no' },
        'Sofia M.': { status: 'pm' },
      },
      '2026-12-06': {
        Abdul: { status: 'no' },
        Hana: { status: 'yes' },
        'Sofia M.': { status: 'am' },
      },
    });
  });

  it('reads a weekday column beside the dates as neither crew nor dates', () => {
    const result = parse([
      ['', 'December 2026', '', ''],
      ['Day', 'Date', 'Abdul', 'Hana'],
      ['Sat', 'Sat 5 Dec', 'y', 'n'],
      ['Sun', 'Sun 6 Dec', 'n', 'y'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.days).toEqual({
      '2026-12-05': { Abdul: { status: 'yes' }, Hana: { status: 'no' } },
      '2026-12-06': { Abdul: { status: 'no' }, Hana: { status: 'yes' } },
    });
  });

  it('reads a weekday column after the dates, headed "Day", without a problem', () => {
    const result = parse([
      ['Date', 'Day', 'Abdul'],
      ['Dec 5', 'Saturday', 'y'],
      ['Dec 6', 'Sunday', 'n'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.unmatchedHeaders).toEqual([]);
    expect(Object.keys(result.days)).toEqual(['2026-12-05', '2026-12-06']);
  });

  it('reads dates across a row that is not row 1, with a weekday row under them', () => {
    const result = parse(
      [
        ['January crew sheet', '', '', ''],
        [],
        ['Crew', 'Jan 1', '1/2', '2027-01-03'],
        ['', 'Fri', 'Sat', 'Sun'],
        ['Abdul', 'y', 'n', 'after 2pm'],
        ['Hana', 'maybe', 'y', 'off'],
      ],
      'Jan 2027',
    );
    expect(result.problems).toEqual([]);
    expect(result.layout).toBe('dates-across');
    expect(result.days).toEqual({
      '2027-01-01': { Abdul: { status: 'yes' }, Hana: { status: 'note', note: 'maybe' } },
      '2027-01-02': { Abdul: { status: 'no' }, Hana: { status: 'yes' } },
      '2027-01-03': { Abdul: { status: 'yes', after: '14:00' }, Hana: { status: 'no' } },
    });
  });

  it.each([
    ['12/5', '2026-12-05'],
    ['12/05/2026', '2026-12-05'],
    ['Dec 5', '2026-12-05'],
    ['5 Dec', '2026-12-05'],
    ['Sat 5 Dec', '2026-12-05'],
    ['Saturday, December 5', '2026-12-05'],
    ['December 5th', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['5/12', '2026-12-05'], // day first only because the tab is December: 5/12 cannot be May here
    ['Dec. 5, 2026', '2026-12-05'],
    ['5th December 2026', '2026-12-05'],
  ])('reads the date %j', (text, date) => {
    const result = parse([
      ['Date', 'Abdul'],
      [text, 'y'],
    ]);
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.days)).toEqual([date]);
  });

  it('reads ambiguous 5/12 as May 12 (US) outside a December tab', () => {
    const result = parse(
      [
        ['Date', 'Abdul'],
        ['5/12', 'y'],
      ],
      'May 2027',
    );
    expect(Object.keys(result.days)).toEqual(['2027-05-12']);
  });

  it('matches headers with nicknames, punctuation and emoji', () => {
    const result = parse(
      [
        ['Date', 'Capt. Abdul "Abs" R. ⚓', 'Hana 🌊', '  Sofia M. (mate)  '],
        ['Dec 5', 'y', 'n', 'y'],
      ],
      'December 2026',
      ['Abdul R.', 'Hana', 'Sofia M.'],
    );
    expect(result.problems).toEqual([]);
    expect(result.matchedHeaders.map((m) => [m.header, m.availability_key])).toEqual([
      ['Capt. Abdul "Abs" R. ⚓', 'Abdul R.'],
      ['Hana 🌊', 'Hana'],
      ['Sofia M. (mate)', 'Sofia M.'],
    ]);
  });

  it('says where it looked when it finds no dates', () => {
    const result = parse([
      ['Name', 'Abdul'],
      ['Monday', 'y'],
    ]);
    expect(result.problems).toEqual([
      {
        cell: 'A1',
        value: 'Name',
        message:
          "No dates found in 'December 2026' (looked at every column and row of A1:B2 for dates such as 12/5, Dec 5 or 2026-12-05)",
      },
    ]);
  });

  it('says so when no row of crew names sits above the dates', () => {
    const result = parse([
      ['Dec 5', 'y', 'n'],
      ['Dec 6', 'n', 'y'],
    ]);
    expect(result.days).toEqual({});
    expect(result.problems).toEqual([
      {
        cell: 'A1',
        value: 'Dec 5',
        message: "No row of crew names found in 'December 2026' above the first date (A1)",
      },
    ]);
  });
});

describe('parseAvailabilityTab: x as the office setting says', () => {
  const values = [
    ['Date', 'Abdul', 'Hana'],
    ['Dec 5', 'x', 'y'],
    ['Dec 6', 'n', 'X'],
  ];

  it('reads x as yes when unset, and lists the cells holding it', () => {
    const result = parse(values);
    expect(result.days['2026-12-05']?.Abdul).toEqual({ status: 'yes' });
    expect(result.xCells).toEqual(['B2', 'C3']);
  });

  it('reads x as no where the office marks "off" with it', () => {
    const result = parseAvailabilityTab({
      sheetName: 'December 2026',
      values,
      timeZone: LA,
      rosterKeys: KEYS,
      xMeans: 'no',
    });
    expect(result.days['2026-12-05']?.Abdul).toEqual({ status: 'no' });
    expect(result.days['2026-12-06']?.Hana).toEqual({ status: 'no' });
    expect(result.xCells).toEqual(['B2', 'C3']);
  });
});
