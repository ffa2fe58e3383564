import type { Money } from '../money/index.js';

/** A crew member as the roster API returns it. */
export interface CrewMember {
  crew_id: string;
  name: string;
  /** E.164, e.g. +13105550101 */
  phone: string;
  /** Lower-cased, trimmed. */
  email: string;
  /** captain, mate, deckhand, skipper, ... (lower case) */
  role: string;
  /** 1 is called first. */
  cascade_level: number;
  /** The column header that names this person in the availability sheet. */
  availability_key: string;
  day_rate: Money;
  active: boolean;
  created_at: string;
  updated_at: string;
  /** Bumped on every change; guards concurrent edits. */
  version: number;
}

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
