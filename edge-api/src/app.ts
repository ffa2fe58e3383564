import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';
import { charterRoutes } from './charters/routes.js';
import type { CallDeps } from './crew-calls/call-deps.js';
import { crewCallRoutes } from './crew-calls/routes.js';
import { crewPageRoutes } from './crew-pages/routes.js';
import { UserError } from './errors/index.js';
import { healthRoutes } from './health/routes.js';
import { idempotency } from './middleware/idempotency/index.js';
import { rosterRoutes } from './roster/routes.js';

export interface AppDeps extends Omit<CallDeps, 'now'> {
  /** Verifies who is calling /api/* (local SigV4 verifier, or Lambda's IAM context). */
  adminAuth: MiddlewareHandler<AppEnv>;
  defaultPhoneCountry: string;
  now?: () => Date;
}

/** The edge API: the same app behind API Gateway (Lambda) and under `npm start`. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const callDeps: CallDeps = { ...deps, now };
  const app = new Hono<AppEnv>();

  app.use('*', secureHeaders());
  app.route('/', healthRoutes(deps.db));
  app.route('/', crewPageRoutes(callDeps));

  app.use('/api/*', deps.adminAuth, idempotency(deps.db, now));
  app.route(
    '/api',
    rosterRoutes({ db: deps.db, defaultPhoneCountry: deps.defaultPhoneCountry, now }),
  );
  app.route('/api', charterRoutes(callDeps));
  app.route('/api', crewCallRoutes(callDeps));

  app.notFound((c) =>
    c.json(
      { error: 'not_found', message: `there is no ${c.req.method} ${new URL(c.req.url).pathname}` },
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof UserError) return c.json(error.toJSON(), error.status);
    if (error instanceof HTTPException) return error.getResponse();
    console.error(
      JSON.stringify({
        level: 'error',
        path: c.req.path,
        name: error.name,
        message: error.message,
        stack: error.stack,
      }),
    );
    return c.json(
      { error: 'internal', message: 'something went wrong on our side; it was logged' },
      500,
    );
  });
  return app;
}
