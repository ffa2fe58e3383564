import { randomUUID } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type RunningServer, serveApp } from '../../edge-api/src/adapter/node-server/serve.js';
import { createApp } from '../../edge-api/src/app.js';
import { localSigV4Auth } from '../../edge-api/src/auth/local-sigv4/index.js';
import { callSettings } from '../../edge-api/src/config/call-settings.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
  loadConfig,
} from '../../edge-api/src/config/index.js';
import { createDb, type Db } from '../../edge-api/src/db/client.js';
import { ensureTables } from '../../edge-api/src/db/ensure-tables.js';
import { freePort } from '../../edge-api/src/local/dynamodb-local.js';
import { seedDemoRoster } from '../../edge-api/src/local/seed-roster.js';
import {
  type FaultyDynamoDb,
  startFaultyDynamoDb,
} from '../../test/support/faults/dynamodb-instance.js';
import {
  type DynamoDbProxy,
  startDynamoDbProxy,
} from '../../test/support/faults/dynamodb-proxy.js';

const REGION = 'us-west-2';

/** What a client got: a status, or no answer at all within the time it waited. */
export interface Seen {
  status: number | 'no answer' | 'connection failed';
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
  json?: any;
  /** For crew form posts: the outcome the redirect names. */
  result?: string | null;
  text?: string;
}

/**
 * The edge API over real HTTP, on a DynamoDB Local of its own (killable, freezable,
 * restartable on its files) behind the fault proxy, on a clock the bench can move.
 */
export interface FaultStack {
  dynamo: FaultyDynamoDb;
  proxy: DynamoDbProxy;
  db: Db;
  linkKeys: ReturnType<typeof callSettings>['linkKeys'];
  /** Moves the app's clock forward (leases, windows); signatures keep the real clock. */
  advance(ms: number): void;
  admin(method: string, path: string, body?: unknown, key?: string): Promise<Seen>;
  crew(url: string, form?: Record<string, string>, waitMs?: number): Promise<Seen>;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  const dynamo = await startFaultyDynamoDb();
  const proxy = await startDynamoDbProxy(dynamo.endpoint);
  const db = createDb({
    homeRegion: REGION,
    dynamodbEndpoint: proxy.endpoint,
    tablePrefix: 'faults-',
  });
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  let server: RunningServer | undefined;
  try {
    await ensureTables(db.raw, db.tables);
    await seedDemoRoster(db, now());
    const port = await freePort();
    const settings = callSettings(loadConfig({ PORT: String(port), AWS_REGION: REGION }));
    const app = createApp({
      db,
      adminAuth: localSigV4Auth({
        accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
        secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
        region: REGION,
      }),
      ...settings,
      now,
    });
    server = await serveApp(app, port);
    const baseUrl = server.url;
    const signer = new SignatureV4({
      credentials: {
        accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
        secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
      },
      region: REGION,
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
    });
    const running = server;
    return {
      dynamo,
      proxy,
      db,
      linkKeys: settings.linkKeys,
      advance: (ms) => {
        offset += ms;
      },
      async admin(method, path, body, key) {
        const url = new URL(path, baseUrl);
        const text = body === undefined ? undefined : JSON.stringify(body);
        const headers: Record<string, string> = { host: url.host };
        if (text !== undefined) headers['content-type'] = 'application/json';
        if (method === 'POST') headers['idempotency-key'] = key ?? randomUUID();
        const signed = await signer.sign(
          new HttpRequest({
            method,
            protocol: url.protocol,
            hostname: url.host,
            path: url.pathname,
            headers,
            body: text,
          }),
        );
        const { host: _host, ...sendHeaders } = signed.headers as Record<string, string>;
        return seen(fetch(url, { method, headers: sendHeaders, body: text }), 20_000);
      },
      crew: (url, form, waitMs = 20_000) =>
        seen(
          fetch(url, {
            redirect: 'manual',
            ...(form
              ? {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    origin: new URL(url).origin,
                  },
                  body: new URLSearchParams(form).toString(),
                }
              : {}),
          }),
          waitMs,
        ),
      async close() {
        await running.close();
        db.raw.destroy();
        await proxy.close();
        await dynamo.close();
      },
    };
  } catch (error) {
    await server?.close();
    db.raw.destroy();
    await proxy.close();
    await dynamo.close();
    throw error;
  }
}

async function seen(request: Promise<Response>, waitMs: number): Promise<Seen> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), waitMs);
  });
  try {
    const res = await Promise.race([request, timeout]);
    if (res === 'timeout') return { status: 'no answer' };
    const text = await res.text();
    const location = res.headers.get('location');
    return {
      status: res.status,
      text,
      result: location ? new URL(location, 'http://x').searchParams.get('result') : null,
      ...(res.headers.get('content-type')?.startsWith('application/json')
        ? { json: JSON.parse(text) }
        : {}),
    };
  } catch {
    return { status: 'connection failed' };
  } finally {
    clearTimeout(timer);
  }
}
