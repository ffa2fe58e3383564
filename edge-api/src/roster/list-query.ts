import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import type { CrewFilter } from '../db/roster-reads.js';

/**
 * The roster list's filters from a well-formed query, read by hand: the office's most common
 * call starts without a schema library. It reads what `listQuerySchema` (query-schemas.ts)
 * accepts, the same way (the role trimmed, then lower-cased, then matched); for anything
 * else it answers undefined and the schema words the refusal.
 */
export function wellFormedListFilter(query: Record<string, string>): CrewFilter | undefined {
  const filter: CrewFilter = {};
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'role') {
      const role = raw.trim().toLowerCase();
      if (!ROLE_PATTERN.test(role)) return undefined;
      filter.role = role;
    } else if (key === 'active' && (raw === 'true' || raw === 'false')) {
      filter.active = raw === 'true';
    } else {
      return undefined;
    }
  }
  return filter;
}
