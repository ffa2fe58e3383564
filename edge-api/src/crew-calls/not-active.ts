import { UserError } from '../errors/index.js';

/** Deactivated crew get no new personal links: reactivate them first (deactivation stopped the old ones). */
export function notActive(member: { crew_id: string; name: string }, what: string): UserError {
  return new UserError(
    409,
    'inactive',
    `${member.name} (${member.crew_id}) is deactivated: reactivate them before issuing ${what}`,
  );
}
