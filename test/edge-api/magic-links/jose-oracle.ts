import { errors, jwtVerify, SignJWT } from 'jose';
import {
  keyFor,
  LINK_AUDIENCE,
  type LinkRef,
  type LinkTokenCheck,
  linkHash,
  linkId,
  type SigningKey,
} from '../../../edge-api/src/magic-links/link-token.js';

/**
 * The independent oracle: link tokens as the API made and checked them with jose 6
 * until it moved to node:crypto (the same calls, verbatim). Links already sent to
 * crew were signed by `joseSignLinkToken`; the API must answer them exactly as
 * `joseVerifyLinkToken` does.
 */
export async function joseSignLinkToken(keys: readonly SigningKey[], ref: LinkRef) {
  const key = keyFor(keys, ref.kid);
  if (!key) throw new Error(`no link signing key "${ref.kid}"`);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', kid: ref.kid, typ: 'JWT' })
    .setJti(linkId(keys, ref))
    .setAudience(LINK_AUDIENCE)
    .setIssuedAt(ref.issued_at)
    .setExpirationTime(ref.expires_at)
    .sign(key.secret);
}

export async function joseVerifyLinkToken(
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
        algorithms: ['HS256'],
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
    if (error instanceof errors.JWTExpired && typeof error.payload.jti === 'string') {
      const header = JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
      return {
        ok: false,
        problem: 'expired',
        hash: linkHash(error.payload.jti),
        kid: String(header.kid),
        issued_at: Number(error.payload.iat),
        expires_at: Number(error.payload.exp),
      };
    }
    return { ok: false, problem: 'invalid' };
  }
}
