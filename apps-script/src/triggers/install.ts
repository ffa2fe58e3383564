type ClockBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

interface TriggerSpec {
  handler: string;
  /** How the office reads it in a summary. */
  when: string;
  schedule: (builder: ClockBuilder, timeZone: string) => ClockBuilder;
}

/** The time-driven triggers crewcall needs, by handler function. */
const TRIGGERS: TriggerSpec[] = [
  { handler: 'tick', when: 'every 5 minutes', schedule: (b) => b.everyMinutes(5) },
  {
    // The 1st, around 6 am on the sheet's clock: last month's report and statements.
    handler: 'monthlyReportTrigger',
    when: 'on the 1st of each month at 6 am',
    schedule: (b, timeZone) => b.onMonthDay(1).atHour(6).inTimezone(timeZone),
  },
];

/**
 * Installable triggers belong to the account that installs them: they run as
 * it, and no other account sees them (ScriptApp.getProjectTriggers() returns
 * the current user's only; https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
 * So who runs the timer is written down here, for everyone to see.
 */
export const TIMER_OWNER_KEY = 'CREWCALL_TIMER_OWNER';
/** Written by each timer run: an owner whose timer stopped (removed in the editor) can be taken over. */
export const TIMER_LAST_RUN_KEY = 'CREWCALL_TIMER_LAST_RUN';
/** Six missed timer runs: the recorded owner's timer is gone. */
const STALE_AFTER_MS = 30 * 60_000;

interface TimerOwner {
  email: string;
  installed_at: string;
}

export function timerOwner(): TimerOwner | null {
  const raw = PropertiesService.getScriptProperties().getProperty(TIMER_OWNER_KEY);
  return raw ? (JSON.parse(raw) as TimerOwner) : null;
}

/** The timer notes each run, so a timer removed by hand shows as stopped. */
export function noteTimerRun(): void {
  PropertiesService.getScriptProperties().setProperty(TIMER_LAST_RUN_KEY, new Date().toISOString());
}

/** Who is running this (empty when Google does not say, e.g. across domains). */
function currentUser(): string {
  return Session.getEffectiveUser().getEmail();
}

function whenText(iso: string): string {
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return Utilities.formatDate(new Date(iso), timeZone, 'MMM d, yyyy, h:mm a');
}

/** Another person's timer that still runs (recently installed or recently run), or null. */
function othersLiveTimer(me: string): TimerOwner | null {
  const owner = timerOwner();
  if (!owner || owner.email === me) return null;
  const lastRun = PropertiesService.getScriptProperties().getProperty(TIMER_LAST_RUN_KEY);
  const seen = Math.max(Date.parse(owner.installed_at), lastRun ? Date.parse(lastRun) : 0);
  return Date.now() - seen > STALE_AFTER_MS ? null : owner;
}

const who = (email: string) => email || 'another office user';

/** Installs missing triggers; installing twice creates no duplicates; a second person is told whose timer runs. */
export function installTriggers(): string {
  const me = currentUser();
  const other = othersLiveTimer(me);
  if (other) {
    return `The timer and the monthly report already run as ${who(other.email)} (installed ${whenText(other.installed_at)}). Only one person's timer may run. To take it over, ${who(other.email)} uses Crew › Remove triggers first; then install here.`;
  }
  const previous = timerOwner();
  const existing = new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const added: string[] = [];
  for (const t of TRIGGERS) {
    if (existing.has(t.handler)) continue;
    t.schedule(ScriptApp.newTrigger(t.handler).timeBased(), timeZone).create();
    existing.add(t.handler);
    added.push(`${t.handler} ${t.when}`);
  }
  if (added.length === 0 && previous?.email === me) {
    return 'The triggers were already installed; nothing changed.';
  }
  PropertiesService.getScriptProperties().setProperty(
    TIMER_OWNER_KEY,
    JSON.stringify({ email: me, installed_at: new Date().toISOString() } satisfies TimerOwner),
  );
  const takeover =
    previous && previous.email !== me
      ? ` ${who(previous.email)}'s timer has not run for over 30 minutes (removed in the editor?); yours takes over.`
      : '';
  return added.length > 0
    ? `Installed: ${added.join(', ')}. They run as ${who(me)}.${takeover}`
    : `The triggers were already installed as ${who(me)}; nothing changed.${takeover}`;
}

/** Removes this person's crewcall triggers, and says whose timer still runs if not theirs. */
export function removeTriggers(): string {
  const me = currentUser();
  const specs = new Map(TRIGGERS.map((t) => [t.handler, t]));
  const removed: string[] = [];
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const spec = specs.get(trigger.getHandlerFunction());
    if (!spec) continue;
    ScriptApp.deleteTrigger(trigger);
    removed.push(`${spec.handler} ${spec.when}`);
  }
  const owner = timerOwner();
  if (owner?.email === me) PropertiesService.getScriptProperties().deleteProperty(TIMER_OWNER_KEY);
  const stillRunning = owner && owner.email !== me ? owner : null;
  if (removed.length === 0) {
    return stillRunning
      ? `You have no crewcall triggers to remove. The timer and the monthly report still run as ${who(stillRunning.email)}; only ${who(stillRunning.email)} can remove them (Crew › Remove triggers).`
      : 'No crewcall triggers were installed.';
  }
  return stillRunning
    ? `Removed your triggers: ${removed.join(', ')}. The timer and the monthly report of ${who(stillRunning.email)} still run.`
    : `Removed your triggers: ${removed.join(', ')}. Crew calls no longer escalate by themselves, and the monthly report no longer runs on the 1st.`;
}
