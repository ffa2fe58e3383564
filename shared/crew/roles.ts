import { ROLE_PATTERN } from './index.js';

/** The roles an office has before it names its own. */
export const DEFAULT_ROLES = ['captain', 'mate', 'deckhand'];

const MAX_ROLES = 30;

/**
 * The role rule, the same in the sidebar and the edge API: one or more roles, each lower-case
 * words (`first mate`), none twice. Typed case is forgiven as on the roster (`Mate` is `mate`),
 * so `Mate, mate` is a repeat. One message for the whole list, naming every bad entry.
 */
export function checkRoles(roles: readonly string[]): { roles: string[] } | { problem: string } {
  const clean = roles.map((r) => r.trim().toLowerCase().replace(/\s+/g, ' '));
  if (clean.length === 0) return { problem: 'must name at least one role, e.g. captain' };
  if (clean.length > MAX_ROLES) return { problem: `may name at most ${MAX_ROLES} roles` };
  const problems: string[] = [];
  clean.forEach((role, i) => {
    if (role === '') problems.push(`role ${i + 1} is empty`);
    else if (!ROLE_PATTERN.test(role))
      problems.push(`"${roles[i]?.trim()}" is not a role: use lower-case words such as deckhand`);
  });
  const repeated = [...new Set(clean.filter((r, i) => r !== '' && clean.indexOf(r) !== i))];
  for (const role of repeated) problems.push(`"${role}" is there more than once`);
  return problems.length > 0 ? { problem: problems.join('; ') } : { roles: clean };
}
