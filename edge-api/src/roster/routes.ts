import { type Context, Hono } from 'hono';
import type { CrewMember, RosterAnswer } from '../../../shared/api/index.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { Db } from '../db/client.js';
import { getCrewMember, listCrew } from '../db/roster-reads.js';
import { checkId } from '../errors/ids.js';
import { notFound } from '../errors/index.js';
import type { SigningKey } from '../magic-links/link-token.js';
import type { crewWrites } from './crew-writes.js';
import { wellFormedListFilter } from './list-query.js';

export interface RosterDeps {
  db: Db;
  defaultPhoneCountry: string;
  /** To stop a deactivated member's portal link (its record is keyed by the link's id). */
  linkKeys: readonly SigningKey[];
  now: () => Date;
}

/**
 * GET /crew, the office's most common call (answered by the admin app itself, this module
 * loaded on first use): the roster in cascade-level-then-name order, filtered by role and
 * active. A well-formed query is read by hand; zod loads only to word a refusal.
 */
export async function answerCrewList(c: Context<AppEnv>, db: Db): Promise<Response> {
  const query = signedQuery(c);
  const filter =
    wellFormedListFilter(query) ?? (await import('./query-schemas.js')).listFilterOrThrow(query);
  const crew = await listCrew(db, filter);
  return c.json({ crew } satisfies RosterAnswer);
}

/** Admin routes for the crew roster, mounted under /api (GET /crew: the admin app, answerCrewList). */
export function rosterRoutes(deps: RosterDeps) {
  const { db } = deps;
  // Reading the roster (the office's most common call) loads only the reads: the writes
  // and the contact search, with classic zod and the phone-number metadata, on first use.
  let writes: Promise<ReturnType<typeof crewWrites>> | undefined;
  const loadWrites = () => {
    writes ??= import('./crew-writes.js').then((m) => m.crewWrites(deps));
    return writes;
  };
  const crewIdParam = (raw: string) => checkId('crew', 'crewId', raw);

  return new Hono<AppEnv>()
    .post('/crew', async (c) => {
      const text = await c.req.text();
      const member = await (await loadWrites()).add(text);
      c.header('location', `/api/crew/${member.crew_id}`);
      return c.json(member satisfies CrewMember, 201);
    })
    .get('/crew/find', async (c) => {
      const query = signedQuery(c);
      return c.json(await (await loadWrites()).find(query));
    })
    .get('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      const member = await getCrewMember(db, crewId);
      if (!member) throw notFound(`crew member ${crewId}`);
      return c.json(member satisfies CrewMember);
    })
    .patch('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      const text = await c.req.text();
      return c.json((await (await loadWrites()).change(crewId, text)) satisfies CrewMember);
    })
    .delete('/crew/:crewId', async (c) => {
      const crewId = crewIdParam(c.req.param('crewId'));
      return c.json((await (await loadWrites()).deactivate(crewId)) satisfies CrewMember);
    });
}
