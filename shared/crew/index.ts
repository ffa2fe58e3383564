import type { CrewMember } from '../api/roster.js';

export type { CrewMember };

/** Roster order: cascade level, then name (case- and accent-insensitive), then id. */
export function compareRosterOrder(a: CrewMember, b: CrewMember): number {
  return (
    a.cascade_level - b.cascade_level ||
    nameSortKey(a.name).localeCompare(nameSortKey(b.name)) ||
    a.crew_id.localeCompare(b.crew_id)
  );
}

/** A name folded for sorting: lower case, accents removed, spaces collapsed. */
export function nameSortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
