import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { LAMBDA_BUNDLE } from '../../support/entry-points.js';

/**
 * A fresh `node` importing a built bundle, as Lambda starts it, with a loader hook listing
 * every file it loads and Node's own list of internal modules it loaded (fetch, undici).
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
/** Prepended to a child's program: every use of ICU (Intl, the locale-aware methods) throws. */
export const REFUSE_ICU = `
const refuse = (what) => function () { throw new Error(what + ' was used'); };
globalThis.Intl = new Proxy({}, { get: (_, key) => { throw new Error('Intl.' + String(key) + ' was used'); } });
String.prototype.localeCompare = refuse('localeCompare');
String.prototype.toLocaleLowerCase = refuse('toLocaleLowerCase');
String.prototype.toLocaleUpperCase = refuse('toLocaleUpperCase');
Number.prototype.toLocaleString = refuse('Number toLocaleString');
for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) Date.prototype[name] = refuse(name);
`;
const CHILD = `
const { handler } = await import(process.env.BUNDLE_URL);
const answers = [];
for (const event of JSON.parse(process.env.EVENTS)) {
  const result = await handler(event, {});
  answers.push({ status: result.statusCode, body: result.body });
}
const internals = process.moduleLoadList.filter((m) => /undici|fetch/.test(m));
console.log(JSON.stringify({ answers, internals }));
`;

export interface ColdStart {
  /** The answers, in the order of the events. */
  answers: Array<{ status: number; body: string }>;
  internals: string[];
  /** The built files it loaded (under dist/), in load order. */
  files: string[];
  sources: string[];
}

/**
 * One fresh node importing `bundle` and answering `events` one after the other (a cold start,
 * then the same warm instance): its answers, the built files it loaded and their sources.
 */
export async function instance(
  events: unknown[],
  bundle = LAMBDA_BUNDLE,
  options: { env?: Record<string, string>; withoutIcu?: boolean } = {},
): Promise<ColdStart> {
  const log = join(mkdtempSync(join(tmpdir(), 'crew-cold-')), 'loaded.txt');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      `${options.withoutIcu ? REFUSE_ICU : ''}${CHILD}`,
    ],
    {
      env: {
        ...process.env,
        ...options.env,
        LOADED_LOG: log,
        BUNDLE_URL: pathToFileURL(bundle).href,
        EVENTS: JSON.stringify(events),
      },
    },
  );
  const answer = JSON.parse(stdout.trim().split('\n').at(-1) as string);
  const loaded = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  const files = [
    ...new Set(loaded.filter((url) => url.includes('/dist/')).map((url) => fileURLToPath(url))),
  ];
  const sources = files.flatMap(
    (file) => JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources as string[],
  );
  return { ...answer, files, sources };
}
