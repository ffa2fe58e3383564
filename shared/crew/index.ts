import type { CrewMember } from '../api/roster.js';

export type { CrewMember };

/** The roles most boats crew, in the order lists show them; a roster may use others. */
export const COMMON_ROLES = ['captain', 'skipper', 'mate', 'deckhand'] as const;

/** What a role may look like: one lower-case word or a few ("first mate"). */
export const ROLE_PATTERN = /^[a-z][a-z -]{0,29}$/;

/** Roster order: cascade level, then name (case- and accent-insensitive), then id. */
export function compareRosterOrder(
  a: Pick<CrewMember, 'cascade_level' | 'name' | 'crew_id'>,
  b: Pick<CrewMember, 'cascade_level' | 'name' | 'crew_id'>,
): number {
  return (
    a.cascade_level - b.cascade_level ||
    nameSortKey(a.name).localeCompare(nameSortKey(b.name)) ||
    (a.crew_id < b.crew_id ? -1 : a.crew_id > b.crew_id ? 1 : 0)
  );
}

/** A name folded for sorting: lower case, accents removed, spaces collapsed. */
export function nameSortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What crew are called by on pages and in emails: the first word of their name. */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] || trimmed;
}
