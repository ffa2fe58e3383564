import { describe, expect, it } from 'vitest';
import { readAvailabilityCell } from '../../../shared/availability/read-cell.js';

describe('readAvailabilityCell', () => {
  it.each(['Y', 'y', 'yes', 'Yes', 'YES', ' Y ', '✓', '✔', '✔️', 'TRUE', 'true', '1', 'Yes!'])(
    'reads %j as yes',
    (text) => {
      expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'yes' } });
    },
  );

  it('reads checkbox booleans and the numbers 1 and 0', () => {
    expect(readAvailabilityCell(true)).toEqual({ mark: { status: 'yes' } });
    expect(readAvailabilityCell(false)).toEqual({ mark: { status: 'no' } });
    expect(readAvailabilityCell(1)).toEqual({ mark: { status: 'yes' } });
    expect(readAvailabilityCell(0)).toEqual({ mark: { status: 'no' } });
  });

  it.each([
    'N',
    'n',
    'no',
    'No',
    'out',
    'OUT',
    '0',
    'false',
    'FALSE',
    'N (travel)',
    'no - travel',
    'No – travel',
    'out: boat yard',
    'no, family',
    'unavailable',
  ])('reads %j as no', (text) => {
    expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'no' } });
  });

  it.each(['', '   ', '\n', null, undefined])('reads %j as blank, not a problem', (value) => {
    expect(readAvailabilityCell(value)).toEqual({ blank: true });
  });

  it.each(['AM', 'am', 'a.m.', 'A.M.', 'am only', 'AM only', 'Y - AM', 'mornings only'])(
    'reads %j as am',
    (text) => {
      expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'am' } });
    },
  );

  it.each(['PM', 'pm', 'p.m.', 'pm only', 'yes - PM', 'afternoon'])('reads %j as pm', (text) => {
    expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'pm' } });
  });

  it.each([
    ['Y - after 2pm', { after: '14:00' }],
    ['yes after 14:00', { after: '14:00' }],
    ['after 2', { after: '14:00' }],
    ['Y after 2:30pm', { after: '14:30' }],
    ['Y — after 2 PM', { after: '14:00' }],
    ['Y (after 2)', { after: '14:00' }],
    ['after 2pm only', { after: '14:00' }],
    ['from 10am', { after: '10:00' }],
    ['after 1400', { after: '14:00' }],
    ['after noon', { after: '12:00' }],
    ['after 12am', { after: '00:00' }],
    ['Y - before 11am', { before: '11:00' }],
    ['until 11', { before: '11:00' }],
    ['till 4', { before: '16:00' }],
    ['after 9 until 3', { after: '09:00', before: '15:00' }],
    ['Y after 10am, before 4:30pm', { after: '10:00', before: '16:30' }],
  ])('reads %j as yes with hours %j', (text, hours) => {
    expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'yes', ...hours } });
  });

  it('treats an hour without am/pm as afternoon for 1..7 and as written otherwise', () => {
    const afterOf = (text: string) => {
      const read = readAvailabilityCell(text);
      return 'mark' in read && read.mark.status === 'yes' ? read.mark.after : undefined;
    };
    expect(afterOf('after 1')).toBe('13:00');
    expect(afterOf('after 7')).toBe('19:00');
    expect(afterOf('after 8')).toBe('08:00');
    expect(afterOf('after 12')).toBe('12:00');
    expect(afterOf('after 15')).toBe('15:00');
    expect(afterOf('after 7am')).toBe('07:00');
  });

  it.each(['maybe', '?', 'call me', 'Call me!'])(
    'keeps the unsure %j as a note with the trimmed original text',
    (text) => {
      expect(readAvailabilityCell(`  ${text} `)).toEqual({ mark: { status: 'note', note: text } });
    },
  );

  it.each([
    'no idea',
    'Y if back from Catalina',
    'after 5pm before 2pm',
    'after 13pm',
    'after 2:75',
  ])('reports %j as a problem instead of keeping it as a note', (text) => {
    expect(readAvailabilityCell(`  ${text} `)).toEqual({
      problem: `"${text}" is not an answer crewcall can read: type Y, N, AM, PM, "after 2pm", "till 11" or "maybe"`,
    });
  });

  it('reports spreadsheet errors as problems', () => {
    expect(readAvailabilityCell('#REF!')).toEqual({
      problem: '"#REF!" is a spreadsheet error, not an answer',
    });
    for (const err of ['#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#ERROR!']) {
      expect(readAvailabilityCell(err)).toEqual({
        problem: `"${err}" is a spreadsheet error, not an answer`,
      });
    }
  });

  it('reports numbers other than 0 and 1, as numbers or text, as problems', () => {
    expect(readAvailabilityCell(2)).toEqual({
      problem: 'the number 2 is not an answer: use 1 or Y for yes, 0 or N for no',
    });
    expect(readAvailabilityCell('3.5')).toHaveProperty('problem', expect.stringContaining('3.5'));
    expect(readAvailabilityCell(Number.NaN)).toHaveProperty('problem');
  });

  it('reports dates in a crew cell as problems', () => {
    expect(readAvailabilityCell(new Date('2026-12-05T08:00:00.000Z'))).toEqual({
      problem:
        'a date (2026-12-05T08:00:00.000Z) is not an answer: type Y, N, AM, PM, "after 2pm", "till 11" or "maybe"',
    });
    expect(readAvailabilityCell('2026-12-05T08:00:00.000Z')).toHaveProperty(
      'problem',
      expect.stringContaining('is not an answer'),
    );
    expect(readAvailabilityCell(new Date(Number.NaN))).toHaveProperty(
      'problem',
      expect.stringContaining('invalid date'),
    );
  });

  it('reports other kinds of values as problems instead of throwing', () => {
    expect(readAvailabilityCell({})).toHaveProperty('problem');
    expect(readAvailabilityCell(['y'])).toHaveProperty('problem');
    expect(readAvailabilityCell(Symbol('y'))).toHaveProperty('problem');
  });
});
