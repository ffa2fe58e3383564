import { Hono } from 'hono';
// zod/mini for the GET routes' query checks: the roster's most common call (GET /api/crew)
// starts without classic zod, which only the crew write schemas (loaded on first write) need.
import * as z from 'zod/mini';
import type {
  CrewAddBody,
  CrewFound,
  CrewMember,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { Db } from '../db/client.js';
import { findCrewByContact, getCrewMember, listCrew } from '../db/roster-table.js';
import { checkId } from '../errors/ids.js';
import { invalidInput, notFound, UserError } from '../errors/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import type { SigningKey } from '../magic-links/link-token.js';
import { newCrewId } from './crew-id.js';
import type { crewCreateSchema, crewPatchSchema } from './crew-input.js';
import { createCrewMember, deactivateCrewMember, updateCrewMember } from './crew-records.js';
import { withdrawLinksOfDeactivated } from './deactivation.js';
import type { readContact } from './find-contact.js';
import { refuseRoleOffTheList } from './office-roles.js';

export interface RosterDeps {
  db: Db;
  defaultPhoneCountry: string;
  /** To stop a deactivated member's portal link (its record is keyed by the link's id). */
  linkKeys: readonly SigningKey[];
  now: () => Date;
}

const listQuerySchema = z.strictObject({
  role: z.optional(
    z
      .string()
      .check(z.trim(), z.toLowerCase(), z.regex(ROLE_PATTERN, 'must be a role such as captain')),
  ),
  active: z.optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
});

const findQuerySchema = z.strictObject({
  contact: z
    .string({ error: 'is required: a phone number or an email address' })
    .check(z.trim(), z.minLength(1, 'must be a phone number or an email address')),
});

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

/** Admin routes for the crew roster, mounted under /api. */
export function rosterRoutes(deps: RosterDeps) {
  const { db, defaultPhoneCountry, now } = deps;
  // The crew schemas carry the phone-number metadata: loaded on the first write, so
  // reading the roster (the office's most common call) starts without it.
  const schemas = lazySchemas(defaultPhoneCountry);
  const crewIdParam = (raw: string) => checkId('crew', 'crewId', raw);

  return new Hono<AppEnv>()
    .post('/crew', async (c) => {
      const { fields, confirmSimilarName } = splitConfirm(readJson(await c.req.text()));
      const input = parseOrThrow((await schemas()).create, fields);
      await refuseRoleOffTheList(db, input);
      const member = await createCrewMember(db, input, newCrewId(), now(), { confirmSimilarName });
      c.header('location', `/api/crew/${member.crew_id}`);
      return c.json(member satisfies CrewMember, 201);
    })
    .get('/crew', async (c) => {
      const query = parseOrThrow(listQuerySchema, signedQuery(c));
      const crew = await listCrew(db, {
        ...(query.role ? { role: query.role } : {}),
        ...(query.active ? { active: query.active === 'true' } : {}),
      });
      return c.json({ crew } satisfies RosterAnswer);
    })
    .get('/crew/find', async (c) => {
      const { contact } = parseOrThrow(findQuerySchema, signedQuery(c));
      const wanted = (await schemas()).readContact(contact, defaultPhoneCountry);
      if ('problem' in wanted) throw invalidInput([{ field: 'contact', message: wanted.problem }]);
      const crew = await findCrewByContact(db, wanted);
      if (!crew) {
        const what = 'email' in wanted ? `the email ${wanted.email}` : `the phone ${wanted.phone}`;
        throw new UserError(404, 'not_found', `nobody on the roster has ${what}`);
      }
      const found: CrewFound = { crew, matched_by: 'email' in wanted ? 'email' : 'phone' };
      return c.json(found);
    })
    .get('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      const member = await getCrewMember(db, crewId);
      if (!member) throw notFound(`crew member ${crewId}`);
      return c.json(member satisfies CrewMember);
    })
    .patch('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      const change = parseOrThrow((await schemas()).patch, readJson(await c.req.text()));
      await refuseRoleOffTheList(db, change);
      const member = await updateCrewMember(db, crewId, change, now());
      // Only a request that deactivates (again) stops links: other edits of an inactive member don't.
      if (change.active === false) await withdrawLinksOfDeactivated(deps, member);
      return c.json(member satisfies CrewMember);
    })
    .delete('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      const member = await deactivateCrewMember(db, crewId, now());
      await withdrawLinksOfDeactivated(deps, member);
      return c.json(member satisfies CrewMember);
    });
}

function lazySchemas(defaultPhoneCountry: string) {
  let loaded: Promise<{
    create: ReturnType<typeof crewCreateSchema>;
    patch: ReturnType<typeof crewPatchSchema>;
    readContact: typeof readContact;
  }>;
  return () => {
    loaded ??= Promise.all([import('./crew-input.js'), import('./find-contact.js')]).then(
      ([m, f]) => ({
        create: m.crewCreateSchema(defaultPhoneCountry),
        patch: m.crewPatchSchema(defaultPhoneCountry),
        readContact: f.readContact,
      }),
    );
    return loaded;
  };
}
