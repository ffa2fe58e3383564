import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES } from '../../../shared/money/currency-table.js';
import { formatMoney } from '../../../shared/money/index.js';

// formatMoney writes en-US money from a committed table (no Intl on a cold start);
// the table must say what this Node's Intl says, for every currency it knows.
// When ICU changes, this fails: run `node scripts/currency-table.mjs` and commit.
type IntlWithSupportedValues = typeof Intl & { supportedValuesOf(key: 'currency'): string[] };
const intlCodes = (Intl as IntlWithSupportedValues).supportedValuesOf('currency');

const AMOUNTS = [
  0, 1, 5, 49, 50, 51, 99, 100, 150, 250, 99_999, 123_450, 123_456, 100_000_000, 98_765_432_109, -1,
  -123_450,
];

describe('formatMoney', () => {
  it('has every currency Intl knows in its table, and no other', () => {
    expect(CURRENCY_CODES.split(' ')).toEqual(intlCodes);
  });

  it('writes every currency as Intl en-US does, for amounts from a cent to a million', () => {
    for (const currency of intlCodes) {
      const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      for (const amount_cents of AMOUNTS) {
        expect(formatMoney({ amount_cents, currency }), `${currency} ${amount_cents}`).toBe(
          intl.format(amount_cents / 100),
        );
      }
    }
  });

  it('reads as crew and the office are used to', () => {
    expect(formatMoney({ amount_cents: 30_000, currency: 'USD' })).toBe('$300.00');
    expect(formatMoney({ amount_cents: 123_450, currency: 'EUR' })).toBe('€1,234.50');
    expect(formatMoney({ amount_cents: 123_450, currency: 'JPY' })).toBe('¥1,235');
    expect(formatMoney({ amount_cents: 123_450, currency: 'BHD' })).toBe('BHD\u00a01,234.500');
  });

  it('uses Intl for another locale and for a code missing from the table', () => {
    expect(formatMoney({ amount_cents: 123_450, currency: 'EUR' }, 'de-DE')).toBe(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5),
    );
    expect(formatMoney({ amount_cents: 123_450, currency: 'XTS' })).toBe(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'XTS' }).format(1234.5),
    );
  });
});
