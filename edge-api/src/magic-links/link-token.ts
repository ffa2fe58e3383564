import { createHash, createHmac } from 'node:crypto';
import { signJwt, verifyJwt } from './compact-jws.js';
import { type LinkTarget, openLinkTarget, sealLinkTarget } from './sealed-ids.js';

export type { LinkTarget };

/**
 * Magic links carry a JWT (HS256, pinned) whose only claims are an opaque link
 * id, the audience, the times and, since links carry them, the call, person and
 * charter ids sealed (`ids`, sealed-ids.ts): no name, email or call details in clear.
 * The link id is 256 bits derived with HMAC from the call, the recipient and
 * the issue number, so re-rendering a notification gives the same link
 * without ever storing the token; DynamoDB keeps only the id's SHA-256.
 * The sealed ids let a page read its link record and what it shows in one request;
 * the record stays the authority (crew-link-view.ts checks they match it).
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

/**
 * A link's token. Every link the API sends names its `target` (sealed into it); without
 * one the token is the older kind, byte for byte as links were signed before they carried
 * their ids (tests build links already in crew members' messages this way).
 */
export async function signLinkToken(
  keys: readonly SigningKey[],
  ref: LinkRef,
  target?: LinkTarget,
): Promise<string> {
  const key = keyFor(keys, ref.kid);
  if (!key) throw new Error(`no link signing key "${ref.kid}"`);
  const jti = linkId(keys, ref);
  return signJwt(key, {
    jti,
    aud: LINK_AUDIENCE,
    iat: ref.issued_at,
    exp: ref.expires_at,
    ...(target ? { ids: sealLinkTarget(key.secret, jti, target) } : {}),
  });
}

export type LinkTokenCheck =
  | {
      ok: true;
      hash: string;
      kid: string;
      issued_at: number;
      expires_at: number;
      /** What the link leads to, unsealed; absent on links signed before links carried it. */
      target?: LinkTarget;
    }
  /** Expired, but genuinely ours: the hash still finds the record (for inspection). */
  | {
      ok: false;
      problem: 'expired';
      hash: string;
      kid: string;
      issued_at: number;
      expires_at: number;
      target?: LinkTarget;
    }
  | { ok: false; problem: 'invalid' };

/**
 * Verifies signature (pinned header, key by kid), audience and expiry, and opens the sealed
 * ids with the same kid's key: a seal that does not open makes the whole link invalid.
 */
export async function verifyLinkToken(
  keys: readonly SigningKey[],
  token: string,
  now: Date,
): Promise<LinkTokenCheck> {
  const check = verifyJwt(keys, token, LINK_AUDIENCE, now);
  if (!check.ok && check.problem === 'invalid') return check;
  const { jti, iat, exp, ids } = check.claims;
  let target: LinkTarget | undefined;
  if (ids !== undefined) {
    target = openLinkTarget((keyFor(keys, check.kid) as SigningKey).secret, jti, ids);
    if (!target) return { ok: false, problem: 'invalid' };
  }
  const found = {
    hash: linkHash(jti),
    kid: check.kid,
    issued_at: iat,
    expires_at: exp,
    ...(target ? { target } : {}),
  };
  return check.ok ? { ok: true, ...found } : { ok: false, problem: 'expired', ...found };
}
