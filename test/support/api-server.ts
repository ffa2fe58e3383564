import { serveApp } from '../../edge-api/src/adapter/node-server/serve.js';
import { createApp } from '../../edge-api/src/app.js';
import { localSigV4Auth } from '../../edge-api/src/auth/local-sigv4/index.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import type { Db } from '../../edge-api/src/db/client.js';
import { freshDb, TEST_REGION } from './dynamodb.js';

export interface TestApi {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** The edge API on a free loopback port, over fresh tables, with the local SigV4 verifier. */
export async function startTestApi(options: { now?: () => Date } = {}): Promise<TestApi> {
  const db = await freshDb();
  const app = createApp({
    db,
    adminAuth: localSigV4Auth({
      accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
      secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
      region: TEST_REGION,
      ...(options.now ? { now: options.now } : {}),
    }),
    defaultPhoneCountry: 'US',
    ...(options.now ? { now: options.now } : {}),
  });
  const server = await serveApp(app, 0);
  return {
    url: server.url,
    db,
    close: async () => {
      await server.close();
      db.raw.destroy();
    },
  };
}
