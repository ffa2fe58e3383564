/**
 * Orders names and roles exactly as `a.localeCompare(b)` does, without ICU's collator when it
 * can: its first use costs a cold start several milliseconds, and the timer's summaries sort
 * people and roles on every run. Done by hand only for names of plain ASCII letters, spaces,
 * hyphens, full stops and apostrophes, and only in an English (or C/POSIX, which V8 reads as
 * en-US) locale, Lambda's: there the collation is the root one. Letters by the alphabet
 * whatever their case; a space, then a hyphen, a full stop and an apostrophe before any
 * letter; a name before a longer one it begins; and at the first letter differing only in
 * case, lower case first. Any other name, or locale, is compared by localeCompare.
 * test/edge-api/crew-calls/name-order.test.ts checks the two agree.
 */
const PLAIN = /^[A-Za-z .'-]*$/;

/** The locale ICU takes from the environment (LC_ALL, then LC_MESSAGES, then LANG). */
const environmentLocale = () =>
  process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
const ROOT_COLLATION = /^(C|POSIX|en)?([_.@-].*)?$/;
let byHand: boolean | undefined;

/** A character's place at the first level: the punctuation names use, then the letters. */
function primary(code: number): number {
  if (code === 32) return 1; // space
  if (code === 45) return 2; // -
  if (code === 46) return 3; // .
  if (code === 39) return 4; // '
  return 10 + ((code | 32) - 97);
}

export function compareNames(a: string, b: string): number {
  byHand ??= ROOT_COLLATION.test(environmentLocale());
  if (!byHand || !PLAIN.test(a) || !PLAIN.test(b)) return a.localeCompare(b);
  let caseOrder = 0;
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const px = primary(x);
    const py = primary(y);
    if (px !== py) return px < py ? -1 : 1;
    // Same letter, other case: upper-case letters have the lower codes and sort after.
    if (caseOrder === 0 && x !== y) caseOrder = x < y ? 1 : -1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return caseOrder;
}

/** ISO 8601 instants as toISOString writes them (one length, one layout): by their text. */
export const compareInstants = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
