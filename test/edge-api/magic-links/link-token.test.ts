import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  LINK_AUDIENCE,
  type LinkRef,
  linkHash,
  linkId,
  signLinkToken,
  verifyLinkToken,
} from '../../../edge-api/src/magic-links/link-token.js';
import { joseSignLinkToken, joseVerifyLinkToken } from './jose-oracle.js';
import { KEYS, NOW, NOW_S, REF } from './link-fixtures.js';

// Links already in crew members' messages were signed by the jose-based code: the
// API must keep answering them exactly as before, and jose (kept for tests only)
// must accept every token the API signs now.

/** A spread of links: both keys, reissues, odd ids, times from 1970 to far ahead. */
function refs(): LinkRef[] {
  const out: LinkRef[] = [];
  for (let i = 0; i < 60; i++) {
    const issued = i % 7 === 0 ? i : NOW_S - 86400 * (i % 5) + i;
    out.push({
      call_id: `CALL-${i}-${'é✓"\\'.slice(0, i % 5)}`,
      crew_id: `crew-${i * 7919}`,
      issue: 1 + (i % 4),
      kid: (KEYS[i % 2] as { kid: string }).kid,
      issued_at: issued,
      expires_at: i % 11 === 0 ? 4102444800 + i : issued + 3600 * (1 + i),
    });
  }
  return out;
}

describe('link tokens stay the same for links already sent', () => {
  it('signs every link exactly as the jose-based code did, byte for byte', async () => {
    for (const ref of refs()) {
      expect(await signLinkToken(KEYS, ref)).toBe(await joseSignLinkToken(KEYS, ref));
    }
  });

  it('answers a jose-signed link exactly as the jose-based code did, at any time', async () => {
    for (const ref of refs()) {
      const token = await joseSignLinkToken(KEYS, ref);
      for (const at of [ref.issued_at - 10, ref.expires_at - 1, ref.expires_at, NOW_S]) {
        const now = new Date(at * 1000);
        expect(await verifyLinkToken(KEYS, token, now)).toEqual(
          await joseVerifyLinkToken(KEYS, token, now),
        );
      }
    }
  });

  it('opens a live link with its id hash, key and times; an expired one keeps them', async () => {
    const token = await joseSignLinkToken(KEYS, REF);
    const found = {
      hash: linkHash(linkId(KEYS, REF)),
      kid: REF.kid,
      issued_at: REF.issued_at,
      expires_at: REF.expires_at,
    };
    expect(await verifyLinkToken(KEYS, token, NOW)).toEqual({ ok: true, ...found });
    const later = new Date(REF.expires_at * 1000);
    expect(await verifyLinkToken(KEYS, token, later)).toEqual({
      ok: false,
      problem: 'expired',
      ...found,
    });
  });

  it('opens links signed with the older key too', async () => {
    const ref = { ...REF, kid: 'k2026a' };
    const check = await verifyLinkToken(KEYS, await joseSignLinkToken(KEYS, ref), NOW);
    expect(check).toMatchObject({ ok: true, kid: 'k2026a' });
  });

  it('signs tokens jose accepts with the same header and claims', async () => {
    for (const ref of refs()) {
      const token = await signLinkToken(KEYS, ref);
      const key = KEYS.find((k) => k.kid === ref.kid)?.secret as Uint8Array;
      const { payload, protectedHeader } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: LINK_AUDIENCE,
        currentDate: new Date(ref.issued_at * 1000),
        requiredClaims: ['jti', 'exp', 'iat'],
      });
      expect(protectedHeader).toEqual({ alg: 'HS256', kid: ref.kid, typ: 'JWT' });
      expect(decodeProtectedHeader(token)).toEqual(protectedHeader);
      expect(payload).toEqual({
        jti: linkId(KEYS, ref),
        aud: LINK_AUDIENCE,
        iat: ref.issued_at,
        exp: ref.expires_at,
      });
    }
  });

  it('refuses to sign with a key it does not hold, or with times that are not numbers', async () => {
    await expect(signLinkToken(KEYS, { ...REF, kid: 'k1999' })).rejects.toThrow(
      'no link signing key "k1999"',
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(joseSignLinkToken(KEYS, { ...REF, expires_at: bad })).rejects.toThrow(TypeError);
      await expect(signLinkToken(KEYS, { ...REF, expires_at: bad })).rejects.toThrow(TypeError);
      await expect(signLinkToken(KEYS, { ...REF, issued_at: bad })).rejects.toThrow(TypeError);
    }
  });

  it('rejects every one-character change to a link, as the jose-based code did', async () => {
    const token = await joseSignLinkToken(KEYS, REF);
    // The signature's last character also carries two unused bits: see the attack tests.
    for (let i = 0; i < token.length - 1; i++) {
      for (const c of ['A', 'f', '-', '_', '.', '=', '+', '/', '%']) {
        if (token[i] === c) continue;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        const ours = await verifyLinkToken(KEYS, changed, NOW);
        expect(ours, changed).toEqual({ ok: false, problem: 'invalid' });
        expect(await joseVerifyLinkToken(KEYS, changed, NOW)).toEqual(ours);
      }
    }
  });
});
