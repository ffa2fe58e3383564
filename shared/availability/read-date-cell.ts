/**
 * Reading the date cells of a month tab: real Date cells (in the sheet's time
 * zone) and dates people type ("12/5", "Dec 5", "2026-12-05"), with the tab's
 * name supplying a missing month or year.
 */
import { monthNumber } from '../months/index.js';

export interface TabMonth {
  year?: number;
  month?: number;
}

const MONTH_WORD = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;

/** "December 2026", "Jan 2027", "2026-12", "Dec" → the tab's month and year where given. */
export function monthOfTab(name: string): TabMonth {
  const text = name.trim().toLowerCase();
  const iso = /\b(\d{4})[-/.](\d{1,2})\b/.exec(text);
  if (iso) {
    const month = Number(iso[2]);
    if (month >= 1 && month <= 12) return { year: Number(iso[1]), month };
  }
  const tab: TabMonth = {};
  const word = new RegExp(String.raw`\b${MONTH_WORD}(?![a-z])`).exec(text);
  if (word?.[1]) tab.month = monthNumber(word[1]);
  const year = /\b(\d{4})\b/.exec(text) ?? /'(\d{2})\b/.exec(text);
  if (year?.[1]) tab.year = year[1].length === 2 ? 2000 + Number(year[1]) : Number(year[1]);
  return tab;
}

export function dateFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  if (timeZone === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    return undefined;
  }
}

/** The calendar date of an instant in the formatter's time zone, YYYY-MM-DD. */
function localDate(when: Date, formatter: Intl.DateTimeFormat): string | undefined {
  if (Number.isNaN(when.getTime())) return undefined;
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(when)) parts[p.type] = p.value;
  if (!parts.year || !parts.month || !parts.day) return undefined;
  return `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}

/**
 * A date label: `{ date }`, `{ error }` when it looks like a date but cannot be one
 * (e.g. "Feb 30", or "Dec 5" in a tab whose name has no year), undefined when not date-like.
 */
export function readDateCell(
  value: unknown,
  formatter: Intl.DateTimeFormat,
  tab: TabMonth,
): { date: string } | { error: string } | undefined {
  if (value instanceof Date) {
    const date = localDate(value, formatter);
    return date ? { date } : { error: 'the date in it is invalid' };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;

  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = localDate(new Date(value.trim()), formatter);
    return date ? { date } : { error: `"${value.trim()}" is not a valid date` };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), value);

  m = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$`).exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3] ? fullYear(m[3]) : undefined;
    const fits = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
    // Month first (US), unless that cannot be, or the tab's month says day first.
    let [month, day] = [a, b];
    if (!fits(a, b) || (tab.month !== undefined && a !== tab.month && b === tab.month)) {
      if (fits(b, a)) [month, day] = [b, a];
    }
    return withYear(year, month, day, tab, value);
  }

  m = new RegExp(
    String.raw`^${WEEKDAY}${MONTH_WORD}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$`,
  ).exec(text);
  if (m?.[1]) {
    const year = m[3] ? Number(m[3]) : undefined;
    return withYear(year, monthNumber(m[1]), Number(m[2]), tab, value);
  }
  m = new RegExp(
    String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_WORD}(?:,?\s+(\d{4}))?$`,
  ).exec(text);
  if (m?.[2]) {
    const year = m[3] ? Number(m[3]) : undefined;
    return withYear(year, monthNumber(m[2]), Number(m[1]), tab, value);
  }
  return undefined;
}

const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

function withYear(
  year: number | undefined,
  month: number,
  day: number,
  tab: TabMonth,
  original: string,
): { date: string } | { error: string } {
  if (year !== undefined) return calendarDate(year, month, day, original);
  if (tab.year === undefined) {
    return { error: `"${original.trim()}" has no year and the tab name gives none` };
  }
  let best = tab.year;
  if (tab.month !== undefined) {
    const target = tab.year * 12 + tab.month;
    for (const y of [tab.year - 1, tab.year + 1]) {
      if (Math.abs(y * 12 + month - target) < Math.abs(best * 12 + month - target)) best = y;
    }
  }
  return calendarDate(best, month, day, original);
}

function calendarDate(
  year: number,
  month: number,
  day: number,
  original: string,
): { date: string } | { error: string } {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return { error: `"${original.trim()}" is not a valid date` };
  }
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Cells and addresses

/** 0-based row and column → A1 notation ("A1", "Z3", "AA3", "AN12"). */
