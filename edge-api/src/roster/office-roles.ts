import type { Db } from '../db/client.js';
import { invalidInput } from '../errors/index.js';
import { officeRoles } from '../settings/office-settings.js';

/**
 * Roles come from the office's list (a setting, default captain, mate, deckhand): a typo such
 * as `deckhnad` is refused with the list, before anything is written. A change that sets no
 * role needs no check, so people whose role predates the list can still be edited.
 */
export async function refuseRoleOffTheList(db: Db, role: string | undefined): Promise<void> {
  if (role === undefined) return;
  const roles = await officeRoles(db);
  if (!roles.includes(role)) {
    throw invalidInput([
      { field: 'role', message: `"${role}" is not one of the office's roles: ${roles.join(', ')}` },
    ]);
  }
}
