import { describe, expect, it } from 'vitest';
import { UserError } from '../../../edge-api/src/errors/index.js';
import { parseOrThrow } from '../../../edge-api/src/errors/parse-input.js';
import { crewCreateSchema, normalisePhone } from '../../../edge-api/src/roster/crew-input.js';

describe('normalisePhone', () => {
  it.each([
    ['+1 310 555 0101', '+13105550101'],
    ['(310) 555-0102', '+13105550102'],
    ['310.555.0103', '+13105550103'],
    ['  +1-310-555-0104 ', '+13105550104'],
  ])('turns %s into E.164 %s', (input, e164) => {
    expect(normalisePhone(input, 'US')).toEqual({ e164 });
  });

  it.each(['', '12', '555-0101', 'call me', '+1 310 555 01011234'])(
    'explains why %j is not a phone number',
    (input) => {
      const result = normalisePhone(input, 'US');
      expect('problem' in result && result.problem.length > 5).toBe(true);
    },
  );

  it('reads national numbers in the configured default country', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toEqual({ e164: '+442079460958' });
  });
});

describe('crewCreateSchema', () => {
  const valid = {
    name: '  Kenji Example ',
    phone: '310 555 0105',
    email: 'Kenji@Example.com',
    role: 'Mate',
    cascade_level: 2,
    availability_key: ' Kenji ',
    day_rate: { amount_cents: 30000, currency: 'USD' },
  };

  it('normalises and defaults a valid crew member', () => {
    expect(parseOrThrow(crewCreateSchema('US'), valid)).toEqual({
      name: 'Kenji Example',
      phone: '+13105550105',
      email: 'kenji@example.com',
      role: 'mate',
      cascade_level: 2,
      availability_key: 'Kenji',
      day_rate: { amount_cents: 30000, currency: 'USD' },
      active: true,
    });
  });

  it('throws one UserError naming every bad field', () => {
    try {
      parseOrThrow(crewCreateSchema('US'), { ...valid, email: 'x', cascade_level: 10, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const e = error as UserError;
      expect(e.status).toBe(400);
      expect(e.fields.map((f) => f.field).sort()).toEqual(['cascade_level', 'email', 'extra']);
    }
  });
});
