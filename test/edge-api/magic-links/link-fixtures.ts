import { createHash, createHmac } from 'node:crypto';
import type { LinkRef, SigningKey } from '../../../edge-api/src/magic-links/link-token.js';

const secret = (label: string) => new Uint8Array(createHash('sha256').update(label).digest());

/** Newest first, as configured: links signed with the older key still open. */
export const KEYS: SigningKey[] = [
  { kid: 'k2026b', secret: secret('fictional link key b') },
  { kid: 'k2026a', secret: secret('fictional link key a') },
];
/** A key the API does not hold. */
export const STRANGER: SigningKey = { kid: 'k2026b', secret: secret('someone else') };

export const NOW = new Date('2026-06-01T12:00:00.000Z');
export const NOW_S = NOW.getTime() / 1000;

export const REF: LinkRef = {
  call_id: 'CALL-0601-BLUE-HERON',
  crew_id: 'crew-abdul',
  issue: 1,
  kid: 'k2026b',
  issued_at: NOW_S - 3600,
  expires_at: NOW_S + 7 * 86400,
};

export const b64u = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

/**
 * A token put together by hand: any header and payload (objects are JSON-encoded,
 * strings and bytes taken as they are), HMAC-SHA256 signed with `key` (or given
 * the signature text `signature`), so tests can sign what the API never would.
 */
export function craft(
  header: unknown,
  payload: unknown,
  key: SigningKey | { signature: string },
): string {
  const part = (value: unknown) =>
    typeof value === 'string' || value instanceof Uint8Array
      ? b64u(value)
      : b64u(JSON.stringify(value));
  const input = `${part(header)}.${part(payload)}`;
  const signature =
    'signature' in key
      ? key.signature
      : createHmac('sha256', key.secret).update(input).digest('base64url');
  return `${input}.${signature}`;
}

export const HEADER = { alg: 'HS256', kid: 'k2026b', typ: 'JWT' };
export const claims = (extra: Record<string, unknown> = {}) => ({
  jti: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  aud: 'crewcall-crew-link',
  iat: NOW_S - 60,
  exp: NOW_S + 3600,
  ...extra,
});
export const KEY = KEYS[0] as SigningKey;
