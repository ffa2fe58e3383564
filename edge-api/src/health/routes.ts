import { Hono } from 'hono';
import type { HealthAnswer } from '../../../shared/api/index.js';
import type { AppEnv } from '../app-env.js';
import type { Db } from '../db/client.js';
import { pingDynamoDb } from '../db/health.js';
import { logError } from '../errors/respond.js';

const TIMEOUT_MS = 2000;

/**
 * GET /healthz: 200 when DynamoDB answers, 503 when it does not (monitors read
 * the status code). The public body says only that; the cause goes to the log.
 */
export function healthRoutes(db: Db) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const started = performance.now();
    c.header('cache-control', 'no-store');
    try {
      await pingDynamoDb(db, AbortSignal.timeout(TIMEOUT_MS));
    } catch (error) {
      logError(c, error as Error, 'warn');
      return c.json({ status: 'unavailable', dynamodb: { ok: false } } satisfies HealthAnswer, 503);
    }
    const latency_ms = Math.round(performance.now() - started);
    return c.json({ status: 'ok', dynamodb: { ok: true, latency_ms } } satisfies HealthAnswer);
  });
}
