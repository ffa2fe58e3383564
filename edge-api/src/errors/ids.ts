import { invalidInput } from './index.js';

/**
 * The ids the API hands out, and what a client may send back. Checked before
 * DynamoDB sees them: an id it could never have issued (odd characters, or
 * longer than a key may be: 2048 bytes for a partition key, 1024 for a sort key)
 * is the client's mistake, a 400 naming the parameter, not a 500 from DynamoDB.
 */
const ID_SHAPES = {
  crew: { pattern: /^[A-Za-z0-9_-]{1,64}$/, rule: 'must be 1 to 64 letters, digits, _ or -' },
  charter: { pattern: /^[A-Za-z0-9_-]{1,64}$/, rule: 'must be 1 to 64 letters, digits, _ or -' },
  call: { pattern: /^call-[0-9a-f]{16}$/, rule: 'must be a call id such as call-0123456789abcdef' },
} as const;

/** `raw` if it has the shape of a `kind` id, else a 400 naming `field` (as the client sent it). */
export function checkId(kind: keyof typeof ID_SHAPES, field: string, raw: string): string {
  const { pattern, rule } = ID_SHAPES[kind];
  if (!pattern.test(raw)) throw invalidInput([{ field, message: rule }]);
  return raw;
}

export const CREW_ID_PATTERN = ID_SHAPES.crew.pattern;
export const CREW_ID_RULE = ID_SHAPES.crew.rule;
