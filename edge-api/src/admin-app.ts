import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { oneValuePerQueryKey } from './auth/signed-query.js';
import type { CallDeps } from './crew-calls/call-deps.js';
import { respondNotFound, respondToError } from './errors/respond.js';
import { lazyRoutes, routeGroup } from './lazy-routes.js';
import { idempotency } from './middleware/idempotency/index.js';

export interface AdminDeps extends CallDeps {
  /** Verifies who is calling (local SigV4 verifier, or Lambda's IAM context). */
  adminAuth: MiddlewareHandler<AppEnv>;
  defaultPhoneCountry: string;
}

/** The admin API under /api: signed callers only, idempotent writes; route groups load on first use. */
export function createAdminApp(deps: AdminDeps) {
  const app = new Hono<AppEnv>().basePath('/api');
  app.use('*', deps.adminAuth, oneValuePerQueryKey, idempotency(deps.db, deps.now));

  // The office's two most frequent calls, answered here with their handlers loaded on first
  // use: a cold start they begin loads only their code, and routes them once (no route
  // group's own app). Registered first, so they answer before their groups' catch-alls.
  app.get('/crew', async (c) => (await import('./roster/routes.js')).answerCrewList(c, deps.db));
  // The timer (every few minutes, usually with nothing to send): not the other crew-call
  // routes, nor the charter routes (luxon, classic zod).
  app.get('/calls/due', async (c) => (await import('./crew-calls/routes.js')).answerDue(c, deps));

  const roster = lazyRoutes(async () => {
    const { rosterRoutes } = await import('./roster/routes.js');
    return routeGroup(
      '/api',
      rosterRoutes({
        db: deps.db,
        defaultPhoneCountry: deps.defaultPhoneCountry,
        linkKeys: deps.linkKeys,
        now: deps.now,
      }),
    );
  });
  app.all('/crew', roster);
  app.all('/crew/*', roster);

  const dispatch = lazyRoutes(async () => {
    const [{ charterRoutes }, { crewCallRoutes }] = await Promise.all([
      import('./charters/routes.js'),
      import('./crew-calls/routes.js'),
    ]);
    return routeGroup('/api', charterRoutes(deps), crewCallRoutes(deps));
  });
  app.all('/charters', dispatch);
  app.all('/charters/*', dispatch);
  app.all('/links/*', dispatch);
  app.all('/calls/*', dispatch);
  app.all('/changes', dispatch);

  const availability = lazyRoutes(async () => {
    const { availabilityRoutes } = await import('./crew-calls/availability-routes.js');
    return routeGroup('/api', availabilityRoutes(deps));
  });
  app.all('/availability/*', availability);

  const settings = lazyRoutes(async () => {
    const { settingsRoutes } = await import('./settings/routes.js');
    return routeGroup('/api', settingsRoutes(deps));
  });
  app.all('/settings', settings);

  const reports = lazyRoutes(async () => {
    const { reportRoutes } = await import('./reports/routes.js');
    return routeGroup('/api', reportRoutes(deps));
  });
  app.all('/reports/*', reports);

  app.notFound(respondNotFound);
  app.onError(respondToError);
  return app;
}
