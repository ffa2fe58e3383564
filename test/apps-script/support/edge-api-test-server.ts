/**
 * The real edge API in its own process for the Apps Script tests (the
 * harness's UrlFetchApp blocks its thread like Apps Script does, so the server
 * cannot share it). Built by esbuild when a test starts. Its clock is the
 * test's: POST /__test/clock {"now": ISO} moves it, outside the app itself, and so does
 * the harness's X-Test-Clock header on each request (the script's clock moves as its
 * service calls take time; a long run would otherwise sign requests minutes "ahead").
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../../edge-api/src/app.js';
import { localSigV4Auth } from '../../../edge-api/src/auth/local-sigv4/index.js';
import { callSettings } from '../../../edge-api/src/config/call-settings.js';
import { loadConfig } from '../../../edge-api/src/config/index.js';
import { createDb } from '../../../edge-api/src/db/client.js';
import { ensureTables } from '../../../edge-api/src/db/ensure-tables.js';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';

const config = loadConfig();
let clock = new Date(process.env.TEST_CLOCK ?? Date.now());
const db = createDb({ ...config, homeRegion: config.region });
await ensureTables(db.raw, db.tables);
await seedDemoRoster(db, clock);
const app = createApp({
  db,
  adminAuth: localSigV4Auth({
    accessKeyId: config.adminAccessKeyId,
    secretAccessKey: config.adminSecretAccessKey,
    region: config.region,
    now: () => clock,
  }),
  ...callSettings(config),
  now: () => clock,
});
const listener = getRequestListener(app.fetch);
/** Requests the test wants refused: POST /__test/fail {"method", "path" (a regex), "status", "times"}. */
let failures: Array<{ method: string; path: RegExp; status: number; times: number }> = [];
const server = createServer((req, res) => {
  if (req.url === '/__test/fail' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const rule = JSON.parse(body);
      failures.push({ ...rule, path: new RegExp(rule.path) });
      res.end('{}');
    });
    return;
  }
  const failure = failures.find(
    (f) => f.times > 0 && f.method === req.method && f.path.test(req.url ?? ''),
  );
  if (failure) {
    failure.times -= 1;
    failures = failures.filter((f) => f.times > 0);
    res.writeHead(failure.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'test_failure', message: 'refused by the test' }));
    return;
  }
  if (req.url === '/__test/clock' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      clock = new Date(JSON.parse(body).now);
      res.end(JSON.stringify({ now: clock.toISOString() }));
    });
    return;
  }
  const scriptClock = req.headers['x-test-clock'];
  if (typeof scriptClock === 'string' && Date.parse(scriptClock) > clock.getTime()) {
    clock = new Date(scriptClock);
  }
  void listener(req, res);
});
server.listen(config.port, config.host, () => {
  console.log(`listening on http://${config.host}:${config.port}`);
});
function stop() {
  server.close();
  db.raw.destroy();
  process.exit(0);
}
process.on('SIGTERM', stop);
// stdin is a pipe from the process that started this one (office.ts): it closes when that
// process ends, however it ends, and this server must not outlive it.
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
