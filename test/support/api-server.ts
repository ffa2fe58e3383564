import { serveApp } from '../../edge-api/src/adapter/node-server/serve.js';
import { createApp } from '../../edge-api/src/app.js';
import { localSigV4Auth } from '../../edge-api/src/auth/local-sigv4/index.js';
import { callSettings } from '../../edge-api/src/config/call-settings.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
  loadConfig,
} from '../../edge-api/src/config/index.js';
import type { Db } from '../../edge-api/src/db/client.js';
import { freePort } from '../../edge-api/src/local/dynamodb-local.js';
import { freshDb, TEST_REGION } from './dynamodb.js';

export interface TestApi {
  url: string;
  db: Db;
  settings: ReturnType<typeof callSettings>;
  close(): Promise<void>;
}

/**
 * The edge API on a free loopback port, over fresh tables, with the local
 * SigV4 verifier and the same configuration loader as `npm start`.
 * `now` lets a test move the clock (windows, expiry); `env` overrides settings;
 * `dynamodbEndpoint` points it at a DynamoDB of the test's own (one it can hurt).
 */
export async function startTestApi(
  options: { now?: () => Date; env?: Record<string, string>; dynamodbEndpoint?: string } = {},
): Promise<TestApi> {
  const db = await freshDb(options.dynamodbEndpoint);
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    AWS_REGION: TEST_REGION,
    ...(options.env ?? {}),
  });
  const settings = callSettings(config);
  const app = createApp({
    db,
    adminAuth: localSigV4Auth({
      accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
      secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
      // Requests are signed with the real clock, whatever time the test gives the app.
      region: TEST_REGION,
    }),
    ...settings,
    ...(options.now ? { now: options.now } : {}),
  });
  const server = await serveApp(app, port);
  return {
    url: server.url,
    db,
    settings,
    close: async () => {
      await server.close();
      db.raw.destroy();
    },
  };
}
