/** Month names as the office reads them; the one list the sheet, the reports and the tab reader share. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 1..12 for a month word ("Dec", "december", "Sept"), by its first three letters; 0 when none. */
export function monthNumber(word: string): number {
  const prefix = word.slice(0, 3).toLowerCase();
  return MONTH_NAMES.findIndex((name) => name.slice(0, 3).toLowerCase() === prefix) + 1;
}
