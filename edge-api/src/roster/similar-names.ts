import { foldName } from '../../../shared/availability/match-header.js';

/**
 * When a new crew member's name is close enough to one on the roster that the
 * office should confirm it is a different person ("Abdul Rahimi" twice, or
 * "Capt. Abdul 'Abe' Rahimi", or "Abdul Rahimy"). A warning, never a refusal:
 * two people may share a name.
 *
 * The rule: after folding (case, accents, punctuation; quoted or bracketed
 * nicknames and leading titles dropped; "Last, First" turned round), the names
 * are alike when their first words match and their last words match, each
 * either exactly or, for words of four or more letters, within one typo (one
 * letter added, dropped, changed, or two swapped). Middle names may be missing
 * on one side, but when both have them each of the fewer must match one of the
 * others (an initial matches its name). Words with digits must match exactly,
 * so "Deckhand 01" and "Deckhand 02" are different people.
 */
export function isSimilarName(a: string, b: string): boolean {
  const x = personWords(a);
  const y = personWords(b);
  if (x.length === 0 || y.length === 0) return false;
  return (
    alike(x[0] ?? '', y[0] ?? '') &&
    alike(x.at(-1) ?? '', y.at(-1) ?? '') &&
    middlesAgree(x.slice(1, -1), y.slice(1, -1))
  );
}

function middlesAgree(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const [fewer, more] = a.length <= b.length ? [a, b] : [b, a];
  return fewer.every((w) => more.some((v) => alike(w, v) || initialOf(w, v) || initialOf(v, w)));
}

const initialOf = (initial: string, word: string) => initial.length === 1 && word[0] === initial;

/** Words that only say what someone is, not who: dropped from the front of a name. */
const TITLES = new Set(['capt', 'captain', 'cpt', 'skipper', 'mr', 'mrs', 'ms', 'mx', 'dr']);

function personWords(name: string): string[] {
  const withoutNicknames = name.replace(/(["“”«»]).*?["“”«»]|\(.*?\)|\[.*?\]|\s'[^']+'\s/gu, ' ');
  const [last, ...rest] = withoutNicknames.split(',');
  const ordered = rest.length === 1 ? `${rest[0]} ${last}` : withoutNicknames;
  const words = foldName(ordered).split(' ').filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0] ?? '')) words.shift();
  return words;
}

function alike(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b) || a.length < 4 || b.length < 4) return false;
  return withinOneTypo(a, b);
}

/** Damerau-Levenshtein distance of at most 1, without building the matrix. */
function withinOneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.slice(i) === longer.slice(i + 1);
}
