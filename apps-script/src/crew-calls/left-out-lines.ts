import type { LeftOut, LeftOutCode } from '../../../shared/api/index.js';
import type { ParsedAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';
import type { SheetProblem } from '../sheet/problems-tab.js';

/**
 * Nobody silently left out: the plan's `left_out` (edge API) with what only the sheet side
 * knows merged in (the person's cell, and whether that cell could not be read), in the words
 * of the Send/Preview summary and as rows of the Problems tab. Pure: data in, data out.
 */

/** One person not called, with their cell for that date where the month tab has one. */
export interface SheetLeftOut extends LeftOut {
  /** Month tab and A1 address of their cell for the date; '' when the tab has none. */
  tab: string;
  cell: string;
  /** The cell as typed ('' when blank or when there is no cell). */
  value: string;
}

/**
 * The plan's left-out list with the sheet's cells: a cell the reader could not read (a problem
 * at that address) turns the API's `no_mark` into `unreadable`, naming the cell and its text;
 * a person the tab has no header for is said to be missing from the tab.
 */
export function leftOutOnSheet(
  leftOut: LeftOut[],
  parsed: ParsedAvailabilityTab,
  date: string,
): SheetLeftOut[] {
  const cells = parsed.cells[date] ?? {};
  const problemCells = new Set(parsed.problems.map((p) => p.cell));
  const tab = parsed.sheetName;
  return leftOut.map((person) => {
    const at = cells[person.availability_key];
    if (!at) {
      const missing =
        person.code === 'no_mark' && parsed.missingKeys.includes(person.availability_key);
      return {
        ...person,
        ...(missing ? { words: `no header "${person.availability_key}" in the ${tab} tab` } : {}),
        tab: '',
        cell: '',
        value: '',
      };
    }
    const onSheet = { ...person, tab, cell: at.cell, value: at.value };
    if (person.code !== 'no_mark' || !problemCells.has(at.cell)) return onSheet;
    return {
      ...onSheet,
      code: 'unreadable' as const,
      words: `cell ${tab}!${at.cell} "${at.value}" unreadable`,
    };
  });
}

/** What the office should look at first: what it can fix in the sheet, then the rest. */
const CODE_ORDER: LeftOutCode[] = [
  'unreadable',
  'no_mark',
  'unsure',
  'part_day',
  'other_charter',
  'unavailable',
  'not_qualified',
  'inactive',
];

/**
 * One short line for a toast or dialog: `Not called (5): Teresa Okafor — no mark on Dec 5;
 * Priya Nair — cell December 2026!G6 "…" unreadable; Abdul Rahimi, Owen Pike — not available
 * on Dec 5`. People with the same words are grouped; an empty list says nothing.
 */
export function leftOutLine(leftOut: SheetLeftOut[]): string | undefined {
  if (leftOut.length === 0) return undefined;
  const groups = new Map<string, { code: LeftOutCode; names: string[] }>();
  for (const person of leftOut) {
    const group = groups.get(person.words) ?? { code: person.code, names: [] };
    group.names.push(person.name);
    groups.set(person.words, group);
  }
  const parts = [...groups]
    .sort(([, a], [, b]) => CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code))
    .map(([words, group]) => `${group.names.join(', ')} — ${words}`);
  return `Not called (${leftOut.length}): ${parts.join('; ')}`;
}

/** One Problems-tab row per person left out of this charter's call, at their cell where there is one. */
export function leftOutProblems(charterLabel: string, leftOut: SheetLeftOut[]): SheetProblem[] {
  return leftOut.map((person) => ({
    tab: person.tab,
    cell: person.cell,
    value: person.value,
    message: `${person.name} (${person.role}) not called for ${charterLabel}: ${person.words}`,
  }));
}
