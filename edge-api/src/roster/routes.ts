import { Hono } from 'hono';
import * as z from 'zod';
import type { CrewMember, RosterAnswer } from '../../../shared/api/index.js';
import { ROLE_PATTERN } from '../../../shared/crew/index.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { Db } from '../db/client.js';
import { getCrewMember, listCrew } from '../db/roster-table.js';
import { checkId } from '../errors/ids.js';
import { notFound } from '../errors/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import { newCrewId } from './crew-id.js';
import type { crewCreateSchema, crewPatchSchema } from './crew-input.js';
import { createCrewMember, deactivateCrewMember, updateCrewMember } from './crew-records.js';
import { refuseRoleOffTheList } from './office-roles.js';

export interface RosterDeps {
  db: Db;
  defaultPhoneCountry: string;
  now: () => Date;
}

const listQuerySchema = z.strictObject({
  role: z
    .string()
    .trim()
    .toLowerCase()
    .regex(ROLE_PATTERN, 'must be a role such as captain')
    .optional(),
  active: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

/** Admin routes for the crew roster, mounted under /api. */
export function rosterRoutes({ db, defaultPhoneCountry, now }: RosterDeps) {
  // The crew schemas carry the phone-number metadata: loaded on the first write, so
  // reading the roster (the office's most common call) starts without it.
  const schemas = lazySchemas(defaultPhoneCountry);
  const crewIdParam = (raw: string) => checkId('crew', 'crewId', raw);

  return new Hono<AppEnv>()
    .post('/crew', async (c) => {
      const input = parseOrThrow((await schemas()).create, readJson(await c.req.text()));
      await refuseRoleOffTheList(db, input);
      const member = await createCrewMember(db, input, newCrewId(), now());
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
      return c.json((await updateCrewMember(db, crewId, change, now())) satisfies CrewMember);
    })
    .delete('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      return c.json((await deactivateCrewMember(db, crewId, now())) satisfies CrewMember);
    });
}

function lazySchemas(defaultPhoneCountry: string) {
  let loaded: Promise<{
    create: ReturnType<typeof crewCreateSchema>;
    patch: ReturnType<typeof crewPatchSchema>;
  }>;
  return () => {
    loaded ??= import('./crew-input.js').then((m) => ({
      create: m.crewCreateSchema(defaultPhoneCountry),
      patch: m.crewPatchSchema(defaultPhoneCountry),
    }));
    return loaded;
  };
}
