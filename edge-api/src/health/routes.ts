import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Db } from '../db/client.js';

const TIMEOUT_MS = 2000;

/** GET /healthz: always 200 while the API runs, saying whether DynamoDB answers. */
export function healthRoutes(db: Db) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const started = performance.now();
    let dynamodb: { ok: true; latency_ms: number } | { ok: false; error: string };
    try {
      await db.doc.send(
        new GetCommand({
          TableName: db.tables['crew-roster'],
          Key: { pk: 'HEALTHCHECK', sk: 'HEALTHCHECK' },
        }),
        { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
      );
      dynamodb = { ok: true, latency_ms: Math.round(performance.now() - started) };
    } catch (error) {
      dynamodb = { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: dynamodb.ok ? 'ok' : 'degraded', dynamodb });
  });
}
