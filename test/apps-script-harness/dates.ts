// Time-zone arithmetic and Java SimpleDateFormat patterns (what Utilities.formatDate takes),
// done with Intl so that any IANA zone works the way Apps Script's Java runtime treats it.
import { HarnessError } from './runtime.js';

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_LONG = [
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
];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java falls back to GMT for a zone id it does not know; so does Utilities.formatDate. */
export function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(validZone(timeZone)).formatToParts(date)) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: date.getTime() - Math.floor(date.getTime() / 1000) * 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Offset of `timeZone` from UTC at `date`, in milliseconds (east positive). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - date.getTime();
}

/** The instant at which the wall clock in `timeZone` reads the given time. */
export function zonedToDate(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  const second2 = guess - zoneOffsetMs(new Date(first), timeZone);
  return new Date(second2);
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function offsetText(ms: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  const minutes = Math.round(ms / 60000);
  if (style !== 'Z' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hh = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const mm = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X1') return `${sign}${hh}`;
  if (style === 'X3') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

function zoneName(date: Date, timeZone: string, long: boolean): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: long ? 'long' : 'short' });
  return f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Utilities.formatDate: a Java SimpleDateFormat pattern, in `timeZone`. */
export function formatDatePattern(date: Date, timeZone: string, pattern: string): string {
  const tz = validZone(timeZone);
  const p = zonedParts(date, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new HarnessError(`Unterminated quote in date pattern: ${pattern}`);
      out += pattern.slice(i + 1, end).replaceAll("''", "'");
      i = end + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern.charAt(i + n) === ch) n += 1;
    i += n;
    out += field(ch, n, p, date, tz, pattern);
  }
  return out;
}

function field(ch: string, n: number, p: ZonedParts, date: Date, tz: string, pattern: string) {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  switch (ch) {
    case 'y':
    case 'Y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L':
      if (n >= 4) return MONTHS_LONG[p.month - 1] ?? '';
      if (n === 3) return (MONTHS_LONG[p.month - 1] ?? '').slice(0, 3);
      return pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'D': {
      const start = Date.UTC(p.year, 0, 1);
      const day = Math.round((Date.UTC(p.year, p.month - 1, p.day) - start) / 86_400_000) + 1;
      return pad(day, n);
    }
    case 'E':
      return n >= 4 ? (DAYS_LONG[p.weekday] ?? '') : (WEEKDAYS[p.weekday] ?? '');
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(hour12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
    case 'z':
      return zoneName(date, tz, n >= 4);
    case 'Z':
      return offsetText(zoneOffsetMs(date, tz), 'Z');
    case 'X':
      return offsetText(zoneOffsetMs(date, tz), n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
    default:
      throw new HarnessError(
        `Date pattern letter '${ch}' (in "${pattern}") is not supported by the harness`,
      );
  }
}

/**
 * A Sheets number format for dates ('yyyy-mm-dd hh:mm', 'M/d/yyyy', 'ddd mmm d') as a
 * SimpleDateFormat pattern. 'm' means minutes after an hour or before seconds, else month.
 */
export function sheetsDateFormatToPattern(format: string): string {
  const tokens = format.match(/"[^"]*"|\\.|am\/pm|a\/p|[a-zA-Z]+|[^a-zA-Z"\\]+/gi) ?? [];
  const hasAmPm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  const out: string[] = [];
  tokens.forEach((token, index) => {
    const t = token.toLowerCase();
    if (token.startsWith('"')) out.push(`'${token.slice(1, -1).replaceAll("'", "''")}'`);
    else if (token.startsWith('\\')) out.push(token.slice(1));
    else if (t === 'am/pm' || t === 'a/p') out.push('a');
    else if (/^y+$/.test(t)) out.push(t.length <= 2 ? 'yy' : 'yyyy');
    else if (/^d+$/.test(t)) out.push(t.length >= 4 ? 'EEEE' : t.length === 3 ? 'EEE' : t);
    else if (/^h+$/.test(t)) out.push(hasAmPm ? t : t.toUpperCase());
    else if (/^s+$/.test(t)) out.push(t);
    else if (/^m+$/.test(t)) {
      const prev = tokens
        .slice(0, index)
        .reverse()
        .find((x) => /^[a-z]/i.test(x));
      const next = tokens.slice(index + 1).find((x) => /^[a-z]/i.test(x));
      const minutes = /^h/i.test(prev ?? '') || /^s/i.test(next ?? '');
      if (minutes) out.push(t.length >= 2 ? 'mm' : 'm');
      else out.push(t.length >= 4 ? 'MMMM' : t.length === 3 ? 'MMM' : t.toUpperCase());
    } else if (/^[a-z]+$/i.test(token)) out.push(`'${token}'`);
    else out.push(token.replaceAll("'", "''"));
  });
  return out.join('');
}
