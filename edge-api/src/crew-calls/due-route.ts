import { type Context, Hono } from 'hono';
import type { DueAnswer } from '../../../shared/api/index.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { CallDeps } from './call-deps.js';
import { wellFormedDueQuery } from './due-query.js';
import { listDue } from './due-work.js';

/**
 * GET /calls/due, the office timer's call (every few minutes, usually with nothing to send),
 * on its own: its cold start loads this, not the crew-call writes of routes.ts. It starts
 * without zod: a well-formed query is read by hand, and zod loads only to word a refusal.
 * The timer's modules import the dispatch table's item modules, not its index, so the write
 * paths' items stay out too.
 */
export async function answerDue(c: Context<AppEnv>, deps: CallDeps): Promise<Response> {
  const query = signedQuery(c);
  const q =
    wellFormedDueQuery(query, deps.now()) ??
    (await import('./due-query-schema.js')).dueQueryOrThrow(query, deps.now);
  return c.json((await listDue(deps, q.since, q.short_before_hours)) satisfies DueAnswer);
}

/** The due route as a group of its own, for the crew-call routes to include. */
export function dueRoute(deps: CallDeps) {
  return new Hono<AppEnv>().get('/calls/due', (c) => answerDue(c, deps));
}
