import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBody } from '../../../shared/api/errors.js';
import { isDynamoDbUnavailable } from '../db/unavailable.js';
import { UserError } from './index.js';
import { redactSecrets } from './redact.js';

/** Seconds a client is asked to wait when DynamoDB is away ("try again in a minute"). */
export const RETRY_AFTER_SECONDS = 60;

/** The one way an error becomes an answer: UserError as JSON, DynamoDB away as 503, anything else logged and hidden. */
export function respondToError(error: Error, c: Context): Response {
  if (error instanceof UserError) return c.json(error.toJSON(), error.status);
  if (error instanceof HTTPException) return error.getResponse();
  if (isDynamoDbUnavailable(error)) {
    logError(c, error, 'warn');
    c.header('retry-after', String(RETRY_AFTER_SECONDS));
    const readOnly = c.req.method === 'GET' || c.req.method === 'HEAD';
    return c.json(
      {
        error: 'database_unavailable',
        message: readOnly
          ? `the database did not answer; nothing was changed. Try again in ${RETRY_AFTER_SECONDS} seconds`
          : `the database did not answer, so this change may or may not have been made. Retry it with the same Idempotency-Key in ${RETRY_AFTER_SECONDS} seconds`,
      },
      503,
    );
  }
  logError(c, error, 'error');
  return c.json(
    {
      error: 'internal',
      message: 'something went wrong on our side; it was logged',
    } satisfies ErrorBody,
    500,
  );
}

/** One JSON line per failure, with every magic-link token and link id taken out. */
export function logError(
  // Only what the line shows: a Hono Context, or a crew page answered without one.
  c: { req: { method: string; path: string } },
  error: Error,
  level: 'warn' | 'error',
): void {
  const line = JSON.stringify({
    level,
    method: c.req.method,
    path: c.req.path,
    name: error.name,
    message: error.message,
    stack: error.stack,
  });
  console.error(redactSecrets(line));
}

export function respondNotFound(c: Context): Response {
  return c.json(
    {
      error: 'not_found',
      message: `there is no ${c.req.method} ${new URL(c.req.url).pathname}`,
    } satisfies ErrorBody,
    404,
  );
}
