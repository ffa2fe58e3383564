// Months as the office types and reads them: 2026-12 and "December 2026".
import { MONTH_NAMES } from '../../../shared/months/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The month before the one `now` falls in, on the calendar of `timeZone` (YYYY-MM). */
export function previousMonth(now: Date, timeZone: string): string {
  const [year, month] = Utilities.formatDate(now, timeZone, 'yyyy-MM').split('-').map(Number) as [
    number,
    number,
  ];
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

/**
 * What the office typed, as YYYY-MM: "2026-12", "2026/12", "12/2026", "12-2026",
 * "Dec 2026" or "December 2026". Null when it is not a month.
 */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  let year: number | undefined;
  let month: number | undefined;
  const iso = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  const us = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  const named = /^([A-Za-z]{3,})\.?\s+(\d{4})$/.exec(t);
  if (iso) [year, month] = [Number(iso[1]), Number(iso[2])];
  else if (us) [year, month] = [Number(us[2]), Number(us[1])];
  else if (named) {
    const word = (named[1] as string).toLowerCase();
    const index = MONTH_NAMES.findIndex(
      (name) => name.toLowerCase() === word || name.slice(0, 3).toLowerCase() === word,
    );
    if (index >= 0) [year, month] = [Number(named[2]), index + 1];
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) return null;
  return `${year}-${pad(month)}`;
}

/** "2026-12" → "December 2026". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}
