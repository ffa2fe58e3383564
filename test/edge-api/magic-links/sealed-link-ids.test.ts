import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH } from '../../../edge-api/src/magic-links/compact-jws.js';
import {
  LINK_AUDIENCE,
  type LinkTarget,
  linkHash,
  linkId,
  signLinkToken,
  verifyLinkToken,
} from '../../../edge-api/src/magic-links/link-token.js';
import { joseSignLinkToken, joseVerifyLinkToken } from './jose-oracle.js';
import { craft, HEADER, KEY, KEYS, NOW, REF, STRANGER } from './link-fixtures.js';

// New links carry the ids a crew page reads with its link record, sealed: the page reads
// everything in one request, and the link still says nothing in clear.
const TARGET: LinkTarget = {
  kind: 'call',
  call_id: REF.call_id,
  crew_id: REF.crew_id,
  charter_id: 'CH-0601-BLUE-HERON',
};
const PORTAL: LinkTarget = { kind: 'portal', crew_id: REF.crew_id };

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
/** `token` with its claims changed by `edit`, signed again with our own key. */
const resigned = (token: string, edit: (claims: Record<string, unknown>) => void) => {
  const claims = claimsOf(token);
  edit(claims);
  return craft(HEADER, claims, KEY);
};

describe('a link that carries its ids', () => {
  it('opens to them, with the same link id, key and times as before', async () => {
    for (const target of [TARGET, PORTAL]) {
      const token = await signLinkToken(KEYS, REF, target);
      expect(await verifyLinkToken(KEYS, token, NOW)).toEqual({
        ok: true,
        hash: linkHash(linkId(KEYS, REF)),
        kid: REF.kid,
        issued_at: REF.issued_at,
        expires_at: REF.expires_at,
        target,
      });
    }
  });

  it('says them nowhere in clear: the claims are the old ones and one opaque text', async () => {
    const token = await signLinkToken(KEYS, REF, TARGET);
    const claims = claimsOf(token);
    expect(Object.keys(claims)).toEqual(['jti', 'aud', 'iat', 'exp', 'ids']);
    expect(claims.ids).toMatch(/^[A-Za-z0-9_-]+$/);
    const texts = [
      token,
      JSON.stringify(claims),
      Buffer.from(claims.ids as string, 'base64url').toString('latin1'),
    ];
    for (const id of [REF.call_id, REF.crew_id, TARGET.charter_id, 'BLUE', 'abdul']) {
      for (const text of texts) expect(text.toLowerCase()).not.toContain(id.toLowerCase());
    }
  });

  it('is the same text every time it is rendered, and differs per link and per target', async () => {
    const token = await signLinkToken(KEYS, REF, TARGET);
    expect(await signLinkToken(KEYS, { ...REF }, { ...TARGET })).toBe(token);
    const reissued = await signLinkToken(KEYS, { ...REF, issue: 2 }, TARGET);
    const elsewhere = await signLinkToken(KEYS, REF, { ...TARGET, charter_id: 'CH-OTHER' });
    const seals = [token, reissued, elsewhere].map((t) => claimsOf(t).ids);
    expect(new Set(seals).size).toBe(3);
    // Synthetic nonces: two seals never share their first 12 bytes unless they are the same seal.
    const nonces = seals.map((s) =>
      Buffer.from(s as string, 'base64url')
        .subarray(0, 12)
        .toString('hex'),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it('opens under an older kid still configured, and not once that key is gone', async () => {
    const older = { ...REF, kid: 'k2026a' };
    const token = await signLinkToken(KEYS, older, TARGET);
    expect(await verifyLinkToken(KEYS, token, NOW)).toMatchObject({
      ok: true,
      kid: 'k2026a',
      target: TARGET,
    });
    expect(await verifyLinkToken([KEYS[0] as (typeof KEYS)[0]], token, NOW)).toEqual({
      ok: false,
      problem: 'invalid',
    });
  });

  it('is a JWT jose accepts: the signature covers the sealed ids', async () => {
    const token = await signLinkToken(KEYS, REF, TARGET);
    const { payload } = await jwtVerify(token, KEY.secret, {
      algorithms: ['HS256'],
      audience: LINK_AUDIENCE,
      currentDate: NOW,
    });
    expect(payload.ids).toBe(claimsOf(token).ids);
    // Changing one character of the seal without our key breaks the signature.
    const [h, p, s] = token.split('.') as [string, string, string];
    const flipped = `${h}.${p.slice(0, 60)}${p[60] === 'A' ? 'B' : 'A'}${p.slice(61)}.${s}`;
    expect(await verifyLinkToken(KEYS, flipped, NOW)).toEqual({ ok: false, problem: 'invalid' });
    expect((await joseVerifyLinkToken(KEYS, flipped, NOW)).ok).toBe(false);
  });

  it('refuses tampered seals even signed again with our own key', async () => {
    const token = await signLinkToken(KEYS, REF, TARGET);
    const seal = claimsOf(token).ids as string;
    const bytes = Buffer.from(seal, 'base64url');
    const INVALID = { ok: false, problem: 'invalid' };
    const tampered: Array<(c: Record<string, unknown>) => void> = [
      // One bit of the ciphertext, of the tag, of the nonce.
      ...[20, bytes.length - 1, 0].map((at) => (c: Record<string, unknown>) => {
        const b = Buffer.from(bytes);
        b[at] = (b[at] as number) ^ 1;
        c.ids = b.toString('base64url');
      }),
      (c) => {
        c.ids = seal.slice(0, -4);
      },
      (c) => {
        c.ids = '';
      },
      (c) => {
        c.ids = 42;
      },
      (c) => {
        c.ids = null;
      },
      (c) => {
        c.ids = `${seal}=`;
      },
      // The seal of another link, moved into this one: it is bound to its own link id.
      async (c) => {
        c.ids = claimsOf(await signLinkToken(KEYS, { ...REF, issue: 2 }, TARGET)).ids;
      },
    ];
    for (const edit of tampered) {
      const claims = claimsOf(token);
      await edit(claims);
      const changed = craft(HEADER, claims, KEY);
      expect(await verifyLinkToken(KEYS, changed, NOW), JSON.stringify(claims.ids)).toEqual(
        INVALID,
      );
    }
    // Sealed under someone else's key and signed with ours: does not open.
    const foreign = claimsOf(await signLinkToken([STRANGER], REF, TARGET)).ids;
    expect(
      await verifyLinkToken(
        KEYS,
        resigned(token, (c) => (c.ids = foreign)),
        NOW,
      ),
    ).toEqual(INVALID);
  });

  it('reports an expired link with its target, as the record still finds it', async () => {
    const token = await signLinkToken(KEYS, REF, TARGET);
    expect(await verifyLinkToken(KEYS, token, new Date(REF.expires_at * 1000))).toMatchObject({
      ok: false,
      problem: 'expired',
      target: TARGET,
    });
  });

  it('leaves links already sent as they were: no target, the same hash', async () => {
    const old = await joseSignLinkToken(KEYS, REF);
    const check = await verifyLinkToken(KEYS, old, NOW);
    expect(check).toEqual(await joseVerifyLinkToken(KEYS, old, NOW));
    expect(check).not.toHaveProperty('target');
    expect(await signLinkToken(KEYS, REF)).toBe(old);
  });

  it('stays well inside the token limit with the longest ids the API allows', async () => {
    const realistic = await signLinkToken(
      KEYS,
      { ...REF, call_id: 'call-0123456789abcdef', crew_id: 'c-7k2m9q4x8v3n' },
      {
        kind: 'call',
        call_id: 'call-0123456789abcdef',
        crew_id: 'c-7k2m9q4x8v3n',
        charter_id: 'SL-2026-12-05-AM',
      },
    );
    const longest = 'x'.repeat(64);
    const worst = await signLinkToken(
      KEYS,
      { ...REF, call_id: 'call-0123456789abcdef', crew_id: longest },
      { kind: 'call', call_id: 'call-0123456789abcdef', crew_id: longest, charter_id: longest },
    );
    const link = `https://crew.harbor-charters.example.com/m/${realistic}`;
    expect(link.length).toBeLessThan(500);
    expect(worst.length).toBeLessThan(MAX_TOKEN_LENGTH - 350);
    expect(await verifyLinkToken(KEYS, worst, NOW)).toMatchObject({ ok: true });
  });
});
