import { createHash, createHmac } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { utilitiesCrypto } from '../../../apps-script/src/edge-api/utilities-crypto.js';
import {
  parseQuery,
  type SigV4Credentials,
  type SigV4Crypto,
  signRequest,
} from '../../../shared/sigv4/sign-request.js';
import {
  SIGV4_VECTORS,
  type SigV4Vector,
  VECTOR_CREDENTIALS,
  VECTOR_DATE,
  VECTOR_REGION,
  VECTOR_SERVICE,
} from '../../fixtures/sigv4-vectors.js';

const GENERATED_CASES = 600;
const GENERATED_CASES_APPS_SCRIPT = 150;

const nodeCrypto: SigV4Crypto = {
  utf8: (text) => Array.from(Buffer.from(text, 'utf8')),
  sha256: (data) => Array.from(createHash('sha256').update(Uint8Array.from(data)).digest()),
  hmacSha256: (key, data) =>
    Array.from(createHmac('sha256', Uint8Array.from(key)).update(Uint8Array.from(data)).digest()),
};

// --- a seeded PRNG and a generator of awkward requests -------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(private readonly rand: () => number) {}
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  times<T>(max: number, make: () => T): T[] {
    return Array.from({ length: this.int(max + 1) }, make);
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get'];
const HOSTS = [
  'abc123defg.execute-api.eu-west-1.amazonaws.com',
  'localhost:8787',
  '127.0.0.1:3000',
  'API.Example.COM',
  'crewcall.example.com:8443',
];
const PATH_SEGMENTS = [
  'prod',
  'crew',
  'crew-calls',
  'charters',
  '',
  '.',
  '..',
  'a b',
  'a%20b',
  '%2F',
  'a%2Fb',
  '%25',
  '%zz',
  '%',
  'caf\u00e9',
  'caf%C3%A9',
  '\u1234',
  '\u{1F600}',
  "!'()*",
  '-._~',
  ':@',
  '+',
  ';=,$&',
  '[x]',
  '{y}',
  '%E2%82%AC',
  '..%2F',
  '.hidden',
  '...',
  'UPPER',
  '"q"',
  '<>',
  '^`|\\',
];
const QUERY_KEYS = [
  'a',
  'A',
  'b',
  'Param1',
  'limit',
  'key with space',
  'k+ey',
  'ke%20y',
  '\u1234',
  '%E1%88%B4',
  '\u00e9',
  '%C3%A9',
  '!',
  "'",
  '(x)',
  '*',
  '~',
  '',
  '%',
  '%zz',
  '%C3',
  '%FF',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%F0%9F%98',
  '%E0%80%AF',
  '\u{1F600}',
  'X-Amz-Signature',
  'x-amz-signature',
  'X-Amz-Date',
  '%2B',
  '%26',
  '%3D',
  '%23',
  '/',
  '?',
  ':',
  '@',
  'Z',
  'z',
];
const QUERY_VALUES = [
  '',
  '1',
  'value',
  'Value',
  'a b',
  'a+b',
  'a%20b',
  'a%2Bb',
  '%',
  '%%',
  '%4',
  '%4g',
  '%41',
  '\u00e9',
  '%C3%A9',
  '%C3',
  '%C0%80',
  '%F4%90%80%80',
  '%ED%9F%BF',
  '\u{1F600}',
  "!'()*",
  '-._~',
  '2026-07-04T09:00:00-07:00',
  'true',
  '=',
  'x=y',
  '/path/?',
  '[1,2]',
  '{"k":"v"}',
  '"quoted"',
  '\u00a0',
  '\u4e2d\u6587',
];
const HEADER_NAMES = [
  'Content-Type',
  'content-type',
  'Accept',
  'X-Custom',
  'x-custom',
  'X-CUSTOM',
  'Idempotency-Key',
  'My-Header1',
  'User-Agent',
  'Cache-Control',
  'Connection',
  'Expect',
  'Proxy-Authorization',
  'Sec-Fetch-Mode',
  'X-Amzn-Trace-Id',
  'Date',
  'Authorization',
  'X-Amz-Date',
  'x-amz-meta-thing',
  'X-Amz-Content-Sha256',
  'X-Amz-Security-Token',
  'Host',
  'Content-Length',
  'If-Match',
];
const HEADER_VALUES = [
  'application/json',
  'application/json; charset=utf-8',
  '  leading',
  'trailing  ',
  '  both  ',
  'a   b\t\tc',
  'line1\r\nline2',
  'line1\n  folded',
  '\ttab',
  'tab\t',
  '',
  ' ',
  '\u00fcn\u00efc\u00f6d\u00e9',
  '"quoted   value"',
  'x',
  'UNSIGNED-PAYLOAD',
  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'W/"etag"',
  '42',
];
const JSON_STRINGS = [
  'Zo\u00eb',
  'caf\u00e9 \u2615',
  '\u{1F6A2} charter',
  'line\nbreak',
  'tab\there',
  'quote "x"',
  '\u4e2d\u6587',
  '\u00a0nbsp',
  '',
  'plain',
];

interface GeneratedCase {
  method: string;
  host: string;
  rawPath: string;
  rawQuery: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
  creds: SigV4Credentials;
  region: string;
  service: string;
  now: Date;
  signPayloadHeader: boolean | undefined;
}

function generateCase(g: Gen): GeneratedCase {
  let rawPath = '';
  if (!g.chance(0.05)) {
    rawPath = `/${g.times(5, () => g.pick(PATH_SEGMENTS)).join('/')}`;
    if (g.chance(0.2)) rawPath += '/';
    if (g.chance(0.1)) rawPath = `/${rawPath}`;
  }
  let rawQuery: string | undefined;
  if (g.chance(0.75)) {
    const pairs = g.times(6, () => {
      const key = g.pick(QUERY_KEYS);
      const form = g.int(4);
      if (form === 0) return key;
      if (form === 1) return `${key}=`;
      return `${key}=${g.pick(QUERY_VALUES)}`;
    });
    if (g.chance(0.15)) pairs.splice(g.int(pairs.length + 1), 0, '');
    rawQuery = pairs.join('&');
  }
  const headers: Record<string, string> = {};
  for (const name of g.times(7, () => g.pick(HEADER_NAMES))) {
    headers[name] = name === 'Host' ? g.pick(HOSTS).toLowerCase() : g.pick(HEADER_VALUES);
  }
  let body: string | undefined;
  const bodyKind = g.int(5);
  if (bodyKind === 1) body = '';
  if (bodyKind >= 2) {
    body = JSON.stringify({
      name: g.pick(JSON_STRINGS),
      notes: g.times(3, () => g.pick(JSON_STRINGS)),
      day_rate: { amount_cents: g.int(100000), currency: 'USD' },
      nested: { deep: [g.pick(JSON_STRINGS), g.int(10), null, true] },
    });
  }
  const creds: SigV4Credentials = {
    accessKeyId: g.pick(['AKIDEXAMPLE', 'ASIAXYZXYZXYZXYZXYZX', 'AKIAIOSFODNN7EXAMPLE']),
    secretAccessKey: g.pick([
      'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      'dev-admin-secret',
      'sëcret\u{1F511}',
    ]),
  };
  if (g.chance(0.4)) creds.sessionToken = g.pick(['FwoGZXIvYXdzEXAMPLE//token+/=', 'short']);
  const [region, service] = g.pick([
    ['eu-west-1', 'execute-api'],
    ['us-east-1', 'execute-api'],
    ['us-east-1', 'service'],
    ['ap-southeast-2', 'dynamodb'],
  ]) as [string, string];
  return {
    method: g.pick(METHODS),
    host: g.pick(HOSTS),
    rawPath,
    rawQuery,
    headers,
    body,
    creds,
    region,
    service,
    now: new Date(Date.UTC(2000, 0, 1) + g.int(40 * 365 * 24 * 3600) * 1000 + g.int(1000)),
    signPayloadHeader: g.pick([undefined, true, false]),
  };
}

function urlOf(c: GeneratedCase): string {
  return `https://${c.host}${c.rawPath}${c.rawQuery === undefined ? '' : `?${c.rawQuery}`}`;
}

function signWith(c: GeneratedCase, crypto: SigV4Crypto) {
  return signRequest(
    { method: c.method, url: urlOf(c), headers: c.headers, body: c.body },
    c.creds,
    {
      region: c.region,
      service: c.service,
      now: c.now,
      crypto,
      ...(c.signPayloadHeader === undefined ? {} : { signPayloadHeader: c.signPayloadHeader }),
    },
  );
}

/**
 * `URLSearchParams` as the WHATWG URL Standard defines it. Node's own deviates when a string
 * mixes raw non-ASCII characters with percent-escapes that are not valid UTF-8 (it then reads
 * the raw characters as Latin-1 bytes: `new URLSearchParams('\u00e9%f0')` gives '\uFFFD\uFFFD',
 * the standard '\u00e9\uFFFD'). Percent-encoding the non-ASCII characters first, as a URL
 * parser (and the wire) does, changes nothing under the standard and avoids Node's quirk.
 */
function standardSearchParams(query: string): URLSearchParams {
  // A leading '?' is stripped by the constructor, not by URL parsing: give it one to strip.
  return new URLSearchParams(`?${query.replace(/\P{ASCII}+/gu, encodeURIComponent)}`);
}

/** The reference: the AWS SDK's signer, on the request as the brief specifies it. */
async function smithySign(c: GeneratedCase): Promise<Record<string, string>> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of standardSearchParams(c.rawQuery ?? '')) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const headers = { ...c.headers };
  if (!Object.keys(headers).some((n) => n.toLowerCase() === 'host')) {
    headers.host = c.host.toLowerCase();
  }
  const signer = new SignatureV4({
    credentials: c.creds,
    region: c.region,
    service: c.service,
    sha256: Hash.bind(null, 'sha256'),
    ...(c.signPayloadHeader === undefined ? {} : { applyChecksum: c.signPayloadHeader }),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: c.method,
      protocol: 'https:',
      hostname: c.host.toLowerCase(),
      path: c.rawPath,
      query,
      headers,
      body: c.body,
    }),
    { signingDate: c.now },
  );
  return signed.headers as Record<string, string>;
}

function generatedCases(seed: number, count: number): GeneratedCase[] {
  const g = new Gen(mulberry32(seed));
  return Array.from({ length: count }, () => generateCase(g));
}

const HAND_PICKED: GeneratedCase[] = [
  {
    method: 'POST',
    host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
    rawPath: '/prod/crew-calls',
    rawQuery: undefined,
    headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
    body: JSON.stringify({ charter_id: 'c1', note: 'Zo\u00eb \u{1F6A2}' }),
    creds: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'tok/en+=' },
    region: 'eu-west-1',
    service: 'execute-api',
    now: new Date('2026-07-04T16:05:09.123Z'),
    signPayloadHeader: undefined,
  },
  {
    method: 'GET',
    host: 'localhost:8787',
    rawPath: '//prod/./crew%20list/../roster//x%2Fy/',
    rawQuery: 'b=2&a=3&a=1&a=&a&c=%2B+plus&d=%E2%82%AC&&e=it%27s&f=!%27()*',
    headers: { 'X-Spaces': '  a   b \t c  ', 'x-lines': 'one\r\ntwo', 'User-Agent': 'UrlFetchApp' },
    body: undefined,
    creds: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    },
    region: 'us-east-1',
    service: 'execute-api',
    now: new Date('2015-08-30T12:36:00Z'),
    signPayloadHeader: false,
  },
];

describe('signRequest matches @smithy/signature-v4', () => {
  it('on hand-picked API Gateway requests', async () => {
    for (const c of HAND_PICKED) {
      const ours = signWith(c, nodeCrypto);
      expect(ours.headers).toEqual(await smithySign(c));
    }
  });

  it(`on ${GENERATED_CASES} generated requests (seeded), Authorization byte for byte`, async () => {
    const cases = generatedCases(0x5167_0004, GENERATED_CASES);
    let withQuery = 0;
    let withBody = 0;
    for (const [i, c] of cases.entries()) {
      const ours = signWith(c, nodeCrypto);
      const theirs = await smithySign(c);
      if (ours.headers.authorization !== theirs.authorization) {
        throw new Error(
          `case ${i} differs:\n${JSON.stringify(c, null, 2)}\nours:   ${ours.headers.authorization}\ntheirs: ${theirs.authorization}\ncanonical request:\n${ours.canonicalRequest}`,
        );
      }
      expect(ours.headers, `case ${i}`).toEqual(theirs);
      if (c.rawQuery) withQuery++;
      if (c.body) withBody++;
    }
    // The generator really produces the awkward inputs it is meant to.
    expect(withQuery).toBeGreaterThan(GENERATED_CASES / 2);
    expect(withBody).toBeGreaterThan(GENERATED_CASES / 3);
  });

  it('decodes query strings exactly like URLSearchParams', () => {
    const g = new Gen(mulberry32(0xdec0de));
    const atoms = [...QUERY_KEYS, ...QUERY_VALUES, '=', '&', '+', '%', 'a', '\u00ff', '\u{10FFFF}'];
    for (let i = 0; i < 3000; i++) {
      const bytes = g.times(6, () => `%${g.int(256).toString(16).padStart(2, '0')}`).join('');
      const query = g.times(8, () => g.pick(atoms)).join('') + bytes;
      expect(parseQuery(query), query).toEqual([...standardSearchParams(query)]);
      if (!/\P{ASCII}/u.test(query)) {
        expect(parseQuery(query), query).toEqual([...new URLSearchParams(`?${query}`)]);
      }
    }
  });
});

// --- AWS's published test suite --------------------------------------------------------------

function parseReq(req: string): {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
} {
  const blank = req.indexOf('\n\n');
  const head = blank === -1 ? req : req.slice(0, blank);
  const body = blank === -1 ? '' : req.slice(blank + 2);
  const [requestLine = '', ...headerLines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const existing = Object.keys(headers).find((n) => n.toLowerCase() === name.toLowerCase());
    if (existing === undefined) {
      headers[name] = value;
    } else {
      // Repeated fields combine into one comma-separated value (RFC 9110 5.3).
      headers[existing] = `${(headers[existing] as string).trim()},${value.trim()}`;
    }
  }
  return { method, target, headers, body: body === '' ? undefined : body };
}

function signVector(v: SigV4Vector, crypto: SigV4Crypto) {
  const { method, target, headers, body } = parseReq(v.req);
  if (v.sessionToken !== undefined) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'x-amz-security-token') delete headers[name];
    }
  }
  const host = headers.Host ?? headers.host;
  return signRequest(
    { method, url: `https://${host}${target}`, headers, body },
    { ...VECTOR_CREDENTIALS, ...(v.sessionToken ? { sessionToken: v.sessionToken } : {}) },
    {
      region: VECTOR_REGION,
      service: VECTOR_SERVICE,
      now: VECTOR_DATE,
      crypto,
      signPayloadHeader: false,
    },
  );
}

describe('signRequest passes the AWS SigV4 test suite', () => {
  it('fixtures are consistent (sts hashes creq)', () => {
    for (const v of SIGV4_VECTORS) {
      if (v.creq === undefined || v.sts === undefined) continue;
      const hash = createHash('sha256').update(v.creq, 'utf8').digest('hex');
      expect(v.sts.split('\n')[3], v.name).toBe(hash);
    }
  });

  for (const v of SIGV4_VECTORS) {
    it(v.name, async () => {
      const result = signVector(v, nodeCrypto);
      if (v.creq !== undefined) expect(result.canonicalRequest).toBe(v.creq);
      if (v.sts !== undefined) expect(result.stringToSign).toBe(v.sts);
      expect(result.headers.authorization).toBe(v.authz);

      // And the AWS SDK agrees on the same input.
      const { method, target, headers, body } = parseReq(v.req);
      const q = target.indexOf('?');
      const theirs = await smithySign({
        method,
        host: 'example.amazonaws.com',
        rawPath: q === -1 ? target : target.slice(0, q),
        rawQuery: q === -1 ? undefined : target.slice(q + 1),
        headers,
        body,
        creds: VECTOR_CREDENTIALS,
        region: VECTOR_REGION,
        service: VECTOR_SERVICE,
        now: VECTOR_DATE,
        signPayloadHeader: false,
      });
      expect(theirs.authorization).toBe(v.authz);
    });
  }
});

// --- Apps Script's Utilities, faked with node:crypto -------------------------------------------

function isSignedBytes(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= -128 && b <= 127)
  );
}

function signedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b << 24) >> 24);
}

/** Behaves like Apps Script's Utilities for the calls the signer makes: Java bytes in, Java bytes out. */
function fakeUtilities(calls: { digest: number; hmac: number; blob: number }) {
  const bytesIn = (value: unknown): Uint8Array => {
    if (!isSignedBytes(value)) throw new Error(`not a Byte[]: ${JSON.stringify(value)}`);
    return Uint8Array.from(value, (b) => b & 0xff);
  };
  const fake = {
    DigestAlgorithm: { SHA_256: 'SHA_256' },
    newBlob(data: unknown) {
      if (typeof data !== 'string') throw new Error('newBlob: expected a string');
      calls.blob++;
      return { getBytes: () => signedBytes(Buffer.from(data, 'utf8')) };
    },
    computeDigest(algorithm: unknown, value: unknown) {
      if (algorithm !== 'SHA_256') throw new Error('computeDigest: expected SHA_256');
      calls.digest++;
      return signedBytes(createHash('sha256').update(bytesIn(value)).digest());
    },
    computeHmacSha256Signature(value: unknown, key: unknown) {
      calls.hmac++;
      return signedBytes(createHmac('sha256', bytesIn(key)).update(bytesIn(value)).digest());
    },
  };
  return fake as unknown as GoogleAppsScript.Utilities.Utilities;
}

describe('utilitiesCrypto (Apps Script Utilities)', () => {
  it('converts between Java bytes and 0..255', () => {
    const calls = { digest: 0, hmac: 0, blob: 0 };
    const crypto = utilitiesCrypto(fakeUtilities(calls));
    expect(crypto.utf8('a\u00e9\u{1F600}')).toEqual([0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect(crypto.utf8('')).toEqual([]);
    const all = Array.from({ length: 256 }, (_, i) => i);
    expect(crypto.sha256(all)).toEqual(nodeCrypto.sha256(all));
    expect(crypto.hmacSha256(all.slice(100), all)).toEqual(
      nodeCrypto.hmacSha256(all.slice(100), all),
    );
    expect(crypto.sha256(all).every((b) => b >= 0 && b <= 255)).toBe(true);
    expect(calls).toEqual({ digest: 2, hmac: 1, blob: 1 });
  });

  it(`signs ${GENERATED_CASES_APPS_SCRIPT} generated requests exactly like node:crypto`, () => {
    const calls = { digest: 0, hmac: 0, blob: 0 };
    const crypto = utilitiesCrypto(fakeUtilities(calls));
    for (const c of generatedCases(0xa995, GENERATED_CASES_APPS_SCRIPT)) {
      const viaUtilities = signWith(c, crypto);
      const viaNode = signWith(c, nodeCrypto);
      expect(viaUtilities.headers).toEqual(viaNode.headers);
      expect(viaUtilities.canonicalRequest).toBe(viaNode.canonicalRequest);
    }
    expect(calls.hmac).toBe(GENERATED_CASES_APPS_SCRIPT * 5);
    expect(calls.digest).toBeGreaterThanOrEqual(GENERATED_CASES_APPS_SCRIPT);
  });

  it('passes the AWS test suite vectors', () => {
    const crypto = utilitiesCrypto(fakeUtilities({ digest: 0, hmac: 0, blob: 0 }));
    for (const v of SIGV4_VECTORS) {
      expect(signVector(v, crypto).headers.authorization, v.name).toBe(v.authz);
    }
  });
});
