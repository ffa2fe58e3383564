import { extractBody, type HeldBody, LightBody } from './body.js';
import { LightHeaders, type LightHeadersInit } from './headers.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods the standard upper-cases whatever case they come in; the rest stay as given. */
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export interface LightRequestInit {
  method?: string;
  headers?: LightHeadersInit;
  body?: unknown;
  signal?: AbortSignal | null;
  duplex?: 'half';
}

function requestMethod(method: string): string {
  if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
  const upper = method.toUpperCase();
  if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
  return NORMALISED_METHODS.has(upper) ? upper : method;
}

/**
 * `Request` as the Fetch standard defines it, for what Hono and crewcall do with one: an
 * absolute URL, the method and headers checked as Node's own are, a body read once as text,
 * JSON, bytes or an ArrayBuffer, `clone()`, a new Request from another with a new body, and
 * an AbortSignal. FormData is parsed by Node's own class.
 */
export class LightRequest extends LightBody {
  readonly url: string;
  readonly method: string;
  readonly headers: LightHeaders;
  #signal: AbortSignal | undefined;

  constructor(input: string | URL | LightRequest, init: LightRequestInit = {}) {
    super();
    const from = input instanceof LightRequest ? input : undefined;
    const url = new URL(from ? from.url : String(input));
    if (url.username || url.password)
      throw new TypeError(
        `Request cannot be constructed from a URL that includes credentials: ${url.href}`,
      );
    this.url = url.href;
    this.method =
      init.method === undefined ? (from?.method ?? 'GET') : requestMethod(String(init.method));
    this.headers = new LightHeaders(init.headers ?? from?.headers);
    this.#signal = init.signal ?? from?.signal ?? undefined;
    let held: HeldBody;
    if (init.body !== undefined && init.body !== null) {
      if (this.method === 'GET' || this.method === 'HEAD')
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      const extracted = extractBody(init.body);
      if (extracted.contentType && !this.headers.has('content-type'))
        this.headers.set('content-type', extracted.contentType);
      held = extracted.body;
    } else if (from && init.body === undefined) {
      if (from.bodyUsed)
        throw new TypeError(
          'Cannot construct a Request with a Request object that has already been used.',
        );
      held = from.copyBody();
    } else {
      held = { kind: 'none' };
    }
    this.holdBody(held);
  }

  get signal(): AbortSignal {
    this.#signal ??= new AbortController().signal;
    return this.#signal;
  }

  clone(): LightRequest {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    return new LightRequest(this);
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }
}
