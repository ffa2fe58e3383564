/** Money is always integer minor units (cents) with an ISO 4217 currency code. */
export interface Money {
  amount_cents: number;
  currency: string;
}

/** Formats money for people, e.g. `$450.00`; pure so the sheet and the pages agree. */
export function formatMoney(money: Money, locale = 'en-US'): string {
  const key = `${locale}|${money.currency}`;
  let format = formats.get(key);
  if (!format) {
    // Building an Intl formatter costs far more than using one; pages format money often.
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    formats.set(key, format);
  }
  return format.format(money.amount_cents / 100);
}

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.supportedValuesOf is ES2022; shared code is typed for Apps Script's ES2020. */
type IntlWithSupportedValues = typeof Intl & { supportedValuesOf(key: 'currency'): string[] };

let currencyCodes: Set<string> | undefined;

/** True for an ISO 4217 code the runtime knows (USD, EUR, ...); the list is built on first use. */
export function isCurrencyCode(code: string): boolean {
  currencyCodes ??= new Set((Intl as IntlWithSupportedValues).supportedValuesOf('currency'));
  return currencyCodes.has(code);
}
