import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A stand-in for the edge API (in its own process, as the harness's UrlFetchApp blocks this
 * thread) that answers GET /api/reports/monthly?month=<month> with a file's JSON, and the
 * timer's GET /api/calls/due with nothing due, and GET /api/settings with the default office.
 * Anything else is a 404.
 */
export function startReportStub(
  file: string,
  month: string,
): { child: ChildProcess; url: Promise<string> } {
  const source = `
    const http = require('node:http');
    const body = require('node:fs').readFileSync(process.env.REPORT_JSON);
    const idle = JSON.stringify({ calls: [], pending_notifications: [], changes: [], calls_changed: [] });
    const settings = JSON.stringify({ roles: ['captain', 'mate', 'deckhand'], call_window_policy: '0h=30m', stored: false, office: { name: 'Harbor Charters (demo)', email: 'office@example.com', phone: '+1 310 555 0100' } });
    const server = http.createServer((req, res) => {
      const report = req.method === 'GET' && req.url.startsWith('/api/reports/monthly?month=' + process.env.REPORT_MONTH);
      const due = req.method === 'GET' && req.url.startsWith('/api/calls/due');
      const office = req.method === 'GET' && req.url === '/api/settings';
      res.writeHead(report || due || office ? 200 : 404, { 'content-type': 'application/json' });
      res.end(report ? body : due ? idle : office ? settings : '{"error":"not_found"}');
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
    process.on('SIGTERM', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', source], {
    env: { ...process.env, REPORT_JSON: file, REPORT_MONTH: month },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (\d+)/.exec(output);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}: ${output}`)));
  });
  return { child, url };
}
