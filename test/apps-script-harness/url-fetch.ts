/// <reference types="google-apps-script" />
// UrlFetchApp with REAL, synchronous HTTP: a worker thread makes the request while this
// thread blocks in Atomics.wait (as an Apps Script execution blocks in fetch). The answer
// comes back through receiveMessageOnPort. The server must run in another process.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  asGas,
  type Emulated,
  GasException,
  HarnessError,
  LABEL,
  type Runtime,
  signatureError,
} from './runtime.js';
import { dataBytes, EmulatedBlob, toSignedBytes } from './utilities.js';

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  followRedirects: boolean;
  timeoutMs: number;
  /** The URL the script asked for (differs from `url` for a public host served on loopback). */
  asked: string;
}
type WireResult =
  | { url: string; status: number; rawHeaders: string[]; body: Uint8Array }
  | { url: string; error: string; message: string };

export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | null;
  status: number | null;
  error?: string;
  at: Date;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * "URL Fetch response size 50 MB / call", "URL Fetch POST size 50 MB / call"
 * (https://developers.google.com/apps-script/guides/services/quotas); past a limit the
 * call throws "Limit Exceeded: <feature>." like the URL length check below.
 */
export const MAX_FETCH_BYTES = 50 * 1024 * 1024;
const USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: harness)';

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, signal } = workerData;
const LOOPBACK = new Set(${JSON.stringify([...LOOPBACK])});
const header = (raw, name) => {
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1];
  return undefined;
};
function once(req) {
  return new Promise((resolve) => {
    const r = http.request(req.url, { method: req.method, headers: req.headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ url: req.url, status: res.statusCode, rawHeaders: res.rawHeaders,
        body: new Uint8Array(Buffer.concat(chunks)) }));
      res.on('error', (e) => resolve({ url: req.url, error: e.code || 'ERR', message: e.message }));
    });
    r.setTimeout(req.timeoutMs, () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', (e) => resolve({ url: req.url, error: e.code || 'ERR', message: e.message }));
    r.end(req.body ? Buffer.from(req.body) : undefined);
  });
}
async function follow(req) {
  let current = req;
  for (let hops = 0; ; hops += 1) {
    const res = await once(current);
    if (res.error || !req.followRedirects || ![301, 302, 303, 307, 308].includes(res.status)) return res;
    const location = header(res.rawHeaders, 'location');
    if (!location) return res;
    if (hops >= 10) return { url: current.url, error: 'TOO_MANY_REDIRECTS', message: 'redirects' };
    const next = new URL(location, current.url);
    if (next.protocol !== 'http:' || !LOOPBACK.has(next.hostname)) {
      return { url: next.href, error: 'NOT_LOOPBACK', message: 'redirect off loopback' };
    }
    const toGet = res.status === 303 || (res.status < 303 && current.method === 'POST');
    const headers = { ...current.headers };
    if (toGet) for (const k of Object.keys(headers)) if (/^content-/i.test(k)) delete headers[k];
    current = { ...current, url: next.href, headers, method: toGet ? 'GET' : current.method,
      body: toGet ? null : current.body };
  }
}
parentPort.on('message', async ({ id, requests }) => {
  const results = await Promise.all(requests.map((r) =>
    follow(r).catch((e) => ({ url: r.url, error: 'ERR', message: String(e) }))));
  port.postMessage({ id, results });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** Blocking HTTP through a worker thread. */
export class SyncHttp {
  private worker: Worker | null = null;
  private port: import('node:worker_threads').MessagePort | null = null;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;
  constructor(
    readonly timeoutMs: number,
    /** Extra headers on the wire (not in the fetch records), e.g. the harness clock for a test server. */
    private readonly wireHeaders: () => Record<string, string> = () => ({}),
  ) {}

  private start() {
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal: this.signal },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    return { worker: this.worker, port: port1 };
  }

  request(requests: WireRequest[]): WireResult[] {
    const { worker, port } =
      this.worker && this.port ? { worker: this.worker, port: this.port } : this.start();
    this.seq += 1;
    const id = this.seq;
    Atomics.store(this.signal, 0, 0);
    const extra = this.wireHeaders();
    worker.postMessage({
      id,
      requests: requests.map((r) => ({ ...r, headers: { ...r.headers, ...extra } })),
    });
    if (Atomics.wait(this.signal, 0, 0, this.timeoutMs + 5_000) === 'timed-out') {
      throw new GasException(`Timeout: ${requests[0]?.url ?? ''}`);
    }
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (!received) throw new HarnessError('UrlFetchApp worker answered without a message');
      const message = received.message as { id: number; results: WireResult[] };
      if (message.id === id) return message.results;
    }
  }

  close(): Promise<number> | undefined {
    this.port?.close();
    return this.worker?.terminate();
  }
}

type ResponseMethods =
  | 'getAllHeaders'
  | 'getBlob'
  | 'getContent'
  | 'getContentText'
  | 'getHeaders'
  | 'getResponseCode';

export class EmulatedHttpResponse implements Emulated, Pick<HTTPResponse, ResponseMethods> {
  readonly [LABEL] = 'UrlFetchApp.HTTPResponse';
  constructor(
    private readonly status: number,
    private readonly rawHeaders: string[],
    private readonly body: Buffer,
  ) {}
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const name = this.rawHeaders[i] ?? '';
      const value = this.rawHeaders[i + 1] ?? '';
      const existing = out[name];
      out[name] = existing === undefined ? value : [existing, value].flat();
    }
    return out;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const type = this.header('content-type')?.split(';')[0]?.trim() ?? null;
    return asGas(new EmulatedBlob(Buffer.from(this.body), type));
  }
  getContent(): number[] {
    return toSignedBytes(this.body);
  }
  getContentText(charset?: string): string {
    return this.body.toString(
      charset && /^(us-)?ascii|iso-8859-1$/i.test(charset) ? 'latin1' : 'utf8',
    );
  }
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.getAllHeaders())) {
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
  }
  getResponseCode(): number {
    return this.status;
  }
  private header(name: string): string | undefined {
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      if (this.rawHeaders[i]?.toLowerCase() === name) return this.rawHeaders[i + 1];
    }
    return undefined;
  }
}

export class EmulatedUrlFetchApp
  implements
    Emulated,
    Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'>
{
  readonly [LABEL] = 'UrlFetchApp';
  constructor(
    private readonly runtime: Runtime,
    private readonly http: SyncHttp,
    readonly _log: FetchRecord[],
    /** Public origins the test serves on loopback: 'https://edge-api.example.com' → 'http://127.0.0.1:8787'. */
    private readonly publicHosts: Readonly<Record<string, string>> = {},
  ) {}

  private prepare(url: unknown, params: Params = {}): WireRequest & { mute: boolean } {
    if (typeof url !== 'string') throw signatureError('UrlFetchApp.fetch', [url, params]);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new GasException(`Invalid argument: ${url}`);
    }
    if (url.length > 2082) throw new GasException('Limit Exceeded: URL Fetch URL Length.');
    const asked = parsed.href;
    const served = this.publicHosts[parsed.origin];
    if (served !== undefined) parsed = new URL(`${parsed.pathname}${parsed.search}`, served);
    else if (!isLoopback(parsed)) {
      throw new GasException(
        `Address unavailable: ${url} (the harness only fetches http://127.0.0.1, localhost or [::1])`,
      );
    }
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    // As sent to the public host (SigV4 signs it).
    if (served !== undefined) headers.Host = new URL(asked).host;
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    const { payload } = params;
    let body: Buffer | null = null;
    let contentType = params.contentType;
    if (typeof payload === 'string') body = Buffer.from(payload, 'utf8');
    else if (Array.isArray(payload)) body = dataBytes(payload);
    else if (payload instanceof EmulatedBlob) {
      body = Buffer.from(payload._data);
      contentType ??= payload.getContentType() ?? undefined;
    } else if (payload && typeof payload === 'object') {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(payload)) {
        if (v instanceof EmulatedBlob)
          throw new HarnessError('multipart payloads are not emulated');
        form.append(k, String(v));
      }
      body = Buffer.from(form.toString());
    }
    if (body && body.length > MAX_FETCH_BYTES) {
      throw new GasException('Limit Exceeded: URL Fetch POST Size.');
    }
    if (body) {
      for (const k of Object.keys(headers))
        if (k.toLowerCase() === 'content-type') delete headers[k];
      headers['Content-Type'] = contentType ?? 'application/x-www-form-urlencoded';
    }
    return {
      url: parsed.href,
      method: String(params.method ?? 'get').toUpperCase(),
      headers,
      body: body ? new Uint8Array(body) : null,
      followRedirects: params.followRedirects !== false,
      timeoutMs: this.http.timeoutMs,
      asked,
      mute: params.muteHttpExceptions === true,
    };
  }

  private settle(request: WireRequest & { mute: boolean }, result: WireResult): HTTPResponse {
    const record: FetchRecord = {
      url: request.asked,
      method: request.method,
      headers: request.headers,
      payload: request.body ? Buffer.from(request.body).toString('utf8') : null,
      status: 'status' in result ? result.status : null,
      at: this.runtime.clock.now(),
    };
    this._log.push(record);
    if ('error' in result) {
      record.error = result.error;
      if (result.error === 'ENOTFOUND' || result.error === 'EAI_AGAIN') {
        throw new GasException(`DNS error: ${request.asked}`);
      }
      if (result.error === 'ETIMEDOUT') throw new GasException(`Timeout: ${request.asked}`);
      throw new GasException(`Address unavailable: ${request.asked}`);
    }
    if (result.body.length > MAX_FETCH_BYTES) {
      throw new GasException('Limit Exceeded: URL Fetch Response Size.');
    }
    const response = new EmulatedHttpResponse(
      result.status,
      result.rawHeaders,
      Buffer.from(result.body),
    );
    if (result.status >= 400 && !request.mute) {
      const u = new URL(request.asked);
      const text = response.getContentText();
      const truncated = text.length > 500 ? `${text.slice(0, 500)}...` : text;
      throw new GasException(
        `Request failed for ${u.protocol}//${u.host} returned code ${result.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return asGas(response);
  }

  fetch(url: string, params?: Params): HTTPResponse {
    const request = this.prepare(url, params);
    const [result] = this.http.request([request]);
    if (!result) throw new HarnessError('no result from the fetch worker');
    return this.settle(request, result);
  }
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]): HTTPResponse[] {
    if (!Array.isArray(requests)) throw signatureError('UrlFetchApp.fetchAll', [requests]);
    const prepared = requests.map((r) =>
      typeof r === 'string' ? this.prepare(r) : this.prepare(r.url, r),
    );
    const results = this.http.request(prepared);
    return prepared.map((request, i) => this.settle(request, results[i] as WireResult));
  }
  getRequest(url: string, params: Params = {}): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const request = this.prepare(url, params);
    return {
      url: request.asked,
      method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers: request.headers,
      payload: request.body ? Buffer.from(request.body).toString('utf8') : '',
      followRedirects: request.followRedirects,
      muteHttpExceptions: request.mute,
      ...(params.contentType ? { contentType: params.contentType } : {}),
    };
  }
}
