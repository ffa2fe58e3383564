import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../edge-api/src/config/index.js';
import {
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../edge-api/src/local/dynamodb-local.js';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from '../test/apps-script/support/office.js';

/**
 * `npm run bench -- --only apps-script`: how many Apps Script service calls
 * the office side makes, counted by the harness around the BUILT script
 * (dist/apps-script/Code.js) talking to the real edge API (its own process,
 * DynamoDB Local in memory, the test clock). For each crew size N: a fresh
 * edge API (fresh tables) with N extra fictional level-1 deckhands, a
 * December 2026 tab where all of them say "Y", one charter needing N
 * deckhands; then Crew › Send crew call for that row, and the timer's tick
 * a few seconds later. Emails should grow with N; Sheets and UrlFetch should not.
 */

const CREW_SIZES = [5, 20, 50] as const;
const REGION = 'us-west-2';
/** A week before the charter, as in the end-to-end test: the first level is open now. */
const START = new Date('2026-11-28T17:00:00Z');
const CHARTER_DATE = '2026-12-05';
/** The tick right after the call (its changes have settled: 3 s), and a later one with nothing new. */
const TICK_AFTER_MS = 5_000;
const LATER_TICK_MS = 5 * 60_000;
/** Apps Script's limit on one Script Properties value (the harness enforces it too). */
/** Area codes whose 555-0100..0199 numbers are fictional; the demo roster uses 310 555 0101-0112. */
const AREA_CODES = ['213', '415', '646'] as const;

const MENU = ['Crew', 'Send crew call for selected charters'] as const;

/** Calls that read cell contents. */
const READS = [
  'getValues',
  'getValue',
  'getDisplayValues',
  'getDisplayValue',
  'getFormulas',
  'getFormula',
];
/** Calls that change cell contents. */
const VALUE_WRITES = [
  'SpreadsheetApp.Range.setValues',
  'SpreadsheetApp.Range.setValue',
  'SpreadsheetApp.Range.setFormulas',
  'SpreadsheetApp.Range.setFormula',
  'SpreadsheetApp.Range.clearContent',
  'SpreadsheetApp.Range.clear',
  'SpreadsheetApp.Sheet.clearContents',
  'SpreadsheetApp.Sheet.clear',
  'SpreadsheetApp.Sheet.appendRow',
];

interface Counts {
  reads: number;
  valueWrites: number;
  /** Every other Range.set* (number formats, fonts, ...): formatting, not values. */
  formatCalls: number;
  urlFetch: number;
  emails: number;
  properties: number;
  snapshot: Record<string, number>;
}

function countsOf(snapshot: Record<string, number>): Counts {
  const sum = (pred: (key: string) => boolean) =>
    Object.entries(snapshot).reduce((n, [key, c]) => n + (pred(key) ? c : 0), 0);
  return {
    reads: sum((k) => READS.some((m) => k === `SpreadsheetApp.Range.${m}`)),
    valueWrites: sum((k) => VALUE_WRITES.includes(k)),
    formatCalls: sum((k) => k.startsWith('SpreadsheetApp.Range.set') && !VALUE_WRITES.includes(k)),
    urlFetch: sum((k) => k === 'UrlFetchApp.fetch'),
    emails: sum((k) => k === 'MailApp.sendEmail' || k === 'GmailApp.sendEmail'),
    properties: sum((k) => k.startsWith('PropertiesService.')),
    snapshot,
  };
}

interface Measurement {
  crew: number;
  dispatch: Counts;
  /** The summary alert the office saw. */
  summary: string;
  /** Recipients in the harness outbox after the dispatch. */
  recipients: number;
  /** Size of the sent-journal Script Property just before it was reported (all N ids). */
  journalBytes: number;
  tick: Counts;
  /** Whether the first tick left Status and Crew as the dispatch wrote them. */
  tickKeptCells: boolean;
  later: Counts;
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

export const availabilityKey = (crew: number, i: number) => `Bench ${crew}-${i}`;

function phone(i: number): string {
  const area = AREA_CODES[Math.floor(i / 100)];
  if (!area)
    throw new Error(`bench: at most ${AREA_CODES.length * 100} crew have fictional phones`);
  return `+1 ${area} 555 01${String(i % 100).padStart(2, '0')}`;
}

/**
 * POST to the admin API, signed as the office signs (SigV4, execute-api, the
 * local development key) at the edge API's clock, which is the test clock.
 */
async function signedPost(edge: EdgeServer, at: Date, path: string, body: unknown) {
  await signedRequest(edge, at, 'POST', path, body);
}

/** A signed admin request (GET without a body), answering the parsed JSON. */
export async function signedRequest<T = unknown>(
  edge: EdgeServer,
  at: Date,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(path, edge.url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
      secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
    },
    region: REGION,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  const query: Record<string, string> = Object.fromEntries(url.searchParams);
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: url.protocol,
      hostname: url.host,
      path: url.pathname,
      query,
      headers: {
        host: url.host,
        ...(text === undefined
          ? {}
          : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      ...(text === undefined ? {} : { body: text }),
    }),
    { signingDate: at },
  );
  const { host: _host, ...headers } = signed.headers as Record<string, string>;
  const res = await fetch(url, { method, headers, ...(text === undefined ? {} : { body: text }) });
  if (!res.ok)
    throw new Error(`bench: ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Adds `crew` fictional level-1 deckhands through the signed admin API; returns their keys. */
export async function addDeckhands(edge: EdgeServer, crew: number): Promise<string[]> {
  const keys = Array.from({ length: crew }, (_, i) => availabilityKey(crew, i + 1));
  // A few at a time: the roster's phone and email claims are transactions.
  for (let start = 0; start < keys.length; start += 10) {
    await Promise.all(
      keys.slice(start, start + 10).map((key, j) => {
        const i = start + j;
        return signedPost(edge, START, '/api/crew', {
          name: `Bench Deckhand ${crew}-${i + 1}`,
          phone: phone(i),
          email: `bench-${crew}-${i + 1}@example.com`,
          role: 'deckhand',
          cascade_level: 1,
          availability_key: key,
          day_rate: { amount_cents: 22000, currency: 'USD' },
        });
      }),
    );
  }
  return keys;
}

/** December 2026, dates down column A (Date cells at midnight in Los Angeles), everyone "Y". */
function decemberTab(keys: readonly string[]): unknown[][] {
  const rows: unknown[][] = [['Date', ...keys]];
  for (let day = 1; day <= 31; day++) {
    rows.push([new Date(Date.UTC(2026, 11, day, 8)), ...keys.map(() => 'Y')]);
  }
  return rows;
}

async function measureCrew(dynamodbEndpoint: string, crew: number): Promise<Measurement> {
  let edge: EdgeServer | undefined;
  let office: Office | undefined;
  try {
    edge = await startEdgeServer(START, dynamodbEndpoint);
    const keys = await addDeckhands(edge, crew);
    const charterId = `BENCH-AS-${crew}`;
    office = openOffice(
      edge,
      START,
      [charterRow(charterId, CHARTER_DATE, '09:00', '13:00', `deckhand ${crew}`)],
      { 'December 2026': decemberTab(keys) },
    );
    const { harness } = office;
    harness.runSimpleTrigger('onOpen');
    harness.select('Charters', 'A2:M2');

    harness.calls.reset();
    const outboxBefore = harness.outbox.length;
    harness.clickMenu(...MENU);
    const dispatch = countsOf(harness.calls.snapshot());
    const summary = harness.alerts.at(-1)?.prompt ?? '(no alert)';
    const recipients = new Set(harness.outbox.slice(outboxBefore).flatMap((m) => m.to)).size;
    // The journal is reported in one POST .../notified, whose ids are the journal's last value.
    const notified = harness.fetches.find((f) => /\/api\/calls\/[^/]+\/notified$/.test(f.url));
    const ids = notified?.payload
      ? (JSON.parse(notified.payload) as { notification_ids: string[] }).notification_ids
      : [];
    const journalBytes = JSON.stringify(ids).length;
    const afterDispatch = office.charterCells(1);

    const tickOnce = async (at: number) => {
      await office?.setClock(new Date(START.getTime() + at));
      harness.calls.reset();
      harness.runTrigger('tick');
      return countsOf(harness.calls.snapshot());
    };
    const tick = await tickOnce(TICK_AFTER_MS);
    const afterTick = office.charterCells(1);
    const tickKeptCells =
      afterTick.status === afterDispatch.status && afterTick.crew === afterDispatch.crew;
    const later = await tickOnce(LATER_TICK_MS);
    return { crew, dispatch, summary, recipients, journalBytes, tick, tickKeptCells, later };
  } finally {
    await office?.harness.close();
    await edge?.stop();
  }
}

const sameShape = (a: Counts, b: Counts) =>
  a.reads === b.reads &&
  a.valueWrites === b.valueWrites &&
  a.formatCalls === b.formatCalls &&
  a.urlFetch === b.urlFetch;

function resultTable(results: readonly Measurement[]): string {
  const base = results[0]?.dispatch;
  const lines = [
    '| operation | crew | Sheets reads | Sheets value writes | format calls | UrlFetch | emails sent | PropertiesService | floor | PASS/FAIL |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const row = (op: string, m: Measurement, c: Counts, floor: string, verdict: string) =>
    lines.push(
      `| ${op} | ${m.crew} | ${c.reads} | ${c.valueWrites} | ${c.formatCalls} | ${c.urlFetch} | ${c.emails} | ${c.properties} | ${floor} | ${verdict} |`,
    );
  for (const m of results) {
    const d = m.dispatch;
    const problems: string[] = [];
    if (base && !sameShape(d, base)) problems.push('Sheets/UrlFetch differ from the smallest crew');
    if (d.emails !== m.crew) problems.push(`emails ${d.emails} ≠ ${m.crew}`);
    if (m.recipients !== m.crew) problems.push(`${m.recipients} distinct recipients`);
    row(
      'menu: Send crew call',
      m,
      d,
      base
        ? `emails = ${m.crew}; reads ${base.reads}, value writes ${base.valueWrites}, format ${base.formatCalls}, UrlFetch ${base.urlFetch} (constant)`
        : '',
      problems.length ? `FAIL (${problems.join('; ')})` : 'PASS',
    );
  }
  const idle = (op: string, pick: (m: Measurement) => Counts) => {
    for (const m of results) {
      const t = pick(m);
      const problems: string[] = [];
      if (t.urlFetch !== 1) problems.push(`UrlFetch ${t.urlFetch} ≠ 1`);
      if (t.valueWrites + t.formatCalls !== 0)
        problems.push(`${t.valueWrites + t.formatCalls} Sheets writes`);
      if (t.emails !== 0) problems.push(`${t.emails} emails`);
      row(
        op,
        m,
        t,
        'UrlFetch 1, Sheets writes 0, emails 0',
        problems.length ? `FAIL (${problems.join('; ')})` : 'PASS',
      );
    }
  };
  idle(`tick +${TICK_AFTER_MS / 1000} s (nothing due)`, (m) => m.tick);
  idle(`tick +${LATER_TICK_MS / 60_000} min (nothing new)`, (m) => m.later);
  return lines.join('\n');
}

/** Every call whose count is not the same for every crew size, per operation. */
function growthTable(results: readonly Measurement[]): string {
  const lines = [
    `| operation | call | ${results.map((m) => `crew ${m.crew}`).join(' | ')} |`,
    `|---|---|${results.map(() => '---:').join('|')}|`,
  ];
  for (const [op, pick] of [
    ['menu: Send crew call', (m: Measurement) => m.dispatch.snapshot],
    ['tick +5 s', (m: Measurement) => m.tick.snapshot],
    ['tick +5 min', (m: Measurement) => m.later.snapshot],
  ] as const) {
    const keys = [...new Set(results.flatMap((m) => Object.keys(pick(m))))].sort();
    for (const key of keys) {
      const counts = results.map((m) => pick(m)[key] ?? 0);
      if (counts.every((c) => c === counts[0])) continue;
      lines.push(`| ${op} | ${key} | ${counts.join(' | ')} |`);
    }
  }
  return lines.length > 2
    ? lines.join('\n')
    : '(none: every call count is the same for every crew size)';
}

/** Sheets calls that are neither reads nor writes of values/formats but change the spreadsheet. */
function otherSheetCalls(counts: Counts): string {
  const other = Object.entries(counts.snapshot).filter(
    ([k]) =>
      /^SpreadsheetApp\.(Sheet|Spreadsheet)\.(insert|delete|set|clear|append)/.test(k) &&
      !VALUE_WRITES.includes(k),
  );
  return other.length
    ? other.map(([k, c]) => `${k.replace('SpreadsheetApp.', '')}×${c}`).join(', ')
    : 'none';
}

export async function runAppsScriptServiceCalls(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The edge API build and the harness's Code.js are paths from the checkout's root.
  process.chdir(repoRoot());
  if (!existsSync('dist/apps-script/Code.js')) {
    throw new Error('dist/apps-script/Code.js is missing: run npm run build first');
  }
  let dynamo: RunningDynamoDbLocal | undefined;
  try {
    console.log('Starting DynamoDB Local (in memory) ...');
    dynamo = await startDynamoDbLocal();
    const results: Measurement[] = [];
    for (const crew of CREW_SIZES) {
      console.log(
        `  crew ${crew}: fresh edge API, ${crew} deckhands, send crew call, tick at +5 s and +5 min ...`,
      );
      const m = await measureCrew(dynamo.endpoint, crew);
      results.push(m);
      console.log(`    office saw: ${m.summary.replace(/\n/g, ' | ')}`);
      console.log(
        `    first tick ${m.tickKeptCells ? 'rewrote Status/Crew with the same text (only Last update changed)' : 'changed Status/Crew'}`,
      );
    }
    console.log('');
    console.log(
      `Apps Script service calls per operation (built Code.js in the harness, edge API on DynamoDB Local; one charter "deckhand N", N level-1 deckhands all "Y"):\n`,
    );
    console.log(resultTable(results));
    console.log('\nCalls whose count changes with the crew size:\n');
    console.log(growthTable(results));
    const first = results[0];
    const biggest = results.at(-1);
    if (biggest && biggest.journalBytes > 0) {
      const perId = biggest.journalBytes / biggest.crew;
      // One property per sent email (key CREWCALL_SENT:<id>); Script Properties hold 500 KB in all.
      console.log(
        `\nSent journal: one Script Property per email (~${perId.toFixed(0)} bytes of id each), removed once reported; the 500 KB property store holds about ${Math.floor((500 * 1024) / (perId + 30))} unreported sends.`,
      );
    }
    if (first) {
      console.log(
        `\nOther spreadsheet-changing calls, menu (crew ${first.crew}): ${otherSheetCalls(first.dispatch)}; tick: ${otherSheetCalls(first.tick)}`,
      );
    }
    console.log(
      `Sheets reads = Range.getValues/getValue/getDisplayValues/getDisplayValue/getFormulas/getFormula; value writes = Range.setValues/setValue/setFormulas/setFormula/clear/clearContent, Sheet.clear/clearContents/appendRow; format calls = every other Range.set* (setNumberFormat(s), ...); UrlFetch = UrlFetchApp.fetch (each attempt); PropertiesService = every call under it (getScriptProperties included).`,
    );
  } finally {
    await dynamo?.stop();
  }
}
