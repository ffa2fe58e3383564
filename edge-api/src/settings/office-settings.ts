import type { OfficeSettingsAnswer, OfficeSettingsBody } from '../../../shared/api/settings.js';
import { DEFAULT_ROLES } from '../../../shared/crew/roles.js';
import {
  formatWindowPolicy,
  parseWindowPolicy,
  type WindowPolicy,
} from '../crew-calls/call-windows.js';
import type { Db } from '../db/client.js';
import { getOfficeSettings, putOfficeSettings } from '../db/dispatch-table/index.js';
import { listCrew } from '../db/roster-table.js';
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

/**
 * Saves the office's choice (already checked by the body schema). A role dropped from the
 * list while active crew still hold it is refused, naming them: the roster would otherwise
 * hold people whose role the office no longer has, and nothing is saved.
 */
export async function saveOfficeSettings(
  deps: SettingsDeps,
  change: OfficeSettingsBody,
): Promise<OfficeSettingsAnswer> {
  const stored = await getOfficeSettings(deps.db);
  if (change.roles) {
    const before = stored?.roles ?? DEFAULT_ROLES;
    const dropped = before.filter((r) => !change.roles?.includes(r));
    const holders = await Promise.all(
      dropped.map(async (role) => ({
        role,
        crew: await listCrew(deps.db, { role, active: true }),
      })),
    );
    const held = holders.filter((h) => h.crew.length > 0);
    if (held.length > 0) {
      const why = held
        .map((h) => `"${h.role}" is still the role of ${h.crew.map((c) => c.name).join(', ')}`)
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
  await putOfficeSettings(deps.db, next);
  return answerFor(deps, next);
}
