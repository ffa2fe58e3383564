import { isUtf8 } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JWTs in compact form with node:crypto alone: jose's WebCrypto start cost
 * a crew page's cold start several milliseconds. The header is pinned to the one
 * text we write, `{"alg":"HS256","kid":…,"typ":"JWT"}`, so there is no algorithm,
 * `crit` or key choice to negotiate; the key is the one its kid names. The claims
 * are checked as jose's jwtVerify checked them (audience, required jti/exp/iat,
 * nbf, exp, no clock tolerance), so links signed by the jose-based code open alike.
 */

export interface HmacKey {
  kid: string;
  secret: Uint8Array;
}

export interface JwtClaims {
  jti: string;
  aud: string;
  /** Epoch seconds. */
  iat: number;
  exp: number;
  /** Opaque sealed text (link-token.ts seals the ids a page reads with); absent on older tokens. */
  ids?: string;
}

/** What a verified token tells: its id, times and sealed ids if any (its audience was ours). */
export type CheckedClaims = Pick<JwtClaims, 'jti' | 'iat' | 'exp' | 'ids'>;

export type JwtCheck =
  | { ok: true; kid: string; claims: CheckedClaims }
  /** Signed by one of our keys and otherwise valid, but past its exp. */
  | { ok: false; problem: 'expired'; kid: string; claims: CheckedClaims }
  | { ok: false; problem: 'invalid' };

/** Longer than any token we sign; checked before any decoding or hashing. */
export const MAX_TOKEN_LENGTH = 1000;
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const INVALID = { ok: false, problem: 'invalid' } as const;

const headerFor = (kid: string) =>
  Buffer.from(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' })).toString('base64url');

const mac = (secret: Uint8Array, input: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

export function signJwt(key: HmacKey, claims: JwtClaims): string {
  for (const time of [claims.iat, claims.exp]) {
    if (!Number.isFinite(time)) throw new TypeError(`JWT times must be finite numbers: ${time}`);
  }
  // jose's claim order, so a link without sealed ids signs to the same text it always did.
  const { jti, aud, iat, exp, ids } = claims;
  const body = Buffer.from(
    JSON.stringify(ids === undefined ? { jti, aud, iat, exp } : { jti, aud, iat, exp, ids }),
  ).toString('base64url');
  const input = `${headerFor(key.kid)}.${body}`;
  return `${input}.${mac(key.secret, input)}`;
}

export function verifyJwt(
  keys: readonly HmacKey[],
  token: string,
  audience: string,
  now: Date,
): JwtCheck {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT.test(token)) return INVALID;
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const key = keys.find((k) => headerFor(k.kid) === header);
  if (!key) return INVALID;
  // Compared as text: the one canonical encoding of the MAC, no padding bits to play with.
  const expected = Buffer.from(mac(key.secret, `${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return INVALID;

  const claims = decodeClaims(payload);
  if (!claims) return INVALID;
  for (const name of ['jti', 'exp', 'iat', 'aud']) if (!Object.hasOwn(claims, name)) return INVALID;
  const { aud, iat, nbf, exp, jti, ids } = claims;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return INVALID;
  const nowS = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nowS) || typeof iat !== 'number') return INVALID;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowS)) return INVALID;
  if (typeof exp !== 'number' || typeof jti !== 'string') return INVALID;
  if (ids !== undefined && typeof ids !== 'string') return INVALID;
  const checked: CheckedClaims = ids === undefined ? { jti, iat, exp } : { jti, iat, exp, ids };
  if (exp <= nowS) return { ok: false, problem: 'expired', kid: key.kid, claims: checked };
  return { ok: true, kid: key.kid, claims: checked };
}

/** The claims object, or undefined unless canonical base64url of UTF-8 JSON for an object. */
function decodeClaims(segment: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment || !isUtf8(bytes)) return undefined;
  let text = bytes.toString('utf8');
  // jose read it with TextDecoder, which drops one leading byte-order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
