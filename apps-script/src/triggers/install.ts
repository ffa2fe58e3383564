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

/** Installs missing triggers; installing twice creates no duplicates. */
export function installTriggers(): string {
  const existing = new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const added: string[] = [];
  for (const t of TRIGGERS) {
    if (existing.has(t.handler)) continue;
    t.schedule(ScriptApp.newTrigger(t.handler).timeBased(), timeZone).create();
    existing.add(t.handler);
    added.push(`${t.handler} ${t.when}`);
  }
  return added.length > 0
    ? `Installed: ${added.join(', ')}.`
    : 'The triggers were already installed; nothing changed.';
}

export function removeTriggers(): string {
  const ours = new Set<string>(TRIGGERS.map((t) => t.handler));
  let removed = 0;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (!ours.has(trigger.getHandlerFunction())) continue;
    ScriptApp.deleteTrigger(trigger);
    removed++;
  }
  return removed > 0
    ? `Removed ${removed} trigger(s). Crew calls no longer escalate by themselves, and the monthly report no longer runs on the 1st.`
    : 'No crewcall triggers were installed.';
}
