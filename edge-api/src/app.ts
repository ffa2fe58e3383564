import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { createAdminApp } from './admin-app.js';
import type { AppEnv } from './app-env.js';
import type { CallDeps } from './crew-calls/call-deps.js';
import { respondNotFound, respondToError } from './errors/respond.js';
import { healthRoutes } from './health/routes.js';
import { lazyRoutes, routeGroup } from './lazy-routes.js';

export interface AppDeps extends Omit<CallDeps, 'now'> {
  /** Verifies who is calling /api/* (local SigV4 verifier, or Lambda's IAM context). */
  adminAuth: MiddlewareHandler<AppEnv>;
  defaultPhoneCountry: string;
  now?: () => Date;
}

/** The edge API: the same app behind API Gateway (Lambda) and under `npm start`. */
export function createApp(deps: AppDeps) {
  const callDeps = { ...deps, now: deps.now ?? (() => new Date()) };
  const app = new Hono<AppEnv>();

  // No page of ours is meant to be framed. Crew pages set their own headers (a CSP, and a
  // same-origin referrer policy their form posts need): these would overwrite them.
  const appHeaders = secureHeaders({ xFrameOptions: 'DENY' });
  app.use('*', (c, next) => (c.req.path.startsWith('/m/') ? next() : appHeaders(c, next)));
  app.route('/', healthRoutes(deps.db));

  const crewPages = lazyRoutes(async () =>
    routeGroup('/', (await import('./crew-pages/routes.js')).crewPageRoutes(callDeps)),
  );
  app.all('/m/*', crewPages);
  app.get('/assets/*', crewPages);
  app.get('/favicon.ico', crewPages);

  // Its own group: the feed's calendar library stays out of a crew page's cold start.
  app.get(
    '/cal/*',
    lazyRoutes(async () =>
      routeGroup('/', (await import('./calendar-feed/routes.js')).calendarFeedRoutes(callDeps)),
    ),
  );

  app.route('/', createAdminApp(callDeps));

  app.notFound(respondNotFound);
  app.onError(respondToError);
  return app;
}
