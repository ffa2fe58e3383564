import { extractBody, type HeldBody, LightBody } from './body.js';
import { LightHeaders, type LightHeadersInit } from './headers.js';

/** Statuses whose response may carry no body (the Fetch standard's "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

export interface LightResponseInit {
  status?: number;
  statusText?: string;
  headers?: LightHeadersInit;
}

/**
 * `Response` as the Fetch standard defines it, for what Hono's Lambda adapter, its context
 * and crewcall's middleware do with one: status and headers checked as Node's own are, a body
 * read once as text, JSON, bytes or an ArrayBuffer, `clone()`, and `body` as a stream made on
 * first use. A Blob or FormData body is read by Node's own class.
 */
export class LightResponse extends LightBody {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LightHeaders;
  readonly type = 'default' as const;
  readonly url = '';
  readonly redirected = false;

  constructor(body?: unknown, init: LightResponseInit = {}) {
    super();
    // WebIDL's unsigned short, as Node converts it: truncated, modulo 2^16.
    const given = init.status === undefined ? 200 : Number(init.status);
    const status = Number.isFinite(given) ? ((Math.trunc(given) % 65536) + 65536) % 65536 : 0;
    if (status < 200 || status > 599)
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    const statusText = init.statusText === undefined ? '' : String(init.statusText);
    if (!REASON_PHRASE.test(statusText)) throw new TypeError('Invalid statusText');
    this.status = status;
    this.statusText = statusText;
    this.headers = new LightHeaders(init.headers);
    const extracted = extractBody(body);
    if (extracted.body.kind !== 'none' && NULL_BODY_STATUSES.has(status))
      throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    if (extracted.contentType && !this.headers.has('content-type'))
      this.headers.set('content-type', extracted.contentType);
    this.holdBody(extracted.body);
  }

  /** A response around a body this module already holds (clone()). */
  static #around(body: HeldBody, from: LightResponse): LightResponse {
    const copy = new LightResponse(null, from);
    copy.holdBody(body);
    return copy;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  clone(): LightResponse {
    return LightResponse.#around(this.copyBody(), this);
  }

  static json(data: unknown, init: LightResponseInit = {}): LightResponse {
    const headers = new LightHeaders(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new LightResponse(JSON.stringify(data), { ...init, headers });
  }

  static redirect(url: string | URL, status = 302): LightResponse {
    if (!REDIRECT_STATUSES.has(status)) throw new RangeError(`Invalid status code ${status}`);
    return new LightResponse(null, { status, headers: { location: new URL(url).href } });
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }
}
