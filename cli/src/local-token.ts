import { isUtf8 } from 'node:buffer';
import { ConfigError, parseLinkSigningKeys } from '../../edge-api/src/config/index.js';
import { tokenFromLink } from '../../edge-api/src/crew-calls/inspect-link.js';
import { type LinkTarget, verifyLinkToken } from '../../edge-api/src/magic-links/link-token.js';
import { usageError } from './errors.js';

/** What the CLI can tell about a link without asking anyone. */
export interface LocalTokenReport {
  /** Decoded, not verified: anyone can write these. */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Why the text could not be decoded as a JWT. */
  decode_problem?: string;
  /**
   * `valid`/`expired`: signed by one of LINK_SIGNING_KEYS (expired: and past `exp`);
   * `invalid`: not signed by any of them, or altered; `not_checked`: LINK_SIGNING_KEYS not set.
   */
  signature: 'valid' | 'expired' | 'invalid' | 'not_checked';
  /** The kids the check used (never the secrets). */
  checked_with_kids?: string[];
  /**
   * What a link sent since links carry their ids leads to (its sealed `ids` claim), opened
   * with LINK_SIGNING_KEYS; absent for an older link or when the keys are not set.
   */
  carries?: LinkTarget;
}

/**
 * Decodes the token's header and claims and, when LINK_SIGNING_KEYS is set
 * (the edge API's own variable, `kid:base64url-secret,...`), verifies it the
 * way the API does: pinned HS256, key by kid, audience, expiry.
 */
export async function inspectTokenLocally(
  link: string,
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<{ token: string; report: LocalTokenReport }> {
  const token = tokenFromLink(link);
  const report: LocalTokenReport = { signature: 'not_checked' };
  try {
    const { header, claims } = decodeUnverified(token);
    report.header = header;
    report.claims = claims;
  } catch (error) {
    report.decode_problem = (error as Error).message;
  }
  const keysText = env.LINK_SIGNING_KEYS?.trim();
  if (keysText) {
    let keys: ReturnType<typeof parseLinkSigningKeys>;
    try {
      keys = parseLinkSigningKeys(keysText);
    } catch (error) {
      // The loader's message names the variable and the kid, never the secret.
      throw usageError(
        error instanceof ConfigError ? error.message : 'LINK_SIGNING_KEYS is invalid',
      );
    }
    const check = await verifyLinkToken(keys, token, now);
    report.signature = check.ok ? 'valid' : check.problem;
    report.checked_with_kids = keys.map((k) => k.kid);
    if (check.ok || check.problem === 'expired') {
      if (check.target) report.carries = check.target;
    }
  }
  return { token, report };
}

/**
 * The token's header and claims, read without checking anything, as forgivingly
 * as jose's decodeProtectedHeader and decodeJwt read them (the same messages):
 * a person inspecting a damaged link still sees what can be read.
 */
export function decodeUnverified(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const parts = token.split('.');
  const headerProblem = 'Invalid Token or Protected Header formatting';
  if (parts.length !== 3 && parts.length !== 5) throw new TypeError(headerProblem);
  const header = readJsonObject(parts[0] as string);
  if (!header.ok) throw new TypeError(headerProblem);
  if (parts.length === 5)
    throw new Error('Only JWTs using Compact JWS serialization can be decoded');
  if (!parts[1]) throw new Error('JWTs must contain a payload');
  const claims = readJsonObject(parts[1]);
  if (!claims.ok) throw new Error(claims.problem);
  return { header: header.value, claims: claims.value };
}

type Read = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

function readJsonObject(segment: string): Read {
  const bytes = forgivingBase64url(segment);
  if (!bytes) return { ok: false, problem: 'Failed to base64url decode the payload' };
  let value: unknown;
  try {
    if (!isUtf8(bytes)) throw new Error('not UTF-8');
    const text = bytes.toString('utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, problem: 'Failed to parse the decoded payload as JSON' };
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ok: true, value: value as Record<string, unknown> }
    : { ok: false, problem: 'Invalid JWT Claims Set' };
}

/** base64url as atob reads it (spaces skipped, optional padding); undefined if it cannot. */
function forgivingBase64url(segment: string): Buffer | undefined {
  if (/[+/]/.test(segment)) return undefined;
  let text = segment.replace(/[\t\n\f\r ]/g, '');
  if (text.length % 4 === 0) text = text.replace(/={1,2}$/, '');
  if (text.length % 4 === 1 || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}
