import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../edge-api/src/config/index.js';
import { isRegionCode } from '../../../edge-api/src/config/region-codes.js';

const allPairs = () => {
  const pairs: string[] = [];
  for (let a = 65; a < 91; a++) for (let b = 65; b < 91; b++) pairs.push(String.fromCharCode(a, b));
  return pairs;
};

describe('DEFAULT_PHONE_COUNTRY region codes', () => {
  it('accepts exactly the two-letter regions the runtime names (Intl.DisplayNames)', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const named = allPairs().filter((code) => names.of(code) !== code);
    expect(allPairs().filter(isRegionCode)).toEqual(named);
  });

  it('takes a country the office may be in and refuses a made-up one, naming the variable', () => {
    for (const country of ['US', 'GB', 'AU', 'MX', 'BS']) {
      expect(loadConfig({ DEFAULT_PHONE_COUNTRY: country }).defaultPhoneCountry).toBe(country);
    }
    expect(() => loadConfig({ DEFAULT_PHONE_COUNTRY: 'QQ' })).toThrow(/DEFAULT_PHONE_COUNTRY/);
  });
});
