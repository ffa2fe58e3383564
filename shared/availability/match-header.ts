import { nameSortKey } from '../crew/index.js';

/**
 * Matching a month tab's header ("Capt Abdul") to the roster's availability_key
 * ("Abdul"): tolerant of small drift, never guessing between two people.
 */
/**
 * Which roster key a sheet header names, tolerating small drift but never guessing:
 *
 * 1. the same text after trimming → `{ key, exact: true }`;
 * 2. the same after folding (lower case, accents removed, `.` `(` `)` and other punctuation
 *    turned into spaces, apostrophes dropped, spaces collapsed): "sam b" ↔ "Sam B.";
 * 3. the same words after dropping titles and roles (capt, captain, cpt, skipper, mate, deckhand,
 *    mr, mrs, ms, mx, dr): "Capt Abdul" ↔ "Abdul", "Teresa" ↔ "Capt. Teresa";
 * 4. one side's words all appear, as whole words, in the other's (same titles dropped), provided
 *    the shorter side has a word longer than an initial: "Sofia" ↔ "Sofia M.", never "M." ↔ "Sofia M.".
 *
 * The first step with any match decides; two or more matches at that step → `{ ambiguous }`
 * listing the keys; no match at any step → undefined.
 */
export function matchHeaderToKey(
  header: string,
  rosterKeys: string[],
): { key: string; exact: boolean } | { ambiguous: string[] } | undefined {
  if (typeof header !== 'string') return undefined;
  const keys = uniqueKeys(rosterKeys);
  const trimmed = header.trim();
  if (trimmed === '') return undefined;

  const exact = keys.filter((k) => k.trim() === trimmed);
  if (exact.length === 1 && exact[0] !== undefined) return { key: exact[0], exact: true };
  if (exact.length > 1) return { ambiguous: exact };

  const folded = foldName(trimmed);
  const steps: Array<(key: string) => boolean> = [
    (key) => foldName(key) === folded,
    (key) => sameWords(nameWords(key), nameWords(trimmed)),
    (key) => containsWords(nameWords(key), nameWords(trimmed)),
  ];
  for (const step of steps) {
    const found = keys.filter(step);
    if (found.length === 1 && found[0] !== undefined) return { key: found[0], exact: false };
    if (found.length > 1) return { ambiguous: found };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Header matching helpers

const TITLES = new Set([
  'capt',
  'captain',
  'cpt',
  'skipper',
  'mate',
  'deckhand',
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
]);

export function uniqueKeys(keys: unknown): string[] {
  if (!Array.isArray(keys)) return [];
  const out: string[] = [];
  for (const k of keys) {
    if (typeof k === 'string' && k.trim() !== '' && !out.includes(k)) out.push(k);
  }
  return out;
}

/** nameSortKey, then punctuation to spaces (apostrophes dropped), spaces collapsed (also the roster's availability-key claims). */
export function foldName(name: string): string {
  return nameSortKey(name)
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function nameWords(name: string): string[] {
  return foldName(name)
    .split(' ')
    .filter((w) => w !== '' && !TITLES.has(w));
}

function sameWords(a: string[], b: string[]): boolean {
  if (a.length === 0 || a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((w, i) => w === sb[i]);
}

function containsWords(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (!shorter.some((w) => w.length > 1)) return false;
  const pool = [...longer];
  for (const w of shorter) {
    const i = pool.indexOf(w);
    if (i < 0) return false;
    pool.splice(i, 1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The tab
