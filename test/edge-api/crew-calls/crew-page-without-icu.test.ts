import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crewPageGet } from '../../../bench/support/lambda-events.js';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { Notification, StartCallAnswer } from '../../../shared/api/index.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { freshDb } from '../../support/dynamodb.js';
import {
  LAMBDA_BUNDLE,
  type LambdaEntryPoint,
  lambdaEntryPoint,
} from '../../support/entry-points.js';
import { REFUSE_ICU } from '../adapter/cold-instance.js';

// A Lambda's first use of ICU costs ~15-18 ms (a collator ~7 ms): all of a crew page's
// cold-start allowance. A call's crew page is told with none: each page is rendered
// by the built bundle in a fresh node where Intl and the locale-aware String, Number and
// Date methods throw, and must read exactly as it does with them.
let lambda: LambdaEntryPoint;
const pages: Record<string, string> = {};
const CHARTER = 'CH-NO-ICU';

beforeAll(async () => {
  const db = await freshDb();
  await seedDemoRoster(db, new Date());
  lambda = await lambdaEntryPoint({ tablePrefix: db.prefix });
  db.raw.destroy();
  // A month ahead in Sydney (DST; Intl calls it GMT+11): nothing departs during the test.
  const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const charter = {
    ...seaLark1205,
    date,
    time_zone: 'Australia/Sydney',
    needs: { captain: 1, mate: 2 },
  };
  expect((await lambda.admin('PUT', `/api/charters/${CHARTER}`, charter)).status).toBe(201);
  const started = await lambda.admin('POST', `/api/charters/${CHARTER}/calls`, {
    availability: demoRosterMarks,
  });
  expect(started.status, started.text).toBe(201);
  const { notifications } = started.json as StartCallAnswer;
  const link = (email: string) =>
    new URL((notifications as Notification[]).find((n) => n.to === email)?.link_url as string)
      .pathname;
  pages.liam = link('liam.brennan@example.com');
  pages.kenji = link('kenji.watanabe@example.com');
  pages.marisol = link('marisol.vega@example.com');
  for (const who of [pages.liam, pages.kenji]) {
    expect((await lambda.crew('POST', who as string, { action: 'accept' })).status).toBe(303);
  }
  const chat = { action: 'chat', message: 'Bringing ice.' };
  expect((await lambda.crew('POST', pages.kenji as string, chat)).status).toBe(303);
  const office = await lambda.admin('POST', `/api/charters/${CHARTER}/chat`, { text: 'Thanks!' });
  expect(office.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await lambda?.close();
});

const LAMBDA_CONTEXT = {
  functionName: 'crewcall-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:crewcall-test',
  memoryLimitInMB: '512',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  callbackWaitsForEmptyEventLoop: true,
};

/** A cold start answering GET `path`; `withoutIcu` makes every use of ICU throw first. */
function coldPage(path: string, withoutIcu: boolean): Promise<{ status: number; body: string }> {
  const script = `${withoutIcu ? REFUSE_ICU : ''}
const mod = await import(${JSON.stringify(pathToFileURL(LAMBDA_BUNDLE).href)});
const result = await mod.handler(${JSON.stringify(crewPageGet(path))}, ${JSON.stringify(LAMBDA_CONTEXT)});
process.stdout.write(JSON.stringify({ status: result.statusCode, body: result.body }), () => process.exit(0));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      if (code !== 0 || !out) reject(new Error(`the cold start failed (${code}): ${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

/** What a person reads: the page's text, without its markup (and per-response nonces). */
const readText = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('a call’s crew page on a cold start', () => {
  it('tells the charter, the pay, who is confirmed and the chat without ICU, as with it', async () => {
    const [plain, bare] = await Promise.all([
      coldPage(pages.liam as string, false),
      coldPage(pages.liam as string, true),
    ]);
    expect(plain.status).toBe(200);
    expect(bare.status, bare.body.slice(0, 500)).toBe(200);
    const text = readText(plain.body);
    expect(text).toMatch(/Pay \$\d+\.\d\d /);
    expect(text).toContain('Confirmed Kenji (mate)');
    expect(text).toMatch(/Kenji \(mate\) \d{1,2} \w{3} \d{2}:\d{2} Bringing ice\./);
    expect(text).toMatch(/When \w{3} \d{1,2} \w{3} \d{4}, 09:00–13:00 GMT\+1[01] /);
    expect(readText(bare.body)).toBe(text);
  }, 60_000);

  it('tells when an answer is due without ICU, as with it', async () => {
    const [plain, bare] = await Promise.all([
      coldPage(pages.marisol as string, false),
      coldPage(pages.marisol as string, true),
    ]);
    expect(plain.status).toBe(200);
    expect(bare.status, bare.body.slice(0, 500)).toBe(200);
    const text = readText(plain.body);
    expect(text).toMatch(/Answer by \w{3} \d{1,2} \w{3} \d{2}:\d{2} GMT\+1[01] /);
    expect(text).toContain('Liam (captain), Kenji (mate)');
    expect(readText(bare.body)).toBe(text);
  }, 60_000);
});
