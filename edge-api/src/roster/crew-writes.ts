import type { CrewAddBody, CrewFound, CrewMember } from '../../../shared/api/index.js';
import { findCrewByContact } from '../db/roster-reads.js';
import { invalidInput, UserError } from '../errors/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import { newCrewId } from './crew-id.js';
import { crewCreateSchema, crewPatchSchema } from './crew-input.js';
import { createCrewMember, deactivateCrewMember, updateCrewMember } from './crew-records.js';
import { withdrawLinksOfDeactivated } from './deactivation.js';
import { readContact } from './find-contact.js';
import { refuseRoleOffTheList } from './office-roles.js';
import { findContactOrThrow } from './query-schemas.js';
import type { RosterDeps } from './routes.js';

// The roster's writes and its contact search, loaded on the first one (routes.ts): they
// bring classic zod and the phone-number metadata, which reading the roster does without.

/**
 * Takes `confirm_similar_name` off a create body (it is about the request, not a
 * crew field), so the crew schema checks the rest as before.
 */
function splitConfirm(body: unknown): { fields: unknown; confirmSimilarName: boolean } {
  if (body === null || typeof body !== 'object' || !('confirm_similar_name' in body))
    return { fields: body, confirmSimilarName: false };
  const { confirm_similar_name: confirm, ...fields } = body as CrewAddBody;
  if (typeof confirm !== 'boolean')
    throw invalidInput([{ field: 'confirm_similar_name', message: 'must be true or false' }]);
  return { fields, confirmSimilarName: confirm };
}

export function crewWrites(deps: RosterDeps) {
  const { db, defaultPhoneCountry, now } = deps;
  const create = crewCreateSchema(defaultPhoneCountry);
  const patch = crewPatchSchema(defaultPhoneCountry);
  return {
    async add(text: string): Promise<CrewMember> {
      const { fields, confirmSimilarName } = splitConfirm(readJson(text));
      const input = parseOrThrow(create, fields);
      await refuseRoleOffTheList(db, input);
      return createCrewMember(db, input, newCrewId(), now(), { confirmSimilarName });
    },

    async find(query: Record<string, string>): Promise<CrewFound> {
      const wanted = readContact(findContactOrThrow(query), defaultPhoneCountry);
      if ('problem' in wanted) throw invalidInput([{ field: 'contact', message: wanted.problem }]);
      const crew = await findCrewByContact(db, wanted);
      if (!crew) {
        const what = 'email' in wanted ? `the email ${wanted.email}` : `the phone ${wanted.phone}`;
        throw new UserError(404, 'not_found', `nobody on the roster has ${what}`);
      }
      return { crew, matched_by: 'email' in wanted ? 'email' : 'phone' };
    },

    async change(crewId: string, text: string): Promise<CrewMember> {
      const change = parseOrThrow(patch, readJson(text));
      await refuseRoleOffTheList(db, change);
      const member = await updateCrewMember(db, crewId, change, now());
      // Only a request that deactivates (again) stops links: other edits of an inactive member don't.
      if (change.active === false) await withdrawLinksOfDeactivated(deps, member);
      return member;
    },

    async deactivate(crewId: string): Promise<CrewMember> {
      const member = await deactivateCrewMember(db, crewId, now());
      await withdrawLinksOfDeactivated(deps, member);
      return member;
    },
  };
}
