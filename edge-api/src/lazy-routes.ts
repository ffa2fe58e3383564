import { type Context, Hono } from 'hono';
import type { AppEnv } from './app-env.js';
import { respondNotFound, respondToError } from './errors/respond.js';

type RouteGroup = Pick<Hono<AppEnv>, 'fetch'>;

/**
 * A group of routes loaded on its first request. The Lambda bundle is split
 * by these groups, so a cold start loads only the code its first request needs
 * (a crew page does not load the roster's phone metadata, and so on).
 */
export function lazyRoutes(load: () => Promise<RouteGroup>) {
  let loading: Promise<RouteGroup> | undefined;
  return async (c: Context<AppEnv>) => {
    loading ??= load().catch((error) => {
      loading = undefined;
      throw error;
    });
    const group = await loading;
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return group.fetch(c.req.raw, c.env);
    // Middleware before the group (signature checks) may have read the body; hand over Hono's cached copy.
    return group.fetch(new Request(c.req.raw, { body: await c.req.arrayBuffer() }), c.env);
  };
}

/** A Hono app for one group of routes, answering errors the same way as the rest. */
export function routeGroup(basePath: string, ...groups: Array<Hono<AppEnv>>): Hono<AppEnv> {
  const app = new Hono<AppEnv>().basePath(basePath);
  for (const group of groups) app.route('/', group);
  app.notFound(respondNotFound);
  app.onError(respondToError);
  return app;
}
