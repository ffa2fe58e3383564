/** The time-driven triggers crewcall needs, by handler function. */
const TRIGGERS = [{ handler: 'tick', everyMinutes: 5 }] as const;

/** Installs missing triggers; installing twice creates no duplicates. */
export function installTriggers(): string {
  const existing = new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
  const added: string[] = [];
  for (const t of TRIGGERS) {
    if (existing.has(t.handler)) continue;
    ScriptApp.newTrigger(t.handler).timeBased().everyMinutes(t.everyMinutes).create();
    added.push(`${t.handler} every ${t.everyMinutes} minutes`);
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
    ? `Removed ${removed} trigger(s). Crew calls no longer escalate by themselves.`
    : 'No crewcall triggers were installed.';
}
