import { ID_SHAPES } from '../../../shared/api/ids.js';
import { invalidInput } from './index.js';

// The id shapes are part of the wire contract (shared/api/ids.ts): checked before
// DynamoDB sees them, so an id the API could never have issued is a 400 naming the
// parameter, not a 500 from DynamoDB.

/** `raw` if it has the shape of a `kind` id, else a 400 naming `field` (as the client sent it). */
export function checkId(kind: keyof typeof ID_SHAPES, field: string, raw: string): string {
  const { pattern, rule } = ID_SHAPES[kind];
  if (!pattern.test(raw)) throw invalidInput([{ field, message: rule }]);
  return raw;
}
