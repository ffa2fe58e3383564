import type { Context } from 'hono';
import type { RosterAnswer } from '../../../shared/api/index.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { Db } from '../db/client.js';
import { listCrew } from '../db/roster-reads.js';
import { wellFormedListFilter } from './list-query.js';

/**
 * GET /crew, the office's most common call: the roster in cascade-level-then-name order,
 * filtered by role and active. A well-formed query is read by hand; zod loads only to word
 * a refusal (query-schemas.ts).
 */
export async function answerCrewList(c: Context<AppEnv>, db: Db): Promise<Response> {
  const query = signedQuery(c);
  const filter =
    wellFormedListFilter(query) ?? (await import('./query-schemas.js')).listFilterOrThrow(query);
  return c.json({ crew: await listCrew(db, filter) } satisfies RosterAnswer);
}
