import { createHash, createHmac } from 'node:crypto';
import { signJwt, verifyJwt } from './compact-jws.js';

/**
 * Magic links carry a JWT (HS256, pinned) whose only claims are an opaque link
 * id, the audience and the times: no name, email or call details in clear.
 * The link id is 256 bits derived with HMAC from the call, the recipient and
 * the issue number, so re-rendering a notification gives the same link
 * without ever storing the token; DynamoDB keeps only the id's SHA-256.
 */
export const LINK_AUDIENCE = 'crewcall-crew-link';

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
  return signJwt(key, {
    jti: linkId(keys, ref),
    aud: LINK_AUDIENCE,
    iat: ref.issued_at,
    exp: ref.expires_at,
  });
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

/** Verifies signature (pinned header, key by kid), audience and expiry. */
export async function verifyLinkToken(
  keys: readonly SigningKey[],
  token: string,
  now: Date,
): Promise<LinkTokenCheck> {
  const check = verifyJwt(keys, token, LINK_AUDIENCE, now);
  if (!check.ok && check.problem === 'invalid') return check;
  const { jti, iat, exp } = check.claims;
  const found = { hash: linkHash(jti), kid: check.kid, issued_at: iat, expires_at: exp };
  return check.ok ? { ok: true, ...found } : { ok: false, problem: 'expired', ...found };
}
