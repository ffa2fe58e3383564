/**
 * AWS Signature Version 4 for a single HTTP request (Authorization header form),
 * written for runtimes that have no WebCrypto, no TextEncoder and no Node APIs
 * (Google Apps Script V8): the hashing primitives are injected.
 *
 * The canonicalisation follows `@smithy/signature-v4` (the signer the AWS SDK
 * for JavaScript uses) byte for byte, with its defaults (`uriEscapePath: true`,
 * `applyChecksum: true`), so a request signed here carries the same
 * Authorization header the SDK would produce. In particular:
 *
 * - The path is taken exactly as written in the URL (already percent-encoded
 *   or not), `.`/`..` segments and empty segments are removed, and the result
 *   is URI-escaped once more (so `%20` in the URL becomes `%2520`): the
 *   double encoding every AWS service except S3 expects, API Gateway included.
 * - The query string is decoded the way `URLSearchParams` decodes it, then
 *   every key and value is RFC 3986-escaped; pairs are sorted by key, and by
 *   value within a repeated key. `X-Amz-Signature` is never signed.
 * - `authorization`, `x-amz-date` and `date` headers passed in are dropped
 *   (they are generated, or in the case of `date` never signed by the SDK).
 *   Header names are lower-cased, values have CR/LF turned into spaces, runs
 *   of spaces/tabs folded into one and one leading/trailing space removed.
 *   Hop-by-hop and other unsignable headers (user-agent, connection, ...,
 *   `proxy-*`, `sec-*`) stay on the request but are not signed.
 * - The payload hash is the value of an `x-amz-content-sha256` header if the
 *   caller set one, else SHA-256 of the UTF-8 body (of nothing without body).
 *
 * Sign exactly the URL string you then send: the signature covers the path
 * and query as written.
 */

/** Hash primitives, all on byte arrays with values 0..255. */
export interface SigV4Crypto {
  /** UTF-8 bytes of a string (values 0..255). */
  utf8(text: string): number[];
  sha256(data: number[]): number[]; // bytes 0..255
  hmacSha256(key: number[], data: number[]): number[];
}

export interface SignableRequest {
  method: string;
  /** Absolute URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/prod/crew?x=1`. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignRequestOptions {
  region: string;
  /** `execute-api` for API Gateway. */
  service: string;
  now: Date;
  crypto: SigV4Crypto;
  /** Add (and sign) an `x-amz-content-sha256` header. Default true, like the AWS SDK. */
  signPayloadHeader?: boolean;
}

export interface SignedRequest {
  /** The request headers to send: the input ones plus host, x-amz-date, (x-amz-security-token), (x-amz-content-sha256) and authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex. */
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const AUTH_HEADER = 'authorization';
const DATE_HEADER = 'x-amz-date';
const TOKEN_HEADER = 'x-amz-security-token';
const SHA256_HEADER = 'x-amz-content-sha256';
/** Headers the AWS SDK generates itself; any the caller passes are dropped. */
const GENERATED_HEADERS = [AUTH_HEADER, DATE_HEADER, 'date'];
/** Headers the AWS SDK never signs (they may be changed in transit). */
const UNSIGNABLE_HEADERS = [
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
];

export function signRequest(
  req: SignableRequest,
  creds: SigV4Credentials,
  opts: SignRequestOptions,
): SignedRequest {
  const { crypto } = opts;
  const url = splitUrl(req.url);
  const method = req.method || 'GET';

  const longDate = opts.now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${opts.region}/${opts.service}/aws4_request`;

  const headers: Record<string, string> = {};
  const input = req.headers ?? {};
  for (const name of Object.keys(input)) {
    if (GENERATED_HEADERS.indexOf(name.toLowerCase()) === -1) {
      headers[name] = input[name] as string;
    }
  }
  if (findHeader(headers, 'host') === undefined) {
    headers.host = url.host;
  }
  headers[DATE_HEADER] = longDate;
  if (creds.sessionToken) {
    headers[TOKEN_HEADER] = creds.sessionToken;
  }
  const givenPayloadHash = findHeader(headers, SHA256_HEADER);
  const payloadHash =
    givenPayloadHash ??
    (req.body === undefined || req.body === null || req.body === ''
      ? EMPTY_SHA256
      : toHex(crypto.sha256(crypto.utf8(req.body))));
  if (givenPayloadHash === undefined && opts.signPayloadHeader !== false) {
    headers[SHA256_HEADER] = payloadHash;
  }

  const canonicalHeaders = getCanonicalHeaders(headers);
  const signedHeaderNames = Array.from(canonicalHeaders.keys()).sort();
  const signedHeaders = signedHeaderNames.join(';');
  const canonicalRequest = [
    method,
    getCanonicalPath(url.path),
    getCanonicalQuery(url.query),
    signedHeaderNames.map((name) => `${name}:${canonicalHeaders.get(name)}`).join('\n'),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');

  const stringToSign = [
    ALGORITHM,
    longDate,
    scope,
    toHex(crypto.sha256(crypto.utf8(canonicalRequest))),
  ].join('\n');

  let key = crypto.utf8(`AWS4${creds.secretAccessKey}`);
  for (const part of [shortDate, opts.region, opts.service, 'aws4_request']) {
    key = crypto.hmacSha256(key, crypto.utf8(part));
  }
  const signature = toHex(crypto.hmacSha256(key, crypto.utf8(stringToSign)));

  headers[AUTH_HEADER] =
    `${ALGORITHM} Credential=${creds.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;

  return { headers, canonicalRequest, stringToSign, signature };
}

/** RFC 3986 escaping: everything but `A-Za-z0-9-._~`, as UTF-8. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === lowerName) {
      return headers[name];
    }
  }
  return undefined;
}

interface UrlParts {
  host: string;
  path: string;
  query: string;
}

function splitUrl(url: string): UrlParts {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url);
  const authority = match?.[1];
  if (!match || !authority) {
    throw new Error(`signRequest: not an absolute URL: ${url}`);
  }
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  return { host, path: match[2] ?? '', query: match[3] ?? '' };
}

function getCanonicalPath(rawPath: string): string {
  const path = rawPath.charAt(0) === '/' ? rawPath : `/${rawPath}`;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  const trailingSlash = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return escapeUri(`/${segments.join('/')}${trailingSlash}`).replace(/%2F/g, '/');
}

function getCanonicalQuery(rawQuery: string): string {
  const byKey = new Map<string, string[]>();
  for (const [name, value] of parseQuery(rawQuery)) {
    if (name.toLowerCase() === 'x-amz-signature') {
      continue;
    }
    const key = escapeUri(name);
    const pair = `${key}=${escapeUri(value)}`;
    const pairs = byKey.get(key);
    if (pairs) {
      pairs.push(pair);
    } else {
      byKey.set(key, [pair]);
    }
  }
  return Array.from(byKey.keys())
    .sort()
    .map((key) => (byKey.get(key) as string[]).sort().join('&'))
    .join('&');
}

function getCanonicalHeaders(headers: Record<string, string>): Map<string, string> {
  const canonical = new Map<string, string>();
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name];
    if (value === undefined || value === null) {
      continue;
    }
    const lower = name.toLowerCase();
    if (UNSIGNABLE_HEADERS.indexOf(lower) !== -1 || /^(proxy|sec)-/.test(lower)) {
      continue;
    }
    canonical.set(
      lower,
      String(value)
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, ''),
    );
  }
  return canonical;
}

/**
 * Name/value pairs of a query string, decoded exactly like `new URLSearchParams(query)`
 * (WHATWG application/x-www-form-urlencoded parsing): `+` is a space, `%XX` a byte, and
 * the bytes are read as UTF-8 with U+FFFD for invalid sequences.
 */
export function parseQuery(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([formDecode(name), formDecode(value)]);
  }
  return pairs;
}

function formDecode(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/\+/g, ' ');
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x25 && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      let codePoint = code;
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = input.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          codePoint = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else {
          codePoint = 0xfffd;
        }
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        codePoint = 0xfffd;
      }
      pushUtf8(bytes, codePoint);
    }
  }
  return decodeUtf8(bytes);
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) {
    bytes.push(cp);
  } else if (cp < 0x800) {
    bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  } else {
    bytes.push(
      0xf0 | (cp >> 18),
      0x80 | ((cp >> 12) & 0x3f),
      0x80 | ((cp >> 6) & 0x3f),
      0x80 | (cp & 0x3f),
    );
  }
}

/** The WHATWG Encoding Standard's UTF-8 decoder (replacement mode, no BOM handling needed here). */
function decodeUtf8(bytes: number[]): string {
  const codePoints: number[] = [];
  let codePoint = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (needed === 0) {
      if (byte <= 0x7f) {
        codePoints.push(byte);
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x07;
      } else {
        codePoints.push(0xfffd);
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      codePoint = 0;
      needed = 0;
      seen = 0;
      lower = 0x80;
      upper = 0xbf;
      codePoints.push(0xfffd);
      i--; // reprocess this byte as the start of a new sequence
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    seen++;
    if (seen === needed) {
      codePoints.push(codePoint);
      codePoint = 0;
      needed = 0;
      seen = 0;
    }
  }
  if (needed !== 0) {
    codePoints.push(0xfffd);
  }
  let text = '';
  for (let i = 0; i < codePoints.length; i += 4096) {
    text += String.fromCodePoint(...codePoints.slice(i, i + 4096));
  }
  return text;
}

function toHex(bytes: number[]): string {
  let hex = '';
  for (const byte of bytes) {
    hex += ((byte & 0xff) | 0x100).toString(16).slice(1);
  }
  return hex;
}
