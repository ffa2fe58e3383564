import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ConfigError, parseLinkSigningKeys } from '../../edge-api/src/config/index.js';
import { tokenFromLink } from '../../edge-api/src/crew-calls/inspect-link.js';
import { verifyLinkToken } from '../../edge-api/src/magic-links/link-token.js';
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
    report.header = decodeProtectedHeader(token) as Record<string, unknown>;
    report.claims = decodeJwt(token) as Record<string, unknown>;
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
  }
  return { token, report };
}
