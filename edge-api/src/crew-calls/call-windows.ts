/**
 * How long each cascade level of a crew call has to answer before the next
 * level is called. The window depends on the lead time (how far away the
 * departure is when the level is called): a week out, crew get half a day;
 * the day before, half an hour. Pure: no clock, no I/O.
 */

/** From this lead time (hours before departure) on, a level gets this many minutes. */
export interface WindowStep {
  lead_hours_at_least: number;
  window_minutes: number;
}

/** Any order; the step used is the one with the largest `lead_hours_at_least` <= lead time. */
export type WindowPolicy = WindowStep[];

export const DEFAULT_WINDOW_POLICY: WindowPolicy = [
  { lead_hours_at_least: 168, window_minutes: 720 }, // a week or more out: 12 h per level
  { lead_hours_at_least: 72, window_minutes: 360 },
  { lead_hours_at_least: 24, window_minutes: 120 },
  { lead_hours_at_least: 0, window_minutes: 30 }, // the day before: 30 min
];

const MS_PER_HOUR = 3_600_000;

/**
 * The window (minutes) of a level called at `opensAt` for a charter departing
 * at `departsAt`. Lead time is real elapsed time, so DST nights count right.
 * A lead time below every step (e.g. the departure has passed) gets the
 * window of the smallest step.
 */
export function windowMinutesFor(policy: WindowPolicy, opensAt: Date, departsAt: Date): number {
  if (policy.length === 0) throw new Error('call window policy has no steps');
  const leadHours = (departsAt.getTime() - opensAt.getTime()) / MS_PER_HOUR;
  if (Number.isNaN(leadHours))
    throw new Error('call window: opensAt and departsAt must be valid dates');
  let smallest: WindowStep | undefined;
  let chosen: WindowStep | undefined;
  for (const step of policy) {
    if (!smallest || step.lead_hours_at_least < smallest.lead_hours_at_least) smallest = step;
    if (
      step.lead_hours_at_least <= leadHours &&
      (!chosen || step.lead_hours_at_least > chosen.lead_hours_at_least)
    ) {
      chosen = step;
    }
  }
  return (chosen ?? (smallest as WindowStep)).window_minutes;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(d|h|m)$/i;
const MINUTES_PER_UNIT: Record<string, number> = { d: 1440, h: 60, m: 1 };
const EXAMPLE = '168h=12h,72h=6h,24h=2h,0h=30m';

/** "12h" → 720, "30m" → 30, "7d" → 10080; undefined when not a duration. */
function parseMinutes(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  return Number(amount) * (MINUTES_PER_UNIT[(unit as string).toLowerCase()] as number);
}

/**
 * Reads a window policy from configuration text such as
 * `168h=12h,72h=6h,24h=2h,0h=30m` (lead time = window; units d, h, m).
 * Steps come back sorted by lead time, largest first. Throws an Error naming
 * the bad part; the policy must have a `0h` step so every call has a window.
 */
export function parseWindowPolicy(text: string): WindowPolicy {
  function fail(why: string): never {
    throw new Error(`call window policy "${text}": ${why} (expected e.g. ${EXAMPLE})`);
  }
  if (text.trim() === '') fail('is empty');
  const steps: WindowPolicy = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') fail('has an empty step (two commas in a row, or a trailing comma)');
    const pieces = part.split('=');
    if (pieces.length !== 2) fail(`"${part}" is not LEAD=WINDOW such as 24h=2h`);
    const [leadText, windowText] = pieces as [string, string];
    const leadMinutes = parseMinutes(leadText);
    if (leadMinutes === undefined) {
      fail(`in "${part}", the lead time "${leadText.trim()}" is not a duration such as 72h`);
    }
    const windowMinutes = parseMinutes(windowText);
    if (windowMinutes === undefined) {
      fail(`in "${part}", the window "${windowText.trim()}" is not a duration such as 30m`);
    }
    if (windowMinutes === 0) fail(`in "${part}", the window must be longer than 0`);
    if (!Number.isInteger(windowMinutes)) {
      fail(`in "${part}", the window must be a whole number of minutes`);
    }
    const leadHours = leadMinutes / 60;
    if (steps.some((s) => s.lead_hours_at_least === leadHours)) {
      fail(`"${part}" repeats the lead time ${leadText.trim()}`);
    }
    steps.push({ lead_hours_at_least: leadHours, window_minutes: windowMinutes });
  }
  if (!steps.some((s) => s.lead_hours_at_least === 0)) {
    fail('has no 0h step; add one (e.g. 0h=30m) for calls sent shortly before departure');
  }
  return steps.sort((a, b) => b.lead_hours_at_least - a.lead_hours_at_least);
}

/** "720" minutes → "12h", "30" → "30m", "10080" → "168h": the policy's own units, shortest exact. */
function durationText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** A policy as configuration text, largest lead first: parseWindowPolicy(formatWindowPolicy(p)) is p. */
export function formatWindowPolicy(policy: WindowPolicy): string {
  return [...policy]
    .sort((a, b) => b.lead_hours_at_least - a.lead_hours_at_least)
    .map((s) => `${durationText(s.lead_hours_at_least * 60)}=${durationText(s.window_minutes)}`)
    .join(',');
}
