import { CURRENCY_CODES, CURRENCY_DIGITS, CURRENCY_PREFIXES } from './currency-table.js';

/** Money is always integer minor units (cents) with an ISO 4217 currency code. */
export interface Money {
  amount_cents: number;
  currency: string;
}

let tableCodes: Set<string> | undefined;

/**
 * Formats money for people, e.g. `$450.00`; pure so the sheet and the pages agree.
 * en-US comes from a table of what Intl writes (currency-table.ts): a cold start's
 * first Intl format costs ~15 ms. Another locale, or a code the table lacks, uses Intl.
 */
export function formatMoney(money: Money, locale = 'en-US'): string {
  if (!tableCodes) tableCodes = new Set(CURRENCY_CODES.split(' '));
  if (
    locale === 'en-US' &&
    tableCodes.has(money.currency) &&
    Number.isSafeInteger(money.amount_cents)
  ) {
    return formatEnUs(money.amount_cents, money.currency);
  }
  return intlFormat(money, locale);
}

/** en-US currency text: prefix, digits grouped by three, rounded half away from zero. */
function formatEnUs(cents: number, currency: string): string {
  const digits = CURRENCY_DIGITS[currency] ?? 2;
  const prefix = CURRENCY_PREFIXES[currency] ?? `${currency}\u00a0`;
  const size = Math.abs(cents);
  // Fewer than 2 digits: round the cents; more: the extra digits are zeros.
  const scale = digits < 2 ? 10 ** (2 - digits) : 1;
  const units = Math.floor((size + scale / 2) / scale);
  const per = 10 ** Math.min(digits, 2);
  const whole = String(Math.floor(units / per)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction =
    digits === 0
      ? ''
      : `.${String(units % per).padStart(Math.min(digits, 2), '0')}${'0'.repeat(Math.max(digits - 2, 0))}`;
  return `${cents < 0 ? '-' : ''}${prefix}${whole}${fraction}`;
}

const formats = new Map<string, Intl.NumberFormat>();

function intlFormat(money: Money, locale: string): string {
  const key = `${locale}|${money.currency}`;
  let format = formats.get(key);
  if (!format) {
    // Building an Intl formatter costs far more than using one; pages format money often.
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    formats.set(key, format);
  }
  return format.format(money.amount_cents / 100);
}

/** Intl.supportedValuesOf is ES2022; shared code is typed for Apps Script's ES2020. */
type IntlWithSupportedValues = typeof Intl & { supportedValuesOf(key: 'currency'): string[] };

let currencyCodes: Set<string> | undefined;

/** True for an ISO 4217 code the runtime knows (USD, EUR, ...); the list is built on first use. */
export function isCurrencyCode(code: string): boolean {
  currencyCodes ??= new Set((Intl as IntlWithSupportedValues).supportedValuesOf('currency'));
  return currencyCodes.has(code);
}
