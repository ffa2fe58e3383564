import type { Money } from '../../../shared/money/index.js';

/**
 * How the report shows money, dates and times, in the sheet and in the emails.
 * Sheet number formats are Google Sheets patterns; dates are real date cells,
 * so Sheets shows them in the report spreadsheet's time zone (set to the
 * office sheet's).
 */

/** Plain text: set before the values, so a client named "=1+1" or "+1 555" stays words. */
export const TEXT = '@';
export const WHOLE = '0';
export const DATE = 'ddd d mmm yyyy';
export const DATE_TIME = 'yyyy-mm-dd hh:mm';

const SYMBOLS: Record<string, string> = { USD: '$' };

/** `"$"#,##0.00` for USD; other currencies with their code after the amount: `#,##0.00" EUR"`. */
export function currencyFormat(currency: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `"${symbol}"#,##0.00` : `#,##0.00" ${currency}"`;
}

/** Whole cents as the number a currency cell holds. */
export function amount(money: Money): number {
  return money.amount_cents / 100;
}

/** Money as text, the way the sheet shows it: $3,200.00, -$12.50, 900.00 EUR. */
export function moneyText(money: Money): string {
  const cents = Math.abs(money.amount_cents);
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = `${whole}.${String(cents % 100).padStart(2, '0')}`;
  const sign = money.amount_cents < 0 ? '-' : '';
  const symbol = SYMBOLS[money.currency];
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${digits} ${money.currency}`;
}

/** Several amounts (one per currency) as text: "$420.00 + 90.00 EUR". */
export function moneyListText(list: Money[]): string {
  return list.length === 0
    ? moneyText({ amount_cents: 0, currency: 'USD' })
    : list.map(moneyText).join(' + ');
}

/** Minutes east of UTC in `timeZone` at `at` (Utilities knows every zone; plain JS here may not). */
function offsetMinutes(at: Date, timeZone: string): number {
  const z = Utilities.formatDate(at, timeZone, 'Z'); // e.g. -0800
  const sign = z.startsWith('-') ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
}

/** The instant the clocks of `timeZone` read `date` (YYYY-MM-DD) at `time` (HH:mm). */
export function wallClock(date: string, timeZone: string, time = '00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  // Near a DST change the offset at the guess may differ from the offset at the answer.
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** "2026-12-31" → "Thu 31 Dec 2026" (a calendar date: no time zone involved). */
export function dateText(date: string): string {
  return Utilities.formatDate(wallClock(date, 'UTC'), 'UTC', 'EEE d MMM yyyy');
}
