import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { isInsideLambda } from '../../config/index.js';
import { UserError } from '../../errors/index.js';
import { parseSigV4Authorization } from '../sigv4-authorization.js';

export interface LocalSigV4Options {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Allowed clock difference either way. */
  maxSkewMs?: number;
  now?: () => Date;
}

const SERVICE = 'execute-api';
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Verifies AWS SigV4 on admin requests when there is no API Gateway in front
 * (npm start, tests): recomputes the signature with @smithy/signature-v4 over
 * the request as received and compares in constant time. In AWS, API Gateway's
 * IAM auth does this job; this verifier refuses to exist inside Lambda.
 */
export function localSigV4Auth(options: LocalSigV4Options): MiddlewareHandler<AppEnv> {
  if (isInsideLambda()) {
    throw new Error(
      'the local SigV4 verifier must not run inside AWS Lambda; use API Gateway IAM auth',
    );
  }
  const maxSkewMs = options.maxSkewMs ?? 5 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region: options.region,
    service: SERVICE,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });

  return async (c, next) => {
    const auth = parseSigV4Authorization(c.req.header('authorization'));
    if (!c.req.header('authorization')) {
      throw new UserError(
        401,
        'missing_signature',
        'admin routes need an AWS SigV4-signed request: the Authorization header is missing',
      );
    }
    if (!auth) {
      throw new UserError(
        401,
        'malformed_signature',
        'the Authorization header is not an AWS4-HMAC-SHA256 signature',
      );
    }
    if (auth.service !== SERVICE) {
      throw new UserError(
        401,
        'wrong_service',
        `the request is signed for service "${auth.service}"; sign it for "${SERVICE}"`,
      );
    }
    if (auth.region !== options.region) {
      throw new UserError(
        401,
        'wrong_region',
        `the request is signed for region "${auth.region}"; sign it for "${options.region}"`,
      );
    }
    for (const required of ['host', 'x-amz-date']) {
      if (!auth.signedHeaders.includes(required)) {
        throw new UserError(
          401,
          'malformed_signature',
          `the signature must cover the ${required} header`,
        );
      }
    }
    if (!safeEqual(auth.accessKeyId, options.accessKeyId)) {
      throw new UserError(
        403,
        'unknown_access_key',
        'the access key id in the signature is not an admin key',
      );
    }
    const amzDate = c.req.header('x-amz-date') ?? '';
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt || !amzDate.startsWith(auth.date)) {
      throw new UserError(
        401,
        'malformed_signature',
        'the X-Amz-Date header is missing or does not match the credential date',
      );
    }
    const skewMs = signedAt.getTime() - now().getTime();
    if (Math.abs(skewMs) > maxSkewMs) {
      throw new UserError(
        403,
        'request_time_skewed',
        `the request was signed at ${signedAt.toISOString()}, more than 5 minutes ${skewMs > 0 ? 'ahead of' : 'behind'} the server's clock (${now().toISOString()})`,
      );
    }

    const body = new Uint8Array(await c.req.arrayBuffer());
    const claimedHash = c.req.header('x-amz-content-sha256');
    if (claimedHash !== undefined && claimedHash !== sha256Hex(body)) {
      throw new UserError(
        403,
        'signature_mismatch',
        'the body does not match the signed payload hash',
      );
    }

    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = c.req.header(name);
      if (value === undefined) {
        throw new UserError(
          403,
          'signature_mismatch',
          `the signed header ${name} is missing from the request`,
        );
      }
      headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? (values[0] as string) : values;
    }
    const expected = await signer.sign(
      new HttpRequest({
        method: c.req.method,
        protocol: url.protocol,
        hostname: headers.host ?? url.host,
        path: url.pathname,
        query,
        headers,
        body: body.byteLength > 0 ? body : undefined,
      }),
      { signingDate: signedAt, signableHeaders: new Set(auth.signedHeaders) },
    );
    const expectedAuth = parseSigV4Authorization(expected.headers.authorization);
    if (!expectedAuth || !safeEqual(expectedAuth.signature, auth.signature)) {
      throw new UserError(
        403,
        'signature_mismatch',
        'the signature does not match this request: check the secret key, and that nothing changed the method, path, query, signed headers or body after signing',
      );
    }
    c.set('adminCaller', auth.accessKeyId);
    await next();
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseAmzDate(value: string): Date | undefined {
  const m = value.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
