import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../../edge-api/src/config/index.js';
import { freePort } from '../../../edge-api/src/local/dynamodb-local.js';
import {
  createHarness,
  type Harness,
  type HarnessOptions,
} from '../../apps-script-harness/index.js';
import december from '../../fixtures/availability/2026-12.json' with { type: 'json' };

export const TIME_ZONE = 'America/Los_Angeles';

/**
 * The edge API as an office enters it: a public https address (Google's servers cannot reach
 * loopback). The harness serves it from the test's loopback edge server.
 */
export const PUBLIC_API_URL = 'https://edge-api.example.com';

/**
 * The edge API in its own process (see edge-api-test-server.ts), over fresh tables, on the test's clock.
 * No vitest here: the benchmarks use this too (tests pass inject('dynamodbEndpoint')).
 */
export interface EdgeServer {
  url: string;
  setClock(now: Date): Promise<void>;
  /** The next `times` requests of `method` whose path matches `path` get `status` (a real HTTP answer). */
  failRequests(rule: {
    method: string;
    path: string;
    status: number;
    times: number;
  }): Promise<void>;
  stop(): Promise<void>;
}

/** The edge API test server, built to a file a `node` can start. */
export const EDGE_SERVER_FILE = 'dist/test/edge-api-test-server.mjs';

export async function buildEdgeServer(): Promise<void> {
  await build({
    entryPoints: ['test/apps-script/support/edge-api-test-server.ts'],
    outfile: EDGE_SERVER_FILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
}

export async function startEdgeServer(now: Date, dynamodbEndpoint: string): Promise<EdgeServer> {
  await buildEdgeServer();
  const port = await freePort();
  // Its stdin is a pipe from this process: when this process ends, however it ends (a test
  // file done, a failed beforeAll that never reached stop(), kill -9), the pipe closes and
  // the server stops itself.
  const child: ChildProcess = spawn(process.execPath, [EDGE_SERVER_FILE], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      TABLE_PREFIX: `as${randomBytes(4).toString('hex')}-`,
      AWS_REGION: 'us-west-2',
      TEST_CLOCK: now.toISOString(),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`edge API did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`edge API exited with ${code}:\n${output}`)));
  });
  return {
    url,
    setClock: async (at) => {
      await fetch(`${url}/__test/clock`, {
        method: 'POST',
        body: JSON.stringify({ now: at.toISOString() }),
      });
    },
    failRequests: async (rule) => {
      await fetch(`${url}/__test/fail`, { method: 'POST', body: JSON.stringify(rule) });
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const CHARTERS_HEADER = [
  'Charter ID',
  'Date',
  'Start',
  'End',
  'Vessel',
  'Client',
  'Guests',
  'Needs',
  'Price',
  'Meeting point',
  'Status',
  'Crew',
  'Last update',
];

/** Midnight of a local date in the sheet's zone, as a Date cell holds it. */
export function dateCell(date: string): Date {
  return new Date(`${date}T08:00:00.000Z`);
}

export function charterRow(
  id: string,
  date: string,
  start: string,
  end: string,
  needs: string,
  price = 3200,
) {
  return [
    id,
    dateCell(date),
    start,
    end,
    'Sea Lark',
    'Harbor View Events',
    18,
    needs,
    price,
    'Dock B, slip 14',
    '',
    '',
    '',
  ];
}

/** The December month tab from the fixtures, with real Date cells as getValues() gives them. */
export function decemberTab(): unknown[][] {
  return december.values.map((row) =>
    row.map((cell, i) =>
      i === 0 && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(cell)
        ? new Date(cell)
        : cell,
    ),
  );
}

/** An office: the sheet, the built script loaded, settings pointing at the edge API, one clock for both. */
export function openOffice(
  edge: EdgeServer,
  now: Date,
  charters: unknown[][],
  extraSheets: Record<string, unknown[][]> = {},
  options: HarnessOptions = {},
) {
  const harness = createHarness({
    ...options,
    publicHosts: { [PUBLIC_API_URL]: edge.url },
    timeZone: TIME_ZONE,
    now,
    spreadsheetName: 'Harbor Charters availability',
    clockHeader: 'X-Test-Clock',
    sheets: {
      Charters: [CHARTERS_HEADER, ...charters],
      'December 2026': decemberTab(),
      ...extraSheets,
    },
    scriptProperties: {
      CREWCALL_API_URL: PUBLIC_API_URL,
      CREWCALL_REGION: 'us-west-2',
      CREWCALL_ACCESS_KEY_ID: DEV_ADMIN_ACCESS_KEY_ID,
      CREWCALL_SECRET_ACCESS_KEY: DEV_ADMIN_SECRET_ACCESS_KEY,
    },
  });
  harness.load();
  // Opening the sheet runs onOpen, which adds the Crew menu.
  harness.runSimpleTrigger('onOpen');
  return {
    harness,
    /** Moves both clocks: the script's and the edge API's. */
    async setClock(at: Date) {
      harness.clock.set(at);
      await edge.setClock(at);
    },
    charterCells(row: number) {
      const values = harness.sheetValues('Charters')[row] ?? [];
      return { status: String(values[10]), crew: String(values[11]), lastUpdate: values[12] };
    },
  };
}

export type Office = ReturnType<typeof openOffice>;
export type { Harness };

/** The magic link in an email's plain-text body. */
export function linkIn(body: string): string {
  const m = body.match(/http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_.-]+/);
  if (!m) throw new Error(`no crew link in:\n${body}`);
  return m[0];
}
