import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, serveApp } from '../edge-api/src/adapter/node-server/serve.js';
import { createApp } from '../edge-api/src/app.js';
import { localSigV4Auth } from '../edge-api/src/auth/local-sigv4/index.js';
import { callSettings } from '../edge-api/src/config/call-settings.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
  loadConfig,
} from '../edge-api/src/config/index.js';
import { createDb, type Db } from '../edge-api/src/db/client.js';
import { CHANGE_SETTLE_MS } from '../edge-api/src/db/dispatch-table/changes.js';
import { ensureTables } from '../edge-api/src/db/ensure-tables.js';
import {
  freePort,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../edge-api/src/local/dynamodb-local.js';
import { seedDemoRoster } from '../edge-api/src/local/seed-roster.js';
import type { DueAnswer } from '../shared/api/crew-calls.js';
import {
  beforeAfterLines,
  describeSplitBundle,
  markdownTable,
  measure,
  type ProfileDirs,
  type Row,
  type Variant,
} from './cold-start.js';
import { adminClient, seedDeckhands, startBenchCall } from './support/crew-seed.js';
import { adminGet, BENCH_ADMIN_ARN, crewPageGet } from './support/lambda-events.js';

/**
 * `npm run bench -- --only cold-start`: how much crewcall's Lambda adds to a
 * cold start, next to its floor (one GetItem with the bare DynamoDB client,
 * bundled the same way), as fresh Node processes answering one API Gateway
 * event against DynamoDB Local, all variants interleaved in one run.
 * Rounds: `--runs N` (or BENCH_RUNS), default 15. `--profile DIR`: every measured
 * child also writes a CPU profile (100 µs sampling) under DIR/<row>/, to open in
 * Chrome DevTools; profiling slows the children, so read that run's table as relative.
 * `--before DIR`: DIR holds an earlier build's dist/edge-api (copied aside); its
 * lambda.mjs answers the same requests in the same interleaved rounds, as rows of its own.
 */

/** Most a crew page may add over the floor; an admin route's allowance. */
const CREW_PAGE_GOAL_MS = 20;
const ADMIN_GOAL_MS = 40;
const TABLE_PREFIX = 'bench-cold-';
const REGION = 'us-west-2';
const PUBLIC_BASE_URL = 'https://crew.example.com';

function parseRuns(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const flag = argv.findIndex((a) => a === '--runs' || a.startsWith('--runs='));
  const raw =
    flag >= 0
      ? (argv[flag]?.split('=')[1] ?? argv[flag + 1])
      : (env.BENCH_RUNS ?? env.npm_config_runs ?? '15');
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
    throw new Error(`--runs / BENCH_RUNS must be a whole number from 1 to 1000, not "${raw}"`);
  }
  return runs;
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  const flag = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  return flag >= 0 ? (argv[flag]?.split('=')[1] ?? argv[flag + 1]) : undefined;
}

/** `--profile DIR`: one folder per row, named by its position and request. */
function profileDirs(
  argv: readonly string[],
  variants: readonly Variant[],
): ProfileDirs | undefined {
  const dir = flagValue(argv, '--profile');
  if (dir === undefined) return undefined;
  return new Map(
    variants.map((variant, i) => {
      const slug = `${variant.name} ${variant.request}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      return [variant, resolve(dir, `${i}-${slug.replace(/^-|-$/g, '')}`)];
    }),
  );
}

/** The checkout's root: the nearest directory above this script holding package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (package.json)');
    dir = parent;
  }
  return dir;
}

/**
 * A real crew page to open: one fictional deckhand, a charter and its call,
 * seeded through the admin API of an in-process server that is closed again
 * before any cold start is measured. Returns the magic link's path.
 */
export async function seedCrewLink(
  db: Db,
  env: Record<string, string>,
): Promise<{ linkPath: string; timerCursor: string }> {
  const port = await freePort();
  const config = loadConfig({ ...env, PORT: String(port), AWS_LAMBDA_FUNCTION_NAME: '' });
  const settings = callSettings(config);
  let server: RunningServer | undefined;
  try {
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
    const admin = adminClient(server.url, REGION);
    const availability = await seedDeckhands(admin, 1);
    const call = await startBenchCall(
      admin,
      { db, ...settings, now: () => new Date() },
      1,
      1,
      availability,
    );
    const link = call.links[0];
    if (!link) throw new Error('bench: the seeded call has no magic link');
    // The office's timer always sends the cursor of the last change it has seen (Apps Script's
    // tick keeps next_cursor); only its first run ever goes without. So the bench's timer does
    // too: the cursor after the seed's changes, once they have settled and become readable.
    await new Promise((settle) => setTimeout(settle, CHANGE_SETTLE_MS + 200));
    const due = (await admin.send('GET', '/api/calls/due')) as DueAnswer;
    if (!due.next_cursor) throw new Error('bench: the seeded call left no change to start after');
    return { linkPath: new URL(link).pathname, timerCursor: due.next_cursor };
  } finally {
    await server?.close();
  }
}

/** The same crewcall requests against an earlier build, for a before/after in one run. */
function beforeVariants(variants: readonly Variant[], dir: string): Variant[] {
  const bundle = join(dir, 'lambda.mjs');
  if (!existsSync(bundle)) throw new Error(`--before: ${bundle} is missing`);
  return variants
    .filter((v) => v.goalOverFloorMs !== undefined)
    .map(({ goalOverFloorMs: _goal, ...v }) => ({ ...v, name: 'BEFORE (--before)', bundle }));
}

export async function runColdStart(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const runs = parseRuns(argv, env);
  // As under npm start and the tests: Lambda runs Node 22, where the SDK has
  // no "needs Node 22" notice to print; the children inherit this too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const root = repoRoot();
  const shipped = join(root, 'dist/edge-api/lambda.mjs');
  const floor = join(root, 'dist/bench/floor/floor.mjs');
  const honoFloor = join(root, 'dist/bench/hono-floor/hono-floor.mjs');
  const fixedCost = join(root, 'dist/bench/fixed-cost-floor/fixed-cost-floor.mjs');
  for (const file of [shipped, floor, honoFloor, fixedCost]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }

  let dynamo: RunningDynamoDbLocal | undefined;
  let db: Db | undefined;
  try {
    console.log('Cold start: starting DynamoDB Local (in memory) ...');
    dynamo = await startDynamoDbLocal();
    // What the deployed function's configuration sets, plus the local DynamoDB.
    const childEnv = {
      AWS_LAMBDA_FUNCTION_NAME: 'crewcall-bench',
      AWS_REGION: REGION,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_PREFIX,
      CREWCALL_ADMIN_PRINCIPALS: BENCH_ADMIN_ARN,
      DEFAULT_PHONE_COUNTRY: 'US',
      PUBLIC_BASE_URL,
      // Lambda refuses the public development key; any fresh 32 bytes will do here.
      LINK_SIGNING_KEYS: `bench-1:${randomBytes(32).toString('base64url')}`,
    };
    db = createDb({
      homeRegion: REGION,
      dynamodbEndpoint: dynamo.endpoint,
      tablePrefix: TABLE_PREFIX,
    });
    await ensureTables(db.raw, db.tables);
    const seeded = await seedDemoRoster(db, new Date());
    const { linkPath, timerCursor } = await seedCrewLink(db, childEnv);
    console.log(`Seeded ${seeded} fictional crew members and one crew call; ${runs} rounds ...`);

    const variants: Variant[] = [
      { name: 'bare node (baseline)', request: '—', bundle: undefined },
      {
        name: 'FLOOR: one GetItem, bare client',
        request: 'any',
        bundle: floor,
        expectStatus: 200,
      },
      {
        name: 'floor + Hono (a reading, no goal)',
        request: 'GET /m/<link>',
        bundle: honoFloor,
        event: crewPageGet(linkPath),
        expectStatus: 200,
      },
      {
        name: 'floor + first fetch Request/Response (a reading)',
        request: 'any',
        bundle: fixedCost,
        event: { cost: 'fetch' },
        expectStatus: 200,
      },
      {
        name: 'floor + first Intl date and currency (a reading)',
        request: 'any',
        bundle: fixedCost,
        event: { cost: 'intl' },
        expectStatus: 200,
      },
      {
        name: 'crewcall (lambda.mjs)',
        request: 'GET /m/<link> (crew page)',
        bundle: shipped,
        event: crewPageGet(linkPath),
        expectStatus: 200,
        goalOverFloorMs: CREW_PAGE_GOAL_MS,
      },
      {
        name: 'crewcall (lambda.mjs)',
        request: 'GET /api/crew (roster)',
        bundle: shipped,
        event: adminGet('/api/crew'),
        expectStatus: 200,
        goalOverFloorMs: ADMIN_GOAL_MS,
      },
      {
        name: 'crewcall (lambda.mjs)',
        request: 'GET /api/calls/due?since= (timer)',
        bundle: shipped,
        event: adminGet(`/api/calls/due?since=${encodeURIComponent(timerCursor)}`),
        expectStatus: 200,
        goalOverFloorMs: ADMIN_GOAL_MS,
      },
    ];

    const before = flagValue(argv, '--before');
    if (before !== undefined) variants.push(...beforeVariants(variants, resolve(before)));

    const profiles = profileDirs(argv, variants);
    const loadBefore = loadavg();
    const samples = await measure(
      variants,
      runs,
      childEnv,
      (done, total) => {
        // A live counter on a terminal; logs (CI, redirects) get just the table.
        if (process.stdout.isTTY) process.stdout.write(`\r  round ${done}/${total}`);
      },
      profiles,
    );
    if (process.stdout.isTTY) process.stdout.write('\n');
    const rows: Row[] = variants.map((variant) => ({
      variant,
      samples: samples.get(variant) ?? [],
    }));
    const { table, missed } = markdownTable(rows);
    const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(' ');
    console.log(
      `\nNode ${process.version}, ${cpus().length} CPUs, load average ${load(loadBefore)} before and ${load(loadavg())} after; ${runs} fresh processes per row, interleaved:\n`,
    );
    console.log(table);
    const beforeRows = rows.filter((r) => r.variant.name === 'BEFORE (--before)');
    if (beforeRows.length > 0) {
      const pairs = beforeRows.flatMap((before) => {
        const after = rows.find(
          (r) => r.variant.request === before.variant.request && r.variant.bundle === shipped,
        );
        return after ? [{ after, before }] : [];
      });
      console.log(
        `\nThis build against --before, paired by round:\n${beforeAfterLines(pairs).join('\n')}`,
      );
    }
    console.log(
      `\nGoal: a crew page within +${CREW_PAGE_GOAL_MS} ms of the floor, admin routes within +${ADMIN_GOAL_MS} ms: ${
        missed.length === 0 ? 'met' : `MISSED by ${missed.join(', ')}`
      }`,
    );
    const lambdaDir = dirname(shipped);
    console.log(
      `The Lambda: lambda.mjs (the entry) ${statSync(shipped).size.toLocaleString()} bytes; the crew page bundle: ${describeSplitBundle(join(lambdaDir, 'crew-page'), 'crew-page.mjs')}; the full app bundle: ${describeSplitBundle(join(lambdaDir, 'full-app'), 'full-app.mjs')}.`,
    );
    console.log(`The floor: ${describeSplitBundle(dirname(floor), 'floor.mjs')}.`);
    console.log(
      "floor + Hono answers through hono/aws-lambda with Node's own Request and Response: on Node the first one loads undici. crewcall's full app has light ones injected in their place (adapter/aws-lambda/light-fetch) and loads no undici.",
    );
    console.log(
      'The two fixed-cost rows are the floor plus only that cost (first fetch Request/Response; first Intl date and currency format): a crew page pays neither any more, an admin route no fetch Request/Response.',
    );
    console.log(
      '"over floor" is the median of per-round differences from the floor (wall time), and the goal is judged on it; "95% interval" is that median\'s distribution-free confidence interval, and a goal inside it is marked "within noise". CPU time leaves out waiting for a busy machine and for DynamoDB Local.',
    );
    if (Math.max(loadBefore[0] ?? 0, loadavg()[0] ?? 0) > cpus().length) {
      console.log(
        `The machine was busy (load above its ${cpus().length} CPUs): wall times wander; trust many rounds (--runs 41) and the CPU columns more than one short run.`,
      );
    }
    if (profiles) console.log(`CPU profiles: ${[...new Set(profiles.values())].join(', ')}`);
  } finally {
    db?.raw.destroy();
    await dynamo?.stop();
  }
}
