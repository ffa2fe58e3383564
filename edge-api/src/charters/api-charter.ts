import type { ApiCharter } from '../../../shared/api/charters.js';
import type { StoredCharter } from '../db/dispatch-table/index.js';

/**
 * A stored charter as the admin API answers it. The zone periods are the crew page's own
 * copy of the zone's rules (so it needs no Intl); the sheet and the CLI have no use for them.
 */
export function apiCharter(charter: StoredCharter): ApiCharter {
  const { zone_periods: _periods, ...answer } = charter;
  return answer;
}
