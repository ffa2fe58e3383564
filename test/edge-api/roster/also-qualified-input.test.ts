import { describe, expect, it } from 'vitest';
import { UserError } from '../../../edge-api/src/errors/index.js';
import { parseOrThrow } from '../../../edge-api/src/errors/parse-input.js';
import { crewCreateSchema, crewPatchSchema } from '../../../edge-api/src/roster/crew-input.js';

const valid = {
  name: 'Ana Example',
  phone: '310 555 0111',
  email: 'ana@example.com',
  role: 'captain',
  cascade_level: 1,
  availability_key: 'Ana',
  day_rate: { amount_cents: 30000, currency: 'USD' },
};

const problems = (
  schema: ReturnType<typeof crewCreateSchema> | ReturnType<typeof crewPatchSchema>,
  body: unknown,
) => {
  try {
    parseOrThrow(schema, body);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).fields.map((f) => `${f.field}: ${f.message}`);
  }
  return [];
};

describe('also_qualified on a crew member', () => {
  it('is optional: a record without it parses as before', () => {
    expect(parseOrThrow(crewCreateSchema('US'), valid)).not.toHaveProperty('also_qualified');
  });

  it('normalises each role to lower case and keeps the levels', () => {
    expect(
      parseOrThrow(crewCreateSchema('US'), {
        ...valid,
        also_qualified: [{ role: ' Mate ', cascade_level: 3 }],
      }).also_qualified,
    ).toEqual([{ role: 'mate', cascade_level: 3 }]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'a role that is not a word',
      [{ role: 'mate!', cascade_level: 2 }],
      ['also_qualified.0.role: must be a word such as captain, mate or deckhand'],
    ],
    [
      'a level that is not a whole number from 1',
      [
        { role: 'mate', cascade_level: 0 },
        { role: 'deckhand', cascade_level: 1.5 },
      ],
      [
        'also_qualified.0.cascade_level: must be 1 or more (1 is called first)',
        'also_qualified.1.cascade_level: must be a whole number from 1 to 9',
      ],
    ],
    [
      'the primary role again',
      [{ role: 'Captain', cascade_level: 2 }],
      ['also_qualified.0.role: is already this crew member\'s role ("captain")'],
    ],
    [
      'the same role twice',
      [
        { role: 'mate', cascade_level: 2 },
        { role: 'mate', cascade_level: 3 },
      ],
      ['also_qualified.1.role: "mate" is listed twice (also at also_qualified.0)'],
    ],
    [
      'an unknown field in an entry',
      [{ role: 'mate', cascade_level: 2, level: 2 }],
      ['also_qualified.0.level: is not a known field'],
    ],
    [
      'not a list',
      'mate',
      ['also_qualified: must be a list like [{"role": "mate", "cascade_level": 2}]'],
    ],
  ])('refuses %s, naming the field and index', (_what, also, expected) => {
    expect(problems(crewCreateSchema('US'), { ...valid, also_qualified: also })).toEqual(expected);
  });

  it('checks a patch that changes both role and also_qualified against each other', () => {
    expect(
      problems(crewPatchSchema('US'), {
        role: 'mate',
        also_qualified: [{ role: 'mate', cascade_level: 2 }],
      }),
    ).toEqual(['also_qualified.0.role: is already this crew member\'s role ("mate")']);
  });
});
