import { createHash, createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Magic links carry a JWT (HS256, pinned) whose only claims are an opaque link
 * id, the audience and the times: no name, email or call details in clear.
 * The link id is 256 bits derived with HMAC from the call, the recipient and
 * the issue number, so re-rendering a notification gives the same link
 * without ever storing the token; DynamoDB keeps only the id's SHA-256.
 */
export const LINK_AUDIENCE = 'crewcall-crew-link';
const ALG = 'HS256';

export interface SigningKey {
  kid: string;
  secret: Uint8Array;
}

export interface LinkRef {
  call_id: string;
  crew_id: string;
  /** 1 for the first link of this person on this call; reissuing bumps it. */
  issue: number;
  kid: string;
  /** Epoch seconds. */
  issued_at: number;
  expires_at: number;
}

export function keyFor(keys: readonly SigningKey[], kid: string): SigningKey | undefined {
  return keys.find((k) => k.kid === kid);
}

/** The link id for one recipient's n-th link on a call (base64url, 256 bits). */
export function linkId(
  keys: readonly SigningKey[],
  ref: Pick<LinkRef, 'call_id' | 'crew_id' | 'issue' | 'kid'>,
): string {
  const key = keyFor(keys, ref.kid);
  if (!key) throw new Error(`no link signing key "${ref.kid}"`);
  return createHmac('sha256', key.secret)
    .update(`link-id|${ref.call_id}|${ref.crew_id}|${ref.issue}`)
    .digest('base64url');
}

/** What DynamoDB stores to find a link: the id's hash, never the id or the token. */
export function linkHash(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export async function signLinkToken(keys: readonly SigningKey[], ref: LinkRef): Promise<string> {
  const key = keyFor(keys, ref.kid);
  if (!key) throw new Error(`no link signing key "${ref.kid}"`);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: ref.kid, typ: 'JWT' })
    .setJti(linkId(keys, ref))
    .setAudience(LINK_AUDIENCE)
    .setIssuedAt(ref.issued_at)
    .setExpirationTime(ref.expires_at)
    .sign(key.secret);
}

export type LinkTokenCheck =
  | { ok: true; hash: string; kid: string; issued_at: number; expires_at: number }
  /** Expired, but genuinely ours: the hash still finds the record (for inspection). */
  | {
      ok: false;
      problem: 'expired';
      hash: string;
      kid: string;
      issued_at: number;
      expires_at: number;
    }
  | { ok: false; problem: 'invalid' };

/** Verifies signature (pinned algorithm, key by kid), audience and expiry. */
export async function verifyLinkToken(
  keys: readonly SigningKey[],
  token: string,
  now: Date,
): Promise<LinkTokenCheck> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 1000) {
    return { ok: false, problem: 'invalid' };
  }
  try {
    const { payload, protectedHeader } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid ? keyFor(keys, header.kid) : undefined;
        if (!key) throw new errors.JWSSignatureVerificationFailed();
        return key.secret;
      },
      {
        algorithms: [ALG],
        audience: LINK_AUDIENCE,
        currentDate: now,
        requiredClaims: ['jti', 'exp', 'iat'],
      },
    );
    return {
      ok: true,
      hash: linkHash(payload.jti as string),
      kid: protectedHeader.kid as string,
      issued_at: payload.iat as number,
      expires_at: payload.exp as number,
    };
  } catch (error) {
    // jose checks the signature before the claims, so an expired token here is one we signed.
    if (error instanceof errors.JWTExpired && typeof error.payload.jti === 'string') {
      return {
        ok: false,
        problem: 'expired',
        hash: linkHash(error.payload.jti),
        kid: String(decodeProtectedKid(token)),
        issued_at: Number(error.payload.iat),
        expires_at: Number(error.payload.exp),
      };
    }
    return { ok: false, problem: 'invalid' };
  }
}

function decodeProtectedKid(token: string): string | undefined {
  try {
    const header = JSON.parse(
      Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8'),
    );
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
