import { createHash, createHmac } from 'node:crypto';
import type { SigningKey } from './link-token.js';

/**
 * A calendar feed token: 256 opaque bits derived with HMAC from the person and the
 * feed's issue, under the link-signing key named by `kid`. It carries nothing
 * readable (no crew id, unlike a JWT's claims), so a calendar app or a shared
 * screenshot reveals nobody; the same inputs always give the same token, so the
 * portal can show the current URL again without the token being stored.
 */
export function feedToken(
  keys: readonly SigningKey[],
  ref: { crew_id: string; issue: number; kid: string },
): string | undefined {
  const key = keys.find((k) => k.kid === ref.kid);
  if (!key) return undefined;
  return createHmac('sha256', key.secret)
    .update(`feed:${ref.crew_id}:${ref.issue}`)
    .digest('base64url');
}

/** What DynamoDB stores to find a feed: the token's SHA-256, never the token. */
export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The shape of a token (43 base64url characters), checked before DynamoDB sees it. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
