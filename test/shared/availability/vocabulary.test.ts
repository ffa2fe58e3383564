import { describe, expect, it } from 'vitest';
import { readAvailabilityCell } from '../../../shared/availability/read-cell.js';
import {
  ANSWER_WORDS,
  HOURS_WORDS,
  NOON_WORDS,
  X_WORD,
} from '../../../shared/availability/vocabulary.js';

// Every word the table claims to read, read through the cell reader: as typed, in capitals
// and with a remark or a part-day where the grammar allows one.
const table = (meaning: keyof typeof ANSWER_WORDS) => ANSWER_WORDS[meaning].map((w) => [w]);

describe('vocabulary: every word it claims to read', () => {
  it.each(table('yes'))('reads %j as yes', (word) => {
    expect(readAvailabilityCell(word)).toEqual({ mark: { status: 'yes' } });
    expect(readAvailabilityCell(` ${word.toUpperCase()} `)).toEqual({ mark: { status: 'yes' } });
  });

  it.each(table('no'))('reads %j as no, also with a remark', (word) => {
    expect(readAvailabilityCell(word)).toEqual({ mark: { status: 'no' } });
    expect(readAvailabilityCell(`${word} (boat yard)`)).toEqual({ mark: { status: 'no' } });
    expect(readAvailabilityCell(`${word} - boat yard`)).toEqual({ mark: { status: 'no' } });
  });

  it.each(table('am'))('reads %j as mornings, also after a yes', (word) => {
    expect(readAvailabilityCell(word)).toEqual({ mark: { status: 'am' } });
    expect(readAvailabilityCell(`Y - ${word}`)).toEqual({ mark: { status: 'am' } });
  });

  it.each(table('pm'))('reads %j as afternoons, also after a yes', (word) => {
    expect(readAvailabilityCell(word)).toEqual({ mark: { status: 'pm' } });
    expect(readAvailabilityCell(`yes (${word})`)).toEqual({ mark: { status: 'pm' } });
  });

  it.each(table('unsure'))('reads %j as unsure: not called, shown as typed', (word) => {
    expect(readAvailabilityCell(word)).toEqual({ mark: { status: 'note', note: word } });
    expect(readAvailabilityCell(`${word}: boat yard`)).toEqual({
      mark: { status: 'note', note: `${word}: boat yard` },
    });
  });

  it.each(HOURS_WORDS.after.map((w) => [w]))('reads "%s 2pm" as available after 14:00', (word) => {
    expect(readAvailabilityCell(`${word} 2pm`)).toEqual({
      mark: { status: 'yes', after: '14:00' },
    });
  });

  it.each(HOURS_WORDS.before.map((w) => [w]))('reads "%s 11" as available until 11:00', (word) => {
    expect(readAvailabilityCell(`${word} 11`)).toEqual({
      mark: { status: 'yes', before: '11:00' },
    });
  });

  it.each(NOON_WORDS.map((w) => [w]))('reads "before %s" as until 12:00', (word) => {
    expect(readAvailabilityCell(`before ${word}`)).toEqual({
      mark: { status: 'yes', before: '12:00' },
    });
  });

  it.each([
    ['9am-1pm', { after: '09:00', before: '13:00' }],
    ['10-2', { after: '10:00', before: '14:00' }],
    ['14:00 to 18:00', { after: '14:00', before: '18:00' }],
    ['Y 8-noon', { after: '08:00', before: '12:00' }],
  ])('reads the range %j as hours', (text, hours) => {
    expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'yes', ...hours } });
  });

  it.each(['Y?', 'x?', 'after 2?', 'PM??'])(
    'reads %j, a reading with a question mark, as unsure',
    (text) => {
      expect(readAvailabilityCell(text)).toEqual({ mark: { status: 'note', note: text } });
    },
  );

  it('reads x as the office setting says, yes when unset, and says it did', () => {
    expect(X_WORD).toBe('x');
    expect(readAvailabilityCell('x')).toEqual({ mark: { status: 'yes' }, x: true });
    expect(readAvailabilityCell('X', { xMeans: 'yes' })).toEqual({
      mark: { status: 'yes' },
      x: true,
    });
    expect(readAvailabilityCell(' x ', { xMeans: 'no' })).toEqual({
      mark: { status: 'no' },
      x: true,
    });
  });

  it('never reads a hedged word as yes', () => {
    for (const word of ['probably', 'maybe', 'possibly', 'tbc']) {
      expect(readAvailabilityCell(word)).not.toEqual({ mark: { status: 'yes' } });
      expect(readAvailabilityCell(`Y ${word}`)).toHaveProperty('problem');
    }
  });
});
