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

/** Adds amounts of one currency exactly; refuses to mix currencies. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new Error(`cannot add ${a.currency} to ${b.currency}`);
  }
  return { amount_cents: a.amount_cents + b.amount_cents, currency: a.currency };
}
