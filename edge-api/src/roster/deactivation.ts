import type { CrewMember } from '../../../shared/crew/index.js';
import { UserError } from '../errors/index.js';
import type { WithdrawDeps } from './withdraw-links.js';

/**
 * After a deactivation is stored: the person's portal link and calendar feed stop, so a
 * departed crew member is not fed the office's charters. Two writes after the roster's own,
 * not one transaction (they live in another table and each is guarded by its own pointer):
 * they are idempotent instead, and a failure says so, so the office deactivates again to
 * finish (a repeat deactivation re-runs them).
 */
export async function withdrawLinksOfDeactivated(
  deps: WithdrawDeps,
  member: CrewMember,
): Promise<void> {
  if (member.active) return;
  const { withdrawPersonalLinks } = await import('./withdraw-links.js');
  try {
    await withdrawPersonalLinks(deps, member.crew_id);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      503,
      'links_not_withdrawn',
      `${member.name} (${member.crew_id}) is deactivated, but their portal link and calendar feed could not be stopped yet (the database did not answer); deactivate them again to finish`,
    );
  }
}
