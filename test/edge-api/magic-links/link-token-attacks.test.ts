import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  type LinkTokenCheck,
  linkHash,
  verifyLinkToken,
} from '../../../edge-api/src/magic-links/link-token.js';
import { joseSignLinkToken, joseVerifyLinkToken } from './jose-oracle.js';
import {
  b64u,
  claims,
  craft,
  HEADER,
  KEY,
  KEYS,
  NOW,
  NOW_S,
  REF,
  STRANGER,
} from './link-fixtures.js';

const INVALID: LinkTokenCheck = { ok: false, problem: 'invalid' };
const verify = (token: string, now = NOW) => verifyLinkToken(KEYS, token, now);
const oracle = (token: string, now = NOW) => joseVerifyLinkToken(KEYS, token, now);
const signed = (payload: unknown, header: unknown = HEADER) => craft(header, payload, KEY);

/** Both the API and the jose-based code it replaced answer `token` with `expected`. */
async function expectBoth(token: string, expected: LinkTokenCheck | 'ok', now = NOW) {
  const ours = await verify(token, now);
  expect(ours).toEqual(await oracle(token, now));
  if (expected === 'ok') expect(ours.ok).toBe(true);
  else expect(ours).toEqual(expected);
}

describe('a forged or altered link opens nothing', () => {
  it('refuses alg "none", with or without a signature', async () => {
    const none = { ...HEADER, alg: 'none' };
    await expectBoth(craft(none, claims(), { signature: '' }), INVALID);
    await expectBoth(craft(none, claims(), KEY), INVALID);
  });

  it('refuses any algorithm but HS256, even signed with our own key', async () => {
    const hs512 = await new SignJWT(claims())
      .setProtectedHeader({ ...HEADER, alg: 'HS512' })
      .sign(KEY.secret);
    await expectBoth(hs512, INVALID);
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT(claims())
      .setProtectedHeader({ ...HEADER, alg: 'RS256' })
      .sign(privateKey);
    await expectBoth(rs256, INVALID);
    // An RS256 header over an HMAC made with our secret (the old key-confusion trick).
    await expectBoth(signed(claims(), { ...HEADER, alg: 'RS256' }), INVALID);
  });

  it('needs the kid of a key it holds, and that key’s signature', async () => {
    await expectBoth(signed(claims(), { alg: 'HS256', typ: 'JWT' }), INVALID);
    await expectBoth(signed(claims(), { ...HEADER, kid: '' }), INVALID);
    await expectBoth(signed(claims(), { ...HEADER, kid: 'k1999' }), INVALID);
    await expectBoth(signed(claims(), { ...HEADER, kid: 7 }), INVALID);
    // The older key's kid over the newest key's signature.
    await expectBoth(signed(claims(), { ...HEADER, kid: 'k2026a' }), INVALID);
    await expectBoth(craft(HEADER, claims(), STRANGER), INVALID);
  });

  it('refuses a bad signature and a payload changed after signing', async () => {
    const token = await joseSignLinkToken(KEYS, REF);
    const [header, , signature] = token.split('.');
    const flipped = signature?.[0] === 'A' ? 'B' : 'A';
    await expectBoth(`${header}.${token.split('.')[1]}.${flipped}${signature?.slice(1)}`, INVALID);
    const later = b64u(JSON.stringify(claims({ exp: NOW_S + 365 * 86400 })));
    await expectBoth(`${header}.${later}.${signature}`, INVALID);
  });

  it('refuses critical header extensions', async () => {
    await expectBoth(signed(claims(), { ...HEADER, crit: ['exp'], exp: 1 }), INVALID);
    await expectBoth(signed(claims(), { ...HEADER, crit: [] }), INVALID);
    await expectBoth(signed(claims(), { ...HEADER, crit: ['b64'], b64: false }), INVALID);
  });

  it('refuses base64 padding and the "+" "/" alphabet', async () => {
    const token = await joseSignLinkToken(KEYS, REF);
    await expectBoth(`${token}=`, INVALID);
    const [header, payload, signature] = token.split('.');
    await expectBoth(`${header}.${payload}=.${signature}`, INVALID);
    const standard = (s: string) => s.replaceAll('-', '+').replaceAll('_', '/');
    const any = [header, payload, signature].findIndex((s) => /[-_]/.test(s as string));
    const parts = [header, payload, signature] as string[];
    parts[any] = standard(parts[any] as string);
    await expectBoth(parts.join('.'), INVALID);
    await expectBoth(`${header}.${payload}`, INVALID);
    await expectBoth(`${token}.${signature}`, INVALID);
    await expectBoth(` ${token}`, INVALID);
  });

  it('refuses a token over 1000 characters, even one we signed', async () => {
    const sized = (length: number) => {
      let pad = '';
      let token = signed(claims({ pad }));
      while (token.length < length) {
        pad += 'x';
        token = signed(claims({ pad }));
      }
      return token;
    };
    const atLimit = sized(1000);
    expect(atLimit.length).toBe(1000);
    await expectBoth(atLimit, 'ok');
    const over = sized(1001);
    expect(over.length).toBe(1001);
    await expectBoth(over, INVALID);
    await expectBoth(`${'a'.repeat(1_000_000)}.b.c`, INVALID);
  });

  it('needs our audience', async () => {
    await expectBoth(signed(claims({ aud: 'crewcall-admin' })), INVALID);
    await expectBoth(signed(claims({ aud: ['crewcall-admin'] })), INVALID);
    const { aud: _, ...noAudience } = claims();
    await expectBoth(signed(noAudience), INVALID);
    // jose's rule, kept: an audience list that includes ours.
    await expectBoth(signed(claims({ aud: ['crewcall-admin', 'crewcall-crew-link'] })), 'ok');
  });

  it('needs jti, exp and iat, each of the right type', async () => {
    for (const claim of ['jti', 'exp', 'iat'] as const) {
      const { [claim]: _, ...missing } = claims();
      await expectBoth(signed(missing), INVALID);
    }
    await expectBoth(signed(claims({ exp: String(NOW_S + 3600) })), INVALID);
    await expectBoth(signed(claims({ exp: null })), INVALID);
    await expectBoth(signed(claims({ iat: String(NOW_S) })), INVALID);
    await expectBoth(signed(claims({ jti: 12345 })), INVALID);
    await expectBoth(signed(claims({ jti: ['a'] })), INVALID);
  });

  it('needs a JSON object for claims and header', async () => {
    for (const payload of ['[]', 'null', '"x"', '{"jti":', '']) {
      await expectBoth(craft(HEADER, payload, KEY), INVALID);
    }
    await expectBoth(craft(HEADER, new Uint8Array([0x7b, 0xff, 0x7d]), KEY), INVALID);
    await expectBoth(craft('{"alg":"HS256",', claims(), KEY), INVALID);
    await expectBoth(craft('[]', claims(), KEY), INVALID);
  });
});

describe('expiry and the other times', () => {
  const expired = (exp: number) => ({
    ok: false,
    problem: 'expired',
    hash: linkHash(claims().jti),
    kid: KEY.kid,
    issued_at: NOW_S - 60,
    expires_at: exp,
  });

  it('reports a genuinely signed token expired from its exp second on, with its hash', async () => {
    await expectBoth(signed(claims({ exp: NOW_S - 1 })), expired(NOW_S - 1) as LinkTokenCheck);
    await expectBoth(signed(claims({ exp: NOW_S })), expired(NOW_S) as LinkTokenCheck);
    await expectBoth(signed(claims({ exp: NOW_S + 1 })), 'ok');
    // Whole seconds, no clock tolerance: 999 ms before exp is still inside.
    await expectBoth(signed(claims({ exp: NOW_S + 1 })), 'ok', new Date(NOW.getTime() + 999));
    await expectBoth(signed(claims({ exp: NOW_S + 0.5 })), 'ok');
  });

  it('says invalid, not expired, unless the signature and the other claims hold', async () => {
    const past = claims({ exp: NOW_S - 1 });
    await expectBoth(craft(HEADER, past, STRANGER), INVALID);
    await expectBoth(signed({ ...past, aud: 'crewcall-admin' }), INVALID);
    await expectBoth(signed({ ...past, jti: 42 }), INVALID);
    await expectBoth(signed({ ...past, iat: 'yesterday' }), INVALID);
    await expectBoth(signed({ ...past, nbf: NOW_S + 60 }), INVALID);
    await expectBoth(signed({ ...past, nbf: 'soon' }), INVALID);
  });

  it('honours nbf like jose: not before that second, and it must be a number', async () => {
    await expectBoth(signed(claims({ nbf: NOW_S + 1 })), INVALID);
    await expectBoth(signed(claims({ nbf: NOW_S })), 'ok');
    await expectBoth(signed(claims({ nbf: String(NOW_S - 1) })), INVALID);
  });

  it('accepts an iat in the future, as the jose options did (no maxTokenAge)', async () => {
    await expectBoth(signed(claims({ iat: NOW_S + 86400 })), 'ok');
  });

  it('answers invalid for a clock that is not a date', async () => {
    await expectBoth(signed(claims()), INVALID, new Date(Number.NaN));
  });
});

describe('tokens only our own key could make and our code never did: now refused', () => {
  // jose accepted these when they carried our signature; the API never signed any of
  // them, so no link in anyone's hands changes. Pinning the header and the encoding
  // leaves exactly one text per link.
  const tightened = async (token: string) => {
    expect((await oracle(token)).ok).toBe(true);
    expect(await verify(token)).toEqual(INVALID);
  };

  it('refuses any header other than {alg, kid, typ} as we write it', async () => {
    await tightened(signed(claims(), { ...HEADER, crit: ['b64'], b64: true }));
    await tightened(signed(claims(), { ...HEADER, x5u: 'https://example.com/key' }));
    await tightened(signed(claims(), { alg: 'HS256', kid: KEY.kid }));
    await tightened(signed(claims(), { ...HEADER, typ: 'jwt' }));
    await tightened(signed(claims(), { kid: KEY.kid, alg: 'HS256', typ: 'JWT' }));
    await tightened(craft(JSON.stringify(HEADER, null, 1), claims(), KEY));
  });

  it('refuses a signature whose unused last bits are set', async () => {
    const token = await joseSignLinkToken(KEYS, REF);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.at(-1) as string);
    // 32 bytes in 43 characters: the last one's low two bits are padding.
    for (const bits of [1, 2, 3]) {
      await tightened(token.slice(0, -1) + alphabet[(last & ~3) | bits]);
    }
  });
});
