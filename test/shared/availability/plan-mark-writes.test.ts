import { describe, expect, it } from 'vitest';
import type { CrewMark } from '../../../shared/api/index.js';
import {
  editTimes,
  pruneEdits,
  recordEdit,
} from '../../../shared/availability/office-edit-times.js';
import { planMarkWrites, writeRectangle } from '../../../shared/availability/plan-mark-writes.js';

const TZ = 'America/Los_Angeles';
const d = (date: string) => new Date(`${date}T08:00:00.000Z`);
const mark = (over: Partial<CrewMark>): CrewMark => ({
  crew_id: 'c-0002',
  availability_key: 'Teresa',
  date: '2026-12-02',
  kind: 'yes',
  set_at: '2026-12-02T17:00:00.000Z',
  set_by: 'c-0002',
  text: 'Y',
  state: 'pending',
  ...over,
});
const down = [
  ['Date', 'Capt. Teresa', 'Abdul', 'Total'],
  [d('2026-12-01'), 'N', '', '=COUNTIF(B2:C2,"Y")'],
  [d('2026-12-02'), '', 'Y', '=COUNTIF(B3:C3,"Y")'],
];
const across = [
  ['Crew', d('2026-12-01'), d('2026-12-02')],
  ['Capt. Teresa', 'N', ''],
  ['Abdul', '', 'Y'],
];
const plan = (
  values: unknown[][],
  marks: CrewMark[],
  edited?: (r: number, c: number) => Date | undefined,
) =>
  planMarkWrites({
    tab: 'December 2026',
    values,
    timeZone: TZ,
    rosterKeys: ['Teresa', 'Abdul'],
    xMeans: 'yes',
    marks,
    officeEditedAt: edited ?? (() => undefined),
  });

describe('planMarkWrites', () => {
  it("finds the person's cell in either layout by the matched header", () => {
    const m = mark({});
    expect(plan(down, [m]).writes).toEqual([{ row: 2, column: 1, text: 'Y' }]);
    expect(plan(across, [m]).writes).toEqual([{ row: 1, column: 2, text: 'Y' }]);
    expect(plan(across, [m]).results[0]?.cell).toBe("'December 2026'!C2");
  });

  it('keeps what the office typed after the mark, and types over what it typed before', () => {
    const m = mark({ date: '2026-12-01', text: 'Y' });
    const after = plan(down, [m], () => new Date('2026-12-02T17:00:01Z'));
    expect(after.writes).toEqual([]);
    expect(after.results).toEqual([
      expect.objectContaining({
        outcome: 'kept_office',
        office_value: 'N',
        cell: "'December 2026'!B2",
      }),
    ]);
    const before = plan(down, [m], () => new Date('2026-12-02T16:59:59Z'));
    expect(before.writes).toEqual([{ row: 1, column: 1, text: 'Y' }]);
  });

  it('writes nothing when the cell already says it; the later of two marks for one cell wins', () => {
    expect(plan(down, [mark({ availability_key: 'Abdul', crew_id: 'c-0001' })]).writes).toEqual([]);
    const two = plan(down, [
      mark({ text: 'N' }),
      mark({ text: 'AM', set_at: '2026-12-02T18:00:00Z' }),
    ]);
    expect(two.writes).toEqual([{ row: 2, column: 1, text: 'AM' }]);
  });

  it('names a mark with no row or no header, and leaves it out of the results (reported no_cell)', () => {
    const p = plan(down, [mark({ date: '2026-12-09' }), mark({ availability_key: 'Hana' })]);
    expect(p.results).toEqual([]);
    expect(p.unplaced.map((u) => u.why)).toEqual([
      "no row for 2026-12-09 in 'December 2026'",
      "no column for “Hana” in 'December 2026'",
    ]);
  });
});

describe('writeRectangle', () => {
  it('one rectangle: text after an apostrophe, as it is in a plain-text cell; formulas kept', () => {
    const formulas = down.map((row) =>
      row.map((v) => (typeof v === 'string' && v.startsWith('=') ? v : '')),
    );
    const formats = down.map((row) => row.map((_, c) => (c === 3 ? '@' : '0.###############')));
    const rect = writeRectangle({ values: down, formulas, formats }, [
      { row: 1, column: 2, text: 'after 14:00' },
      { row: 2, column: 3, text: 'N' },
    ]);
    expect(rect).toEqual({
      row: 1,
      column: 2,
      grid: [
        ["'after 14:00", '=COUNTIF(B2:C2,"Y")'],
        ["'Y", 'N'],
      ],
    });
    expect(writeRectangle({ values: down, formulas, formats }, [])).toBeUndefined();
  });
});

describe('office edit times', () => {
  it('records each cell of a pasted range, reads it back, and prunes old ones', () => {
    const stored = recordEdit(
      {},
      'Dec 2026',
      { row: 2, column: 2, numRows: 2, numColumns: 3 },
      new Date('2026-12-02T17:00:00Z'),
    );
    expect(Object.keys(stored)).toHaveLength(3);
    const later = {
      ...stored,
      ...recordEdit(
        stored,
        'Dec 2026',
        { row: 3, column: 3, numRows: 1, numColumns: 1 },
        new Date('2026-12-03T17:00:00Z'),
      ),
    };
    const at = editTimes(later);
    expect(at('Dec 2026', 2, 4)?.toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(at('Dec 2026', 3, 3)?.toISOString()).toBe('2026-12-03T17:00:00.000Z');
    expect(at('Dec 2026', 4, 3)).toBeUndefined();
    const pruned = pruneEdits(later, new Date('2026-12-03T00:00:00Z'));
    expect(pruned.remove.sort()).toEqual([
      'CREWCALL_EDITED|Dec 2026|2',
      'CREWCALL_EDITED|Dec 2026|4',
    ]);
    expect(editTimes(pruned.set)('Dec 2026', 3, 3)).toBeDefined();
    expect(editTimes(pruned.set)('Dec 2026', 2, 3)).toBeUndefined();
  });

  it('a month of 40 crew, every cell typed, fits the property limits (9 KB a value, 500 KB in all)', () => {
    const stored = recordEdit(
      {},
      'December 2026',
      { row: 2, column: 2, numRows: 31, numColumns: 40 },
      new Date('2026-12-31T23:59:59Z'),
    );
    const across = recordEdit(
      {},
      'Jan 2027',
      { row: 2, column: 2, numRows: 40, numColumns: 31 },
      new Date('2027-01-31T23:59:59Z'),
    );
    const bytes = (o: Record<string, string>) =>
      Object.entries(o).map(([k, v]) => Buffer.byteLength(k) + Buffer.byteLength(v));
    expect(Math.max(...bytes(stored), ...bytes(across))).toBeLessThan(9 * 1024);
    // Twelve months of both layouts kept at once, still far under 500 KB.
    const all = [...bytes(stored), ...bytes(across)].reduce((a, b) => a + b, 0) * 6;
    expect(all).toBeLessThan(500 * 1024);
  });
});
