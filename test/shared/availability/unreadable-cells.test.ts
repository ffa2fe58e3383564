import { describe, expect, it } from 'vitest';
import { readAvailabilityCell } from '../../../shared/availability/read-cell.js';

// What offices type beyond our first fixtures: each must be read, and text nobody can read
// must be a problem (never a quiet note, never a guessed yes).
describe('readAvailabilityCell: words offices type, and text it cannot read', () => {
  it.each([
    ['off', { status: 'no' }],
    ['all day', { status: 'yes' }],
    ['Morning', { status: 'am' }],
    ['from 14:00', { status: 'yes', after: '14:00' }],
    ['9am-1pm', { status: 'yes', after: '09:00', before: '13:00' }],
    ['tbc', { status: 'note', note: 'tbc' }],
    ['Y?', { status: 'note', note: 'Y?' }],
  ])('reads %j', (text, mark) => {
    expect(readAvailabilityCell(text)).toEqual({ mark });
  });

  it.each(['no idea', 'Y if back from Catalina', 'after 5pm before 2pm', 'boat yard'])(
    'reports %j as a problem, not a note',
    (text) => {
      expect(readAvailabilityCell(text)).toHaveProperty(
        'problem',
        expect.stringContaining(`"${text}" is not an answer crewcall can read`),
      );
    },
  );
});
