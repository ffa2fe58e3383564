import type { CallSummary, RoleSummary } from '../api/crew-calls.js';

export type { CallSummary, RoleSummary };

/** The sheet's Status and Crew cells for a call, in words. Pure. */
export function describeCall(summary: CallSummary): { status: string; crew: string } {
  const crew = summary.roles
    .flatMap((r) => r.confirmed.map((c) => `${c.name} (${r.role})`))
    .join(', ');
  if (summary.status === 'cancelled') return { status: 'cancelled', crew };
  const open = summary.roles.filter((r) => r.filled < r.needed);
  if (open.length === 0) return { status: 'filled', crew };
  const seats = open.map((r) => `${r.role} ${r.needed - r.filled}`).join(', ');
  const standby = summary.roles.reduce((n, r) => n + r.standby.length, 0);
  if (summary.short_handed) {
    return { status: `short: ${seats}${standby > 0 ? `; ${standby} on standby` : ''}`, crew };
  }
  const where =
    summary.current_level === null
      ? 'nobody called yet'
      : summary.next_level === null && summary.roles.every((r) => r.pending.length === 0)
        ? `everyone asked (level ${summary.current_level} was the last)`
        : `calling level ${summary.current_level}`;
  return {
    status: `${where}; open: ${seats}${standby > 0 ? `; ${standby} on standby` : ''}`,
    crew,
  };
}
