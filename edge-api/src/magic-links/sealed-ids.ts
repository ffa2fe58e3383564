import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

/**
 * The keys a crew page reads with its link record (the call, the person, the charter),
 * sealed into the link so that the page reads all of them in one DynamoDB request, yet
 * the link still says nothing in clear. AES-256-GCM under a key derived with HKDF from
 * the link-signing key named by the token's kid, so a rotated-out kid still opens its
 * links. The nonce is synthetic (an HMAC of the link id and the ids, as in SIV): the same
 * link always seals to the same text, so re-rendering an email gives the same link, and
 * two different plaintexts never share a nonce. The link id is the additional data: a
 * seal moved into another link does not open. The JWS signature covers the seal too.
 */

/** What a link leads to, as sealed into it. */
export type LinkTarget =
  | { kind: 'call'; call_id: string; crew_id: string; charter_id: string }
  | { kind: 'portal'; crew_id: string };

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = 'crewcall link ids';
const HKDF_INFO = 'aes-256-gcm key, synthetic nonce key (v1)';

interface SealKeys {
  cipher: Buffer;
  nonce: Buffer;
}
const derivedKeys = new WeakMap<Uint8Array, SealKeys>();

function sealKeys(secret: Uint8Array): SealKeys {
  let keys = derivedKeys.get(secret);
  if (!keys) {
    const bytes = Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 64));
    keys = { cipher: bytes.subarray(0, 32), nonce: bytes.subarray(32) };
    derivedKeys.set(secret, keys);
  }
  return keys;
}

/** The ids as sealed: a JSON array (call: call, crew, charter; portal: the person alone). */
const plaintextOf = (t: LinkTarget) =>
  JSON.stringify(t.kind === 'call' ? [t.call_id, t.crew_id, t.charter_id] : [t.crew_id]);

/** base64url of nonce ‖ ciphertext ‖ tag. */
export function sealLinkTarget(secret: Uint8Array, linkId: string, target: LinkTarget): string {
  const keys = sealKeys(secret);
  const plaintext = Buffer.from(plaintextOf(target));
  const nonce = createHmac('sha256', keys.nonce)
    .update(`${linkId}\n`)
    .update(plaintext)
    .digest()
    .subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.cipher, nonce).setAAD(Buffer.from(linkId));
  const sealed = Buffer.concat([
    nonce,
    cipher.update(plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return sealed.toString('base64url');
}

/** The target sealed into a link, or undefined if it does not open under this key and link id. */
export function openLinkTarget(
  secret: Uint8Array,
  linkId: string,
  sealed: string,
): LinkTarget | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.toString('base64url') !== sealed || bytes.length <= NONCE_BYTES + TAG_BYTES) {
    return undefined;
  }
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  let ids: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKeys(secret).cipher, nonce)
      .setAAD(Buffer.from(linkId))
      .setAuthTag(tag);
    const plaintext = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    ids = JSON.parse(plaintext.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== '')) {
    return undefined;
  }
  if (ids.length === 3) {
    const [call_id, crew_id, charter_id] = ids as [string, string, string];
    return { kind: 'call', call_id, crew_id, charter_id };
  }
  if (ids.length === 1) return { kind: 'portal', crew_id: ids[0] as string };
  return undefined;
}
