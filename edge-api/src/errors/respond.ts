import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { UserError } from './index.js';

/** The one way an error becomes an answer: UserError as JSON, anything else logged and hidden. */
export function respondToError(error: Error, c: Context): Response {
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
}

export function respondNotFound(c: Context): Response {
  return c.json(
    { error: 'not_found', message: `there is no ${c.req.method} ${new URL(c.req.url).pathname}` },
    404,
  );
}
