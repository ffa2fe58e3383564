/**
 * `--day-rate 450.10` → 45010 cents, exactly: the decimal text is split and
 * read as integers, never through a floating-point number.
 * Accepts an optional `$`, thousands commas (`1,250.50`) and up to two decimals.
 */
export function dollarsToCents(text: string): number | { problem: string } {
  const m = /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) {
    return {
      problem: `"${text}" is not an amount: write dollars such as 450 or 450.10 (at most two decimals)`,
    };
  }
  const whole = (m[1] as string).replace(/,/g, '');
  const fraction = (m[2] ?? '').padEnd(2, '0');
  if (whole.replace(/^0+/, '').length > 13) return { problem: `"${text}" is too large` };
  return Number(whole) * 100 + Number(fraction);
}
