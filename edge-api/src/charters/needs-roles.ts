import type { Db } from '../db/client.js';
import { invalidInput } from '../errors/index.js';
import { officeRoles } from '../settings/office-settings.js';

/**
 * A charter's seats must be of roles the office has (its settings list): a seat for
 * `deckhnad`, or for a role the office dropped, could never be filled, and the call would
 * quietly go unanswered. Refused before anything is written, naming `needs.<role>` and the
 * list. Charters already stored with an old role are left alone: reading and cancelling
 * them never comes here, only a new version of the charter does.
 */
export async function refuseNeedsOffTheList(db: Db, needs: Record<string, number>): Promise<void> {
  const asked = Object.keys(needs);
  if (asked.length === 0) return;
  const roles = await officeRoles(db);
  const off = asked.filter((role) => !roles.includes(role));
  if (off.length > 0) {
    throw invalidInput(
      off.map((role) => ({
        field: `needs.${role}`,
        message: `"${role}" is not one of the office's roles: ${roles.join(', ')}`,
      })),
    );
  }
}
