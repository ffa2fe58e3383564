import type { OfficeSettingsAnswer, OfficeSettingsBody } from '../../../shared/api/settings.js';
import { DEFAULT_ROLES } from '../../../shared/crew/roles.js';
import {
  formatWindowPolicy,
  parseWindowPolicy,
  type WindowPolicy,
} from '../crew-calls/call-windows.js';
import type { Db } from '../db/client.js';
import {
  getOfficeSettings,
  getOfficeSettingsItem,
  putOfficeSettings,
  type RoleGuard,
} from '../db/dispatch-table/index.js';
import { getCrewMember, listCrew } from '../db/roster-table.js';
import { UserError } from '../errors/index.js';

/** What the settings need: the table, and the environment's values to fall back on. */
export interface SettingsDeps {
  db: Db;
  /** CALL_WINDOW_POLICY (or its default), used until the office stores one. */
  windowPolicy: WindowPolicy;
  office: OfficeSettingsAnswer['office'];
  now: () => Date;
}

/** The office's roles: its stored list, or the defaults. */
export async function officeRoles(db: Db): Promise<string[]> {
  return (await getOfficeSettings(db))?.roles ?? DEFAULT_ROLES;
}

/**
 * The policy a new call is planned and opened with: the office's stored one, or the
 * environment's. Read once at the start of a call; the call keeps it from then on.
 */
export async function officeWindowPolicy(deps: Pick<SettingsDeps, 'db' | 'windowPolicy'>) {
  const stored = (await getOfficeSettings(deps.db))?.call_window_policy;
  return stored ? parseWindowPolicy(stored) : deps.windowPolicy;
}

export async function readOfficeSettings(deps: SettingsDeps): Promise<OfficeSettingsAnswer> {
  const stored = await getOfficeSettings(deps.db);
  return answerFor(deps, stored);
}

function answerFor(
  deps: SettingsDeps,
  stored: { roles?: string[]; call_window_policy?: string } | undefined,
): OfficeSettingsAnswer {
  return {
    roles: stored?.roles ?? DEFAULT_ROLES,
    call_window_policy: stored?.call_window_policy ?? formatWindowPolicy(deps.windowPolicy),
    stored: stored !== undefined,
    office: deps.office,
  };
}

/** How many times a save looks again after a crew write claimed a role meanwhile. */
const SAVE_RETRIES = 8;

/**
 * Saves the office's choice (already checked by the body schema). A role dropped from the
 * list while active crew still hold it is refused, naming them: the roster would otherwise
 * hold people whose role the office no longer has, and nothing is saved. The look and the
 * write are tied by the settings item's role guard (db/dispatch-table/office-settings.ts):
 * a crew member given the role at the same moment is either seen or refused.
 */
export async function saveOfficeSettings(
  deps: SettingsDeps,
  change: OfficeSettingsBody,
): Promise<OfficeSettingsAnswer> {
  for (let attempt = 0; ; attempt++) {
    const { settings: stored, guard } = await getOfficeSettingsItem(deps.db);
    if (change.roles) {
      const before = stored?.roles ?? DEFAULT_ROLES;
      const dropped = before.filter((r) => !change.roles?.includes(r));
      const held = await activeHolders(deps.db, dropped, guard);
      if (held.length > 0) {
        const why = held
          .map((h) => `"${h.role}" is still the role of ${h.names.join(', ')}`)
          .join('; ');
        const message = `${why}: change their role or deactivate them first`;
        throw new UserError(409, 'role_in_use', `roles: ${message}`, [{ field: 'roles', message }]);
      }
    }
    const next = {
      ...(stored?.roles ? { roles: stored.roles } : {}),
      ...(stored?.call_window_policy ? { call_window_policy: stored.call_window_policy } : {}),
      ...change,
      updated_at: deps.now().toISOString(),
    };
    if (await putOfficeSettings(deps.db, next, guard.role_writes)) return answerFor(deps, next);
    if (attempt >= SAVE_RETRIES)
      throw new UserError(503, 'busy', 'the roster is busy with another change; try again');
  }
}

/**
 * Active crew in each dropped role: the by-role index, and everyone the guard says was given
 * one of those roles, read from their own records (consistent reads; the index may lag).
 */
async function activeHolders(
  db: Db,
  dropped: string[],
  guard: RoleGuard,
): Promise<Array<{ role: string; names: string[] }>> {
  const held: Array<{ role: string; names: string[] }> = [];
  for (const role of dropped) {
    const byId = new Map((await listCrew(db, { role, active: true })).map((c) => [c.crew_id, c]));
    const claimed = [...guard.holders].filter(([id, r]) => r === role && !byId.has(id));
    for (const [id] of claimed) {
      const member = await getCrewMember(db, id);
      if (member?.active && member.role === role) byId.set(id, member);
    }
    const crew = [...byId.values()];
    if (crew.length > 0) held.push({ role, names: crew.map((c) => c.name) });
  }
  return held;
}
