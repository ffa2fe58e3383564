import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessFor, removeTempScripts } from './load-script.js';

// A tiny HTTP server in ANOTHER process: the harness blocks this thread while it fetches.
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/fail') {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return res.end('kaput: the database is on fire');
    }
    if (req.url.startsWith('/big?bytes=')) {
      const n = Number(req.url.slice('/big?bytes='.length));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return res.end(Buffer.alloc(n, 120));
    }
    if (req.url === '/hang') return; // never answers
    if (req.url === '/moved') {
      res.writeHead(302, { Location: '/echo?from=moved' });
      return res.end();
    }
    res.setHeader('X-Crew-Trace', 'trace-1');
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.kill();
  removeTempScripts();
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const code = `
  function call(url, params) {
    var res = UrlFetchApp.fetch(url, params || {});
    return { code: res.getResponseCode(), text: res.getContentText(), headers: res.getHeaders(),
             all: res.getAllHeaders(), type: res.getBlob().getContentType() };
  }
  function both(a, b) {
    return UrlFetchApp.fetchAll([a, { url: b, muteHttpExceptions: true }]).map(function (r) {
      return r.getResponseCode();
    });
  }
  function caught(url) {
    try { UrlFetchApp.fetch(url); } catch (e) { return [e.name, e.message]; }
  }`;

describe('UrlFetchApp (real HTTP, synchronous)', () => {
  it('GETs with the server headers as sent and POSTs form-encoded unless told otherwise', async () => {
    const h = harnessFor(code);
    try {
      const get = h.run('call', `${base}/json?x=1`, { headers: { Authorization: 'Bearer t' } }) as {
        code: number;
        text: string;
        headers: Record<string, string>;
        all: Record<string, unknown>;
        type: string;
      };
      expect(get.code).toBe(200);
      expect(get.headers['X-Crew-Trace']).toBe('trace-1');
      expect(get.all['Set-Cookie']).toEqual(['a=1', 'b=2']);
      expect(get.type).toBe('application/json');
      const seen = JSON.parse(get.text);
      expect(seen).toMatchObject({ method: 'GET', url: '/json?x=1' });
      expect(seen.headers.authorization).toBe('Bearer t');
      expect(seen.headers['user-agent']).toContain('Google-Apps-Script');

      const form = JSON.parse(
        (h.run('call', `${base}/echo`, { method: 'post', payload: 'a=1&b=2' }) as { text: string })
          .text,
      );
      expect(form).toMatchObject({ method: 'POST', body: 'a=1&b=2' });
      expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');

      const json = JSON.parse(
        (
          h.run('call', `${base}/echo`, {
            method: 'put',
            contentType: 'application/json',
            payload: '{"seats":3}',
          }) as { text: string }
        ).text,
      );
      expect(json).toMatchObject({ method: 'PUT', body: '{"seats":3}' });
      expect(json.headers['content-type']).toBe('application/json');

      const moved = JSON.parse((h.run('call', `${base}/moved`) as { text: string }).text);
      expect(moved.url).toBe('/echo?from=moved');
      expect(h.fetches.map((f) => [f.method, f.status])).toEqual([
        ['GET', 200],
        ['POST', 200],
        ['PUT', 200],
        ['GET', 200],
      ]);
      expect(h.calls.count('UrlFetchApp.fetch')).toBe(4);
    } finally {
      await h.close();
    }
  });

  it('throws on 4xx/5xx unless muteHttpExceptions, like Apps Script', async () => {
    const h = harnessFor(code);
    try {
      expect(h.run('caught', `${base}/fail`)).toEqual([
        'Exception',
        `Request failed for ${base} returned code 500. Truncated server response: kaput: the database is on fire (use muteHttpExceptions option to examine full response)`,
      ]);
      const muted = h.run('call', `${base}/fail`, { muteHttpExceptions: true }) as {
        code: number;
        text: string;
      };
      expect(muted).toMatchObject({ code: 500, text: 'kaput: the database is on fire' });
      expect(h.run('both', `${base}/json`, `${base}/fail`)).toEqual([200, 500]);
    } finally {
      await h.close();
    }
  });

  it('fails refused connections, and refuses anything but loopback', async () => {
    const h = harnessFor(code);
    try {
      const port = await closedPort();
      expect(h.run('caught', `http://127.0.0.1:${port}/x`)).toEqual([
        'Exception',
        `Address unavailable: http://127.0.0.1:${port}/x`,
      ]);
      const [name, message] = h.run('caught', 'https://api.example.com/v1') as string[];
      expect(name).toBe('Exception');
      expect(message).toContain('Address unavailable: https://api.example.com/v1');
      expect(h.fetches.map((f) => f.error)).toEqual(['ECONNREFUSED']);
    } finally {
      await h.close();
    }
  });
});

describe('UrlFetchApp limits', () => {
  it('refuses a response over 50 MB', async () => {
    const h = harnessFor(`${code}
       function size(url) { return UrlFetchApp.fetch(url).getContent().length; }`);
    try {
      const limit = 50 * 1024 * 1024;
      expect(h.run('size', `${base}/big?bytes=1000`)).toBe(1000);
      expect(h.run('caught', `${base}/big?bytes=${limit + 1}`)).toEqual([
        'Exception',
        'Limit Exceeded: URL Fetch Response Size.',
      ]);
    } finally {
      await h.close();
    }
  });

  it('fails a request that takes longer than the timeout', async () => {
    const h = harnessFor(code, { fetchTimeoutMs: 500 });
    try {
      expect(h.run('caught', `${base}/hang`)).toEqual(['Exception', `Timeout: ${base}/hang`]);
    } finally {
      await h.close();
    }
  });

  it('reaches a public https name the test serves on loopback, with its Host header', async () => {
    const h = harnessFor(code, { publicHosts: { 'https://edge-api.example.com': base } });
    try {
      const res = h.run('call', 'https://edge-api.example.com/echo?x=1') as { text: string };
      const echo = JSON.parse(res.text) as { url: string; headers: Record<string, string> };
      expect(echo.url).toBe('/echo?x=1');
      expect(echo.headers.host).toBe('edge-api.example.com');
      expect(h.fetches.at(-1)?.url).toBe('https://edge-api.example.com/echo?x=1');
    } finally {
      await h.close();
    }
  });
});
