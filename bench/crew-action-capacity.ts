import type { RunningServer } from '../edge-api/src/adapter/node-server/serve.js';
import { serveApp } from '../edge-api/src/adapter/node-server/serve.js';
import { createApp } from '../edge-api/src/app.js';
import { localSigV4Auth } from '../edge-api/src/auth/local-sigv4/index.js';
import { callSettings } from '../edge-api/src/config/call-settings.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
  loadConfig,
} from '../edge-api/src/config/index.js';
import { createDb, type Db } from '../edge-api/src/db/client.js';
import { ensureTables } from '../edge-api/src/db/ensure-tables.js';
import {
  freePort,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../edge-api/src/local/dynamodb-local.js';
import { adminClient, seedDeckhands, startBenchCall } from './support/crew-seed.js';
import { type DbMeter, meterDb, sumCapacity } from './support/db-meter.js';

/**
 * `npm run bench -- --only capacity`: the read and write units DynamoDB reports
 * (ReturnConsumedCapacity) for each crew action through the real app, on calls
 * of 10 and 200 recipients. The goal: a page view, an accept and a decline cost
 * the same whatever the call's size, a page view at most 2 RCU, an accept one
 * transaction of a fixed number of items.
 */

const REGION = 'us-west-2';
const SIZES = [10, 200] as const;
/** Seats per call: the first accept leaves seats open, the last of them fills the call. */
const SEATS = 2;
const PAGE_VIEW_GOAL_RCU = 2;

interface Measured {
  ops: string;
  rcu: number;
  wcu: number;
  gsiWcu: number;
  /** Items of the largest transaction (TransactWriteItems). */
  txItems: number;
}

async function measured(meter: DbMeter, send: () => Promise<void>): Promise<Measured> {
  meter.reset();
  meter.capture = true;
  try {
    await send();
  } finally {
    meter.capture = false;
  }
  return {
    ops: meter.describeOps(),
    ...sumCapacity(meter.captured),
    txItems: Math.max(0, ...meter.transactionSizes),
  };
}

async function post(url: string, origin: string, body: string, expect: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  const location = res.headers.get('location') ?? '';
  if (!location.includes(`result=${expect}`)) {
    throw new Error(`bench capacity: POST ${body} answered ${res.status} ${location}`);
  }
}

export async function runCrewActionCapacity(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let dynamo: RunningDynamoDbLocal | undefined;
  let server: RunningServer | undefined;
  let db: Db | undefined;
  try {
    console.log('\nCrew action capacity: starting DynamoDB Local (in memory) and the edge API ...');
    dynamo = await startDynamoDbLocal();
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      AWS_REGION: REGION,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_PREFIX: 'bench-capacity-',
    });
    db = createDb(config);
    await tablesOnceListening(db);
    const meter = meterDb(db);
    const settings = callSettings(config);
    const app = createApp({
      db,
      adminAuth: localSigV4Auth({
        accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
        secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
        region: REGION,
      }),
      ...settings,
    });
    server = await serveApp(app, port);
    const origin = server.url;
    const admin = adminClient(server.url, REGION);
    const everyone = await seedDeckhands(admin, Math.max(...SIZES));
    const deps = { db, ...settings, now: () => new Date() };

    const rows: Array<[string, number, Measured]> = [];
    for (const [i, size] of SIZES.entries()) {
      const availability = Object.fromEntries(Object.entries(everyone).slice(0, size));
      const call = await startBenchCall(admin, deps, 900 + i, SEATS, availability);
      if (call.links.length !== size) {
        throw new Error(`bench capacity: a call to ${size} asked ${call.links.length}`);
      }
      const [first, second, third] = call.links as [string, string, string];
      rows.push([
        'page view (GET /m/:token)',
        size,
        await measured(meter, async () => {
          const res = await fetch(first);
          if (res.status !== 200) throw new Error(`bench capacity: GET answered ${res.status}`);
          await res.text();
        }),
      ]);
      rows.push([
        'accept, seats left (POST)',
        size,
        await measured(meter, () => post(first, origin, 'action=accept', 'confirmed')),
      ]);
      rows.push([
        'decline (POST)',
        size,
        await measured(meter, () => post(second, origin, 'action=decline&reason=', 'declined')),
      ]);
      rows.push([
        'accept, last seat (POST)',
        size,
        await measured(meter, () => post(third, origin, 'action=accept', 'confirmed')),
      ]);
      // The first accepter's calendar feed: one Query and one BatchGetItem, whatever the call's size.
      const { crew } = (await admin.send('POST', '/api/links/inspect', { link: first })) as {
        crew: { crew_id: string };
      };
      const feed = (await admin.send('POST', '/api/links/feed', { crew_id: crew.crew_id })) as {
        url: string;
      };
      rows.push([
        'calendar feed (GET /cal/:token.ics)',
        size,
        await measured(meter, async () => {
          const res = await fetch(feed.url);
          if (res.status !== 200) throw new Error(`bench capacity: feed answered ${res.status}`);
          await res.text();
        }),
      ]);
      rows.push([
        'timer run after the fill (GET /api/calls/due)',
        size,
        await measured(meter, async () => {
          await admin.send('GET', '/api/calls/due');
        }),
      ]);
    }
    console.log(
      `\n${SEATS} seats per call; units as DynamoDB Local reports them (ReturnConsumedCapacity=INDEXES):\n`,
    );
    console.log(capacityTable(rows));
    const views = rows.filter(([name]) => name.startsWith('page view'));
    const worst = Math.max(...views.map(([, , m]) => m.rcu));
    console.log(
      `\nGoal: a page view reads at most ${PAGE_VIEW_GOAL_RCU} RCU at every call size: ${worst <= PAGE_VIEW_GOAL_RCU ? 'PASS' : 'FAIL'} (worst ${worst} RCU).`,
    );
    for (const action of [
      'page view',
      'accept, seats left',
      'decline',
      'accept, last seat',
      'calendar feed',
    ]) {
      const [small, large] = rows.filter(([name]) => name.startsWith(action)).map(([, , m]) => m);
      const same = small && large && small.rcu === large.rcu && small.wcu === large.wcu;
      console.log(
        `Goal: ${action} costs the same for ${SIZES[0]} and ${SIZES[1]} recipients: ${same ? 'PASS' : 'FAIL'}.`,
      );
    }
    console.log(
      'The timer run grows with the call: it writes the withdrawals of a call that filled (and reads the calls it reports).',
    );
  } finally {
    await server?.close();
    db?.raw.destroy();
    await dynamo?.stop();
  }
}

/** DynamoDB Local's JVM may take a moment more than its start says on a busy machine. */
async function tablesOnceListening(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureTables(db.raw, db.tables);
      return;
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError' || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function capacityTable(rows: ReadonlyArray<readonly [string, number, Measured]>): string {
  const lines = [
    '| action | recipients | DynamoDB operations | items in its transaction | RCU | WCU | of which GSI WCU |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const [name, size, m] of rows) {
    lines.push(
      `| ${name} | ${size} | ${m.ops} | ${m.txItems || '–'} | ${m.rcu} | ${m.wcu} | ${m.gsiWcu} |`,
    );
  }
  return lines.join('\n');
}
