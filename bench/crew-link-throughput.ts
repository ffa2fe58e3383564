import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
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
import { linkHash } from '../edge-api/src/magic-links/link-token.js';
import {
  adminClient,
  linkIdOf,
  type SeededCall,
  seedDeckhands,
  startBenchCall,
} from './support/crew-seed.js';
import { type DbMeter, meterDb, sumCapacity } from './support/db-meter.js';
import { httpLoad, inProcessLoad, throughputTable } from './support/load.js';
import { rawAccept, rawPageView } from './support/raw-crew-link.js';
import { alternate, capacityTable, diagnosticsTable, ratioTable } from './support/report.js';

/**
 * `npm run bench -- --only crew-links`: throughput of the crew's magic-link
 * pages against DynamoDB Local, next to the bare DynamoDB operations each
 * request needs, issued with the SDK at the same concurrency. Everything on
 * loopback; every loop is bounded by a request count and a time limit.
 * API and raw runs alternate in rounds so background load hits both alike.
 * Options (flag or env): --clients / BENCH_CLIENTS (50), --page-views /
 * BENCH_PAGE_VIEWS (3000), --accepts / BENCH_ACCEPTS (1000), --rounds /
 * BENCH_ROUNDS (5).
 */

const REGION = 'us-west-2';
const GOAL = 0.7;
/** Deckhands on the bench roster: every call asks all of them. */
const CREW = 60;
/** Seats per call (the charter maximum): more than ACCEPTS_PER_CALL, so accepts never fill a call. */
const SEATS = 50;
const ACCEPTS_PER_CALL = 40;
const MAX_SECONDS = 60;
const WARM_UP_VIEWS = 500;

function option(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  max: number,
) {
  const flag = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const envName = `BENCH_${name.replace(/-/g, '_').toUpperCase()}`;
  const raw =
    flag >= 0 ? (argv[flag]?.split('=')[1] ?? argv[flag + 1]) : (env[envName] ?? String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} / ${envName} must be a whole number from 1 to ${max}, not "${raw}"`);
  }
  return value;
}

/** Links taken round-robin across calls, so concurrent accepts spread over many seat counters. */
function interleave(calls: readonly SeededCall[], perCall: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < perCall; i++)
    for (const c of calls) if (c.links[i]) out.push(c.links[i] as string);
  return out;
}

const hashOf = (url: string) => linkHash(linkIdOf(url));

/** The i-th of n near-equal slices of a list. */
const slice = <T>(list: readonly T[], i: number, n: number) =>
  list.slice(Math.floor((i * list.length) / n), Math.floor(((i + 1) * list.length) / n));

/** One request with the meter asking DynamoDB for consumed capacity. */
async function capacityOf(meter: DbMeter, send: () => Promise<unknown>) {
  meter.reset();
  meter.capture = true;
  try {
    await send();
  } finally {
    meter.capture = false;
  }
  return { ops: meter.describeOps(), ...sumCapacity(meter.captured) };
}

export async function runCrewLinkThroughput(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const clients = option(argv, env, 'clients', 50, 500);
  const pageViews = option(argv, env, 'page-views', 3000, 1_000_000);
  const accepts = option(argv, env, 'accepts', 1000, 100_000);
  const rounds = option(argv, env, 'rounds', 5, 20);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const startLoad = loadavg()[0] ?? 0;

  let dynamo: RunningDynamoDbLocal | undefined;
  let server: RunningServer | undefined;
  const dbs: Db[] = [];
  try {
    console.log('\nCrew links: starting DynamoDB Local (in memory) and the edge API ...');
    dynamo = await startDynamoDbLocal();
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      AWS_REGION: REGION,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_PREFIX: 'bench-links-',
    });
    const appDb = createDb(config);
    dbs.push(appDb);
    await ensureTables(appDb.raw, appDb.tables);
    const appMeter = meterDb(appDb);
    const settings = callSettings(config);
    const app = createApp({
      db: appDb,
      adminAuth: localSigV4Auth({
        accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
        secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
        region: REGION,
      }),
      ...settings,
    });
    server = await serveApp(app, port);
    const origin = server.url;
    // The raw side gets its own client (own sockets, same settings) and its own meter.
    const rawDb = createDb(config);
    dbs.push(rawDb);
    const rawMeter = meterDb(rawDb);

    const seedStart = performance.now();
    const callsPerSide = Math.ceil(accepts / ACCEPTS_PER_CALL);
    const totalCalls = 2 * callsPerSide + 2;
    const admin = adminClient(server.url, REGION);
    const availability = await seedDeckhands(admin, CREW);
    const callDeps = { db: appDb, ...settings, now: () => new Date() };
    const calls: SeededCall[] = [];
    // Two at a time: starting one call already writes 3 items per recipient at once.
    for (let i = 0; i < totalCalls; i += 2) {
      const batch = Array.from({ length: Math.min(2, totalCalls - i) }, (_, j) => i + j + 1);
      calls.push(
        ...(await Promise.all(
          batch.map((n) => startBenchCall(admin, callDeps, n, SEATS, availability)),
        )),
      );
    }
    const [warmApiCall, warmRawCall, ...rest] = calls as [SeededCall, SeededCall, ...SeededCall[]];
    const apiCalls = rest.slice(0, callsPerSide);
    const rawCalls = rest.slice(callsPerSide);
    const seconds = ((performance.now() - seedStart) / 1000).toFixed(1);
    console.log(
      `Seeded ${CREW} fictional deckhands and ${calls.length} calls (${SEATS} seats, ${CREW} recipients each) in ${seconds} s; ${clients} clients, ${rounds} rounds per side.`,
    );

    // Page views are read-only: both sides read the same links, before any accept.
    const viewLinks = interleave(apiCalls, CREW);
    const viewHashes = viewLinks.map(hashOf);
    const bound = { clients, maxSeconds: MAX_SECONDS };
    const apiViews = (requests: number) =>
      httpLoad({ method: 'GET', urls: viewLinks, requests, ...bound, expectStatus: 200 });
    const rawViews = (requests: number) =>
      inProcessLoad(viewHashes, { requests, ...bound }, async (h) => {
        await rawPageView(rawDb, h);
      });
    await apiViews(WARM_UP_VIEWS);
    await rawViews(WARM_UP_VIEWS);
    const perRound = (round: number) =>
      Math.floor(((round + 1) * pageViews) / rounds) - Math.floor((round * pageViews) / rounds);
    const [apiGet, rawGet] = await alternate(
      rounds,
      clients,
      { operation: 'API GET /m/:token', meter: appMeter, run: (r) => apiViews(perRound(r)) },
      {
        operation: 'raw DynamoDB: page-view reads',
        meter: rawMeter,
        run: (r) => rawViews(perRound(r)),
      },
    );

    // Accepts: every link once, spread over disjoint calls per side (warm-up calls first).
    const apiAccepts = (urls: readonly string[]) =>
      httpLoad({
        method: 'POST',
        urls,
        requests: urls.length,
        ...bound,
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=accept',
        expectStatus: 303,
        expectLocation: 'result=confirmed',
      });
    const rawAccepts = (hashes: readonly string[]) =>
      inProcessLoad(hashes, { requests: hashes.length, ...bound }, (h) => rawAccept(rawDb, h));
    await apiAccepts(interleave([warmApiCall], ACCEPTS_PER_CALL));
    await rawAccepts(interleave([warmRawCall], ACCEPTS_PER_CALL).map(hashOf));
    const apiLinks = interleave(apiCalls, ACCEPTS_PER_CALL).slice(0, accepts);
    const rawHashes = interleave(rawCalls, ACCEPTS_PER_CALL).slice(0, accepts).map(hashOf);
    const [apiPost, rawPost] = await alternate(
      rounds,
      clients,
      {
        operation: 'API POST /m/:token (accept)',
        meter: appMeter,
        run: (r) => apiAccepts(slice(apiLinks, r, rounds)),
      },
      {
        operation: 'raw DynamoDB: accept reads + transaction',
        meter: rawMeter,
        run: (r) => rawAccepts(slice(rawHashes, r, rounds)),
      },
    );

    // Capacity: one page view and one accept through the real app, on a link nobody used.
    const fresh = apiCalls[0]?.links[CREW - 1] as string;
    const getCapacity = await capacityOf(appMeter, async () => {
      const res = await fetch(fresh);
      if (res.status !== 200) throw new Error(`bench: capacity GET answered ${res.status}`);
      await res.text();
    });
    const postCapacity = await capacityOf(appMeter, async () => {
      const res = await fetch(fresh, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=accept',
        redirect: 'manual',
      });
      const location = res.headers.get('location');
      if (!location?.includes('result=confirmed')) {
        throw new Error(`bench: capacity POST answered ${res.status} ${location}`);
      }
    });
    const rawFresh = hashOf(rawCalls[0]?.links[CREW - 1] as string);
    const rawGetCapacity = await capacityOf(rawMeter, () => rawPageView(rawDb, rawFresh));
    const rawPostCapacity = await capacityOf(rawMeter, () => rawAccept(rawDb, rawFresh));

    // Node, DynamoDB Local's JVM and the load client share these CPUs with whatever else runs.
    const load = `${availableParallelism()} CPUs, load average ${startLoad.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
    console.log(
      `\nNode ${process.version}, DynamoDB Local in memory, loopback HTTP/1.1 keep-alive; ${load}:\n`,
    );
    const all = [apiGet, rawGet, apiPost, rawPost];
    console.log(throughputTable(all.map((m) => m.row)));
    console.log(
      `\n${ratioTable(GOAL, [
        ['page view (GET /m/:token)', apiGet, rawGet],
        ['accept (POST /m/:token)', apiPost, rawPost],
      ])}`,
    );
    console.log(`\n${diagnosticsTable(all)}`);
    console.log(
      `\n${capacityTable([
        ['page view (GET, through the app)', getCapacity],
        ['accept (POST, through the app)', postCapacity],
        ['page view (raw SDK)', rawGetCapacity],
        ['accept (raw SDK)', rawPostCapacity],
      ])}`,
    );
    const unreported = getCapacity.unreported + postCapacity.unreported;
    console.log(
      unreported === 0
        ? '\nCapacity as DynamoDB Local reported it (ReturnConsumedCapacity=INDEXES, added by an SDK middleware on the clients): eventually consistent reads of the link and of one BatchGetItem (0.5 RCU per item under 4 KB), transactional writes (2 WCU per KB per item). Per call size: npm run bench -- --only capacity.'
        : `\n${unreported} operations through the app reported no consumed capacity.`,
    );
  } finally {
    await server?.close();
    for (const db of dbs) db.raw.destroy();
    await dynamo?.stop();
  }
}
