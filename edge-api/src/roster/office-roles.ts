import type { Db } from '../db/client.js';
import { invalidInput } from '../errors/index.js';
import { officeRoles } from '../settings/office-settings.js';

/**
 * Roles come from the office's list (a setting, default captain, mate, deckhand): a typo such
 * as `deckhnad` is refused with the list, before anything is written, whether it is the
 * person's role or one of their extra qualifications. A change that sets no role needs no
 * check, so people whose role predates the list can still be edited.
 */
export async function refuseRoleOffTheList(
  db: Db,
  change: { role?: string | undefined; also_qualified?: Array<{ role: string }> | undefined },
): Promise<void> {
  const asked = [
    ...(change.role === undefined ? [] : [{ field: 'role', role: change.role }]),
    ...(change.also_qualified ?? []).map((q, i) => ({
      field: `also_qualified.${i}.role`,
      role: q.role,
    })),
  ];
  if (asked.length === 0) return;
  const roles = await officeRoles(db);
  const off = asked.filter((a) => !roles.includes(a.role));
  if (off.length > 0) {
    throw invalidInput(
      off.map((a) => ({
        field: a.field,
        message: `"${a.role}" is not one of the office's roles: ${roles.join(', ')}`,
      })),
    );
  }
}
