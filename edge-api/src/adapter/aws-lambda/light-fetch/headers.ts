/**
 * `Headers` as the Fetch standard defines it, for the parts Hono and crewcall use: names are
 * tokens, compared case-insensitively and listed lower-case in byte order; values lose
 * leading and trailing HTTP whitespace and may hold no NUL, CR, LF or character above
 * U+00FF (a TypeError, as Node's own); repeated names are combined with ", ", except
 * `set-cookie`, whose values stay apart (`getSetCookie`) and are listed one by one.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const FORBIDDEN_IN_VALUE = /[\0\r\n\u0100-\uffff]/;

export type LightHeadersInit =
  | LightHeaders
  | Iterable<readonly [string, string]>
  | Record<string, string>
  | undefined;

function headerName(name: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: "${text}" is an invalid header name.`);
  return text.toLowerCase();
}

function headerValue(value: string): string {
  const text = String(value).replace(EDGE_WHITESPACE, '');
  if (FORBIDDEN_IN_VALUE.test(text))
    throw new TypeError(`Headers: "${text}" is an invalid header value.`);
  return text;
}

export class LightHeaders {
  readonly #values = new Map<string, string>();
  #cookies: string[] = [];

  constructor(init?: LightHeadersInit) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers: init must be an object');
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<readonly [string, string]>) {
        if (pair.length !== 2) throw new TypeError('Headers: each pair must be [name, value]');
        this.append(pair[0], pair[1]);
      }
      return;
    }
    for (const [name, value] of Object.entries(init)) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    if (key === 'set-cookie') {
      this.#cookies.push(text);
      return;
    }
    const before = this.#values.get(key);
    this.#values.set(key, before === undefined ? text : `${before}, ${text}`);
  }

  set(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    if (key === 'set-cookie') this.#cookies = [text];
    else this.#values.set(key, text);
  }

  get(name: string): string | null {
    const key = headerName(name);
    if (key === 'set-cookie') return this.#cookies.length > 0 ? this.#cookies.join(', ') : null;
    return this.#values.get(key) ?? null;
  }

  has(name: string): boolean {
    const key = headerName(name);
    return key === 'set-cookie' ? this.#cookies.length > 0 : this.#values.has(key);
  }

  delete(name: string): void {
    const key = headerName(name);
    if (key === 'set-cookie') this.#cookies = [];
    else this.#values.delete(key);
  }

  getSetCookie(): string[] {
    return [...this.#cookies];
  }

  /** Sorted by name, `set-cookie` once per cookie: the standard's "sort and combine". */
  *entries(): IterableIterator<[string, string]> {
    const names = [...this.#values.keys()];
    if (this.#cookies.length > 0) names.push('set-cookie');
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name === 'set-cookie') for (const cookie of this.#cookies) yield [name, cookie];
      else yield [name, this.#values.get(name) as string];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(
    callback: (value: string, name: string, headers: LightHeaders) => void,
    thisArg?: unknown,
  ) {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
