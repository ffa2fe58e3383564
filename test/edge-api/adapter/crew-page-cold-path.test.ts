import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LAMBDA_BUNDLE,
  type LambdaEntryPoint,
  lambdaEntryPoint,
} from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';
import { crewPageEvent } from './crew-page-events.js';

/**
 * A cold start that answers a crew page loads only what that page needs: no Hono core or
 * router, no luxon, and no fetch Request/Response (on Node the first one loads undici).
 * Each case is a fresh `node` importing the built bundle, as Lambda starts it, with a loader
 * hook listing every file it loads and Node's own list of internal modules it loaded.
 */

// Runs in Node's loader thread: every file URL the bundle imports, one a line.
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:')) appendFileSync(process.env.LOADED_LOG, resolved.url + '\\n');
  return resolved;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(
  `data:text/javascript,${encodeURIComponent(HOOKS)}`,
)});`;
const CHILD = `
const { handler } = await import(process.env.BUNDLE_URL);
const result = await handler(JSON.parse(process.env.EVENT), {});
const internals = process.moduleLoadList.filter((m) => /undici|fetch/.test(m));
console.log(JSON.stringify({ status: result.statusCode, internals }));
`;

/** One cold start answering `event`: its status, the bundle files it loaded and their sources. */
async function coldStart(event: unknown) {
  const log = join(mkdtempSync(join(tmpdir(), 'crew-cold-')), 'loaded.txt');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      CHILD,
    ],
    {
      env: {
        ...process.env,
        LOADED_LOG: log,
        BUNDLE_URL: pathToFileURL(LAMBDA_BUNDLE).href,
        EVENT: JSON.stringify(event),
      },
    },
  );
  const answer = JSON.parse(stdout.trim().split('\n').at(-1) as string);
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/edge-api/'))
    .map((url) => fileURLToPath(url));
  const sources = files.flatMap(
    (file) => JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources as string[],
  );
  return { ...answer, files, sources } as {
    status: number;
    internals: string[];
    files: string[];
    sources: string[];
  };
}

let lambda: LambdaEntryPoint;
let link: string;
let portal: string;

beforeAll(async () => {
  lambda = await lambdaEntryPoint();
  const call = await startOneDeckhandCall(lambda, 'CH-COLD');
  link = call.link;
  portal = (await lambda.admin('POST', '/api/links/portal', { crew_id: call.crewId })).json
    .url as string;
});
afterAll(() => lambda?.close());

const honoCore = (source: string) =>
  /node_modules\/hono\/dist\/(hono-base|hono|router|adapter|context|request|compose)/.test(source);
const luxon = (source: string) => source.includes('node_modules/luxon/');

describe('a cold start answering a crew page', () => {
  it('loads no Hono core or router, no luxon, and never builds a fetch Request/Response', async () => {
    const cold = await coldStart(crewPageEvent('GET', new URL(link).pathname));
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(honoCore)).toEqual([]);
    expect(cold.sources.filter(luxon)).toEqual([]);
    expect(cold.internals).toEqual([]);
  });

  it('a portal link loads luxon for its form, still without Hono core (the check sees what loads)', async () => {
    const cold = await coldStart(crewPageEvent('GET', new URL(portal).pathname));
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(luxon)).not.toEqual([]);
    expect(cold.sources.filter(honoCore)).toEqual([]);
  });

  it('any other request loads the Hono app (the check sees Hono when it loads)', async () => {
    const cold = await coldStart({
      ...crewPageEvent('GET', '/healthz'),
      routeKey: 'GET /healthz',
    });
    expect(cold.status).toBe(200);
    expect(cold.sources.filter(honoCore)).not.toEqual([]);
    expect(cold.internals).not.toEqual([]);
  });
});
