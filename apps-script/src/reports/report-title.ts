import { MONTH_NAMES } from '../../../shared/months/index.js';
import { monthLabel } from './report-month.js';

/**
 * How far the reported month has got on the office's calendar: over (the
 * usual report on the 1st), running (a report run during the month: its
 * figures are the month so far) or ahead (a month not yet begun).
 */
export type MonthState = { kind: 'over' } | { kind: 'running'; today: string } | { kind: 'ahead' };

/** `month` is YYYY-MM; `today` is YYYY-MM-DD in the office's time zone. */
export function monthState(month: string, today: string): MonthState {
  const current = today.slice(0, 7);
  if (month < current) return { kind: 'over' };
  if (month === current) return { kind: 'running', today };
  return { kind: 'ahead' };
}

/** "2026-12-02" → "2 Dec". */
function dayText(ymd: string): string {
  const [, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return `${d} ${(MONTH_NAMES[m - 1] ?? '').slice(0, 3)}`;
}

/** The month as the report names it: "December 2026", "December 2026 (to date, 2 Dec)". */
export function reportTitle(month: string, state: MonthState): string {
  const label = monthLabel(month);
  if (state.kind === 'running') return `${label} (to date, ${dayText(state.today)})`;
  if (state.kind === 'ahead') return `${label} (not started yet)`;
  return label;
}

/** The sentence that says the figures are not the whole month; null once the month is over. */
export function reportNote(month: string, state: MonthState): string | null {
  const label = monthLabel(month);
  if (state.kind === 'running') {
    return `${label} is not over yet: these are the figures on ${dayText(state.today)}. Charters later in the month count as booked and may still change; the report on the 1st has the whole month.`;
  }
  if (state.kind === 'ahead') {
    return `${label} has not started yet: these are the charters booked so far, and they may still change.`;
  }
  return null;
}
