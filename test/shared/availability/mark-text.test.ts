import { describe, expect, it } from 'vitest';
import {
  cleanNote,
  MARK_NOTE_MAX,
  type MarkWords,
  markAvailability,
  markText,
} from '../../../shared/availability/mark-text.js';
import { readAvailabilityCell } from '../../../shared/availability/read-cell.js';

const KINDS: MarkWords[] = [
  { kind: 'yes' },
  { kind: 'no' },
  { kind: 'morning' },
  { kind: 'afternoon' },
  { kind: 'after', after: '14:00' },
  { kind: 'after', after: '09:30' },
  { kind: 'after', after: '12:00' },
  { kind: 'after', after: '00:30' },
  // Hours the reader would take as afternoon when written bare ("after 5" is 17:00).
  { kind: 'after', after: '01:00' },
  { kind: 'after', after: '05:45' },
  { kind: 'after', after: '07:59' },
  { kind: 'after', after: '08:00' },
  { kind: 'after', after: '23:15' },
];

/** Notes a crew member might type that look like answers, hours, separators or questions. */
const NOTES = [
  undefined,
  'dentist',
  'back from Catalina (ferry)',
  'maybe?',
  '?',
  'no - boat yard',
  'Y',
  'N',
  'after 2pm',
  'till 11',
  '2pm',
  '9am-1pm',
  'call me: 310 555 0142',
  '[brackets] inside]',
  'x',
  'AM only',
  '  spaced\n over   lines ',
  '#N/A',
  '1',
  '2026-12-05',
  'TRUE',
  'ends with a dash -',
  'done!',
];

describe('markText: the text read back means the mark', () => {
  const cases = KINDS.flatMap((m) => NOTES.map((note) => ({ ...m, ...(note ? { note } : {}) })));
  it.each(cases)('%j', (mark) => {
    const text = markText(mark);
    expect(readAvailabilityCell(text)).toEqual({ mark: markAvailability(mark) });
    // Text Sheets keeps as text: not a bare number, time, date or boolean.
    expect(text).not.toMatch(/^(?:[-+]?\d+(?:[.,:]\d+)*|true|false|\d{4}-\d{2}-\d{2}.*)$/i);
    expect(text).not.toMatch(/^[=+@-]/);
    expect(text).not.toContain('\n');
  });

  it.each([
    [{ kind: 'yes' }, 'Y'],
    [{ kind: 'no', note: 'dentist' }, 'N [dentist]'],
    [{ kind: 'morning' }, 'AM'],
    [{ kind: 'afternoon', note: 'back 2pm?' }, 'PM [back 2pm?]'],
    [{ kind: 'after', after: '14:00' }, 'after 14:00'],
    [{ kind: 'after', after: '05:30', note: 'ferry' }, 'after 5:30am [ferry]'],
  ] as Array<[MarkWords, string]>)('%j is written %j', (mark, text) => {
    expect(markText(mark)).toBe(text);
  });

  it('keeps a note to one line without square brackets, at most the longest note', () => {
    expect(cleanNote(' a [b]\n c ')).toBe('a (b) c');
    expect(cleanNote('bell\u0007 and\u0000nul')).toBe('bell and nul');
    expect(cleanNote('x'.repeat(200))).toHaveLength(MARK_NOTE_MAX);
    expect(markText({ kind: 'yes', note: '   ' })).toBe('Y');
  });
});

describe('readAvailabilityCell: a remark in square brackets', () => {
  it.each([
    ['N [dentist]', { status: 'no' }],
    ['Y [after 2pm]', { status: 'yes' }],
    ['after 14:00 [N]', { status: 'yes', after: '14:00' }],
    ['AM [maybe?]', { status: 'am' }],
  ])('reads %j as %j', (text, mark) => {
    expect(readAvailabilityCell(text)).toEqual({ mark });
  });

  it('keeps an unsure answer unsure, with the text as typed', () => {
    expect(readAvailabilityCell('maybe [ask Dana]')).toEqual({
      mark: { status: 'note', note: 'maybe [ask Dana]' },
    });
  });

  it('does not make unreadable text readable', () => {
    expect(readAvailabilityCell('no idea [x]')).toHaveProperty('problem');
    expect(readAvailabilityCell('[dentist]')).toHaveProperty('problem');
  });
});
