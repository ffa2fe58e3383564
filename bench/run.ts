import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createDb } from '../edge-api/src/db/client.js';
import { ensureTables } from '../edge-api/src/db/ensure-tables.js';
import {
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../edge-api/src/local/dynamodb-local.js';
import { seedDemoRoster } from '../edge-api/src/local/seed-roster.js';
import { runAppsScriptServiceCalls } from './apps-script-service-calls.js';
import {
  buildSdkExternalBundle,
  bundleSize,
  markdownTable,
  measure,
  median,
  percentile,
  type Row,
  type Variant,
} from './cold-start.js';
import { runCrewActionCapacity } from './crew-action-capacity.js';
import { runCrewLinkThroughput } from './crew-link-throughput.js';
import { runFaultSummary } from './faults.js';

/**
 * `npm run bench`: how much the Lambda handler adds to a cold start, measured
 * as fresh Node processes answering one API Gateway event against DynamoDB
 * Local. Runs per variant: `--runs N` (or BENCH_RUNS), default 15.
 */

const GOAL_MS = 150;
const ACCOUNT = '123456789012';
const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:user/office-sheet`;
const TABLE_PREFIX = 'bench-';
const REGION = 'us-west-2';

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

/** GET /api/crew from an allowed IAM user, as API Gateway (HTTP API, payload 2.0) delivers it. */
function crewListEvent() {
  return apiGatewayEvent('/api/crew', 'GET /api/{proxy+}', true);
}

/** A GET as API Gateway delivers it; `iam` adds the verified caller of an IAM-authorised route. */
function apiGatewayEvent(path: string, routeKey: string, iam: boolean) {
  const event = apiGatewayEventWithIam(path, routeKey);
  if (!iam) (event.requestContext as { authorizer?: unknown }).authorizer = undefined;
  return event;
}

function apiGatewayEventWithIam(path: string, routeKey: string) {
  const now = new Date();
  const domainName = 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      host: domainName,
      'user-agent': 'crewcall-bench/1.0',
      'x-forwarded-for': '198.51.100.23',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      http: {
        method: 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.23',
        userAgent: 'crewcall-bench/1.0',
      },
      requestId: 'bench-request-0001',
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        iam: {
          accessKey: 'AKIAEXAMPLEOFFICE001',
          accountId: ACCOUNT,
          callerId: 'AIDAEXAMPLEOFFICE0001',
          cognitoIdentity: null,
          principalOrgId: 'o-exampleorg1',
          userArn: ADMIN_ARN,
          userId: 'AIDAEXAMPLEOFFICE0001',
        },
      },
    },
    isBase64Encoded: false,
  };
}

async function coldStartBench(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2), process.env);
  // As under npm start and the tests: Lambda runs Node 22, where the SDK has
  // no "needs Node 22" notice to print; the children inherit this too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const root = repoRoot();
  const shipped = join(root, 'dist/edge-api/lambda.mjs');
  if (!existsSync(shipped)) throw new Error(`${shipped} is missing: run npm run build first`);
  const sdkExternal = join(root, 'dist/bench/lambda-sdk-external.mjs');
  mkdirSync(dirname(sdkExternal), { recursive: true });
  await buildSdkExternalBundle(
    join(root, 'edge-api/src/adapter/aws-lambda/handler.ts'),
    sdkExternal,
  );

  let dynamo: RunningDynamoDbLocal | undefined;
  let db: ReturnType<typeof createDb> | undefined;
  try {
    console.log('Starting DynamoDB Local (in memory) ...');
    dynamo = await startDynamoDbLocal();
    db = createDb({
      homeRegion: REGION,
      dynamodbEndpoint: dynamo.endpoint,
      tablePrefix: TABLE_PREFIX,
    });
    await ensureTables(db.raw, db.tables);
    const seeded = await seedDemoRoster(db, new Date());
    console.log(`Seeded ${seeded} fictional crew members; ${runs} cold starts per variant ...`);

    const variants: Variant[] = [
      { name: 'bare node (baseline)', bundle: undefined },
      { name: 'lambda.mjs (SDK bundled, shipped)', bundle: shipped },
      { name: 'lambda-sdk-external.mjs (runtime SDK)', bundle: sdkExternal },
    ];
    const runConfig = {
      // What the deployed function's configuration sets, plus the local DynamoDB.
      env: {
        AWS_LAMBDA_FUNCTION_NAME: 'crewcall-bench',
        AWS_REGION: REGION,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        TABLE_PREFIX,
        CREWCALL_ADMIN_PRINCIPALS: ADMIN_ARN,
        DEFAULT_PHONE_COUNTRY: 'US',
        PUBLIC_BASE_URL: 'https://crew.example.com',
        // Lambda refuses the public development key; any fresh 32 bytes will do here.
        LINK_SIGNING_KEYS: `bench-1:${randomBytes(32).toString('base64url')}`,
      },
      event: crewListEvent() as unknown,
    };
    const samples = await measure(
      variants,
      runs,
      runConfig,
      // A live counter on a terminal; logs (CI, redirects) get just the table.
      (done, total) => {
        if (process.stdout.isTTY) process.stdout.write(`\r  round ${done}/${total}`);
      },
    );
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log('');

    const rows: Row[] = variants.map((variant) => ({
      variant,
      size: variant.bundle ? bundleSize(variant.bundle) : undefined,
      samples: samples.get(variant.name) ?? [],
    }));
    const baseline = median(rows[0]?.samples.map((s) => s.totalMs) ?? []);
    console.log(`Node ${process.version}, ${runs} fresh processes per variant, GET /api/crew:\n`);
    console.log(markdownTable(rows, baseline));

    const shippedRow = rows[1];
    const added = median(shippedRow?.samples.map((s) => s.totalMs) ?? []) - baseline;
    console.log(
      `\nGoal: handler adds < ${GOAL_MS} ms to a bare Node start: ${added < GOAL_MS ? 'PASS' : 'FAIL'} (${relative(root, shipped)} adds ${added.toFixed(1)} ms)`,
    );
    console.log(
      'Sizes exclude source maps; the runtime-SDK variant loads @aws-sdk/* and @smithy/* from node_modules.',
    );
    console.log(`The shipped bundle is split: ${describeSplitBundle(dirname(shipped))}.`);

    // The bundle loads route groups on first use, so a cold start's cost depends on its first request.
    const firstRequests: Array<[string, unknown]> = [
      ['GET /healthz (core only)', apiGatewayEvent('/healthz', 'GET /healthz', false)],
      ['GET /api/crew (core + roster group)', crewListEvent()],
      [
        'GET /m/<unknown link> (core + crew pages group)',
        apiGatewayEvent('/m/aaaa.bbbb.cccc', 'GET /m/{proxy+}', false),
      ],
    ];
    const perRequest: string[] = [
      '| first request | median total ms | p90 total ms | median import ms | median first-invoke ms | added over bare node (median ms) |',
      '|---|---:|---:|---:|---:|---:|',
    ];
    for (const [label, event] of firstRequests) {
      const got = await measure([variants[0] as Variant, variants[1] as Variant], runs, {
        ...runConfig,
        event,
      });
      const base = median((got.get(variants[0]?.name as string) ?? []).map((x) => x.totalMs));
      const mine = got.get(variants[1]?.name as string) ?? [];
      const total = mine.map((x) => x.totalMs);
      perRequest.push(
        `| ${label} | ${median(total).toFixed(1)} | ${percentile(total, 90).toFixed(1)} | ${median(mine.map((x) => x.importMs)).toFixed(1)} | ${median(mine.map((x) => x.invokeMs)).toFixed(1)} | ${(median(total) - base).toFixed(1)} |`,
      );
    }
    console.log(
      `\nShipped bundle by first request (${runs} fresh processes each, against a fresh bare-node baseline):\n`,
    );
    console.log(perRequest.join('\n'));
  } finally {
    db?.raw.destroy();
    await dynamo?.stop();
  }
}

const BENCHES = ['cold-start', 'crew-links', 'capacity', 'apps-script', 'faults'] as const;

/** `--only cold-start|crew-links|capacity|apps-script|faults` (or BENCH_ONLY) runs one bench; by default all, in this order. */
function parseOnly(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const flag = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  const only =
    flag >= 0 ? (argv[flag]?.split('=')[1] ?? argv[flag + 1]) : env.BENCH_ONLY || undefined;
  if (only !== undefined && !(BENCHES as readonly string[]).includes(only)) {
    throw new Error(`--only / BENCH_ONLY must be one of ${BENCHES.join(', ')}, not "${only}"`);
  }
  return only;
}

async function main(): Promise<void> {
  const only = parseOnly(process.argv.slice(2), process.env);
  if (only === undefined || only === 'cold-start') await coldStartBench();
  if (only === undefined || only === 'crew-links') {
    await runCrewLinkThroughput(process.argv.slice(2), process.env);
  }
  if (only === undefined || only === 'capacity') await runCrewActionCapacity();
  if (only === undefined || only === 'apps-script') await runAppsScriptServiceCalls();
  if (only === undefined || only === 'faults') await runFaultSummary();
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});

/** Entry, chunks and total size of the split Lambda bundle (no source maps). */
function describeSplitBundle(dir: string): string {
  const files = [
    join(dir, 'lambda.mjs'),
    ...readdirSync(join(dir, 'chunks'))
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => join(dir, 'chunks', f)),
  ];
  const sizes = files.map((f) => statSync(f).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  return `entry ${(sizes[0] ?? 0).toLocaleString()} bytes, ${files.length - 1} chunks, ${(total / 1024).toFixed(0)} KiB in all (${(gzipSync(Buffer.concat(files.map((f) => readFileSync(f)))).length / 1024).toFixed(0)} KiB gzipped)`;
}
