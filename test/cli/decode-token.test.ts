import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeUnverified, inspectTokenLocally } from '../../cli/src/local-token.js';
import { signLinkToken } from '../../edge-api/src/magic-links/link-token.js';

// `crewcall link inspect` shows a link's header and claims before any check, as
// jose's decoders did when the CLI used them: same fields, same messages.
const b64u = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
const HEADER = b64u('{"alg":"HS256","kid":"dev-1","typ":"JWT"}');
const CLAIMS = b64u('{"jti":"abc","aud":"crewcall-crew-link","iat":1,"exp":2}');

function jose(token: string) {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}
function ours(token: string) {
  try {
    return decodeUnverified(token);
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

describe('reading a link without verifying it', () => {
  const tokens = [
    `${HEADER}.${CLAIMS}.sig`,
    `${HEADER}.${CLAIMS}.`,
    `${HEADER}.${CLAIMS}.a.b.c`,
    `${HEADER}.${CLAIMS}`,
    `${HEADER}..sig`,
    `.${CLAIMS}.sig`,
    `${HEADER}=.${CLAIMS}==.sig`,
    `${HEADER}.${CLAIMS}=.sig`,
    `${HEADER}.${CLAIMS.slice(0, 10)} \n${CLAIMS.slice(10)}.sig`,
    `${HEADER}.${CLAIMS.replaceAll('-', '+')}x.sig`,
    `${HEADER}.${CLAIMS}a.sig`,
    `${HEADER}.${CLAIMS}%.sig`,
    `${HEADER}.${b64u('[1]')}.sig`,
    `${HEADER}.${b64u('null')}.sig`,
    `${HEADER}.${b64u('{"a":')}.sig`,
    `${HEADER}.${b64u(new Uint8Array([0x7b, 0xff, 0x7d]))}.sig`,
    `${HEADER}.${b64u('\ufeff{"jti":"bom"}')}.sig`,
    `${b64u('[]')}.${CLAIMS}.sig`,
    `${b64u('{"alg":')}.${CLAIMS}.sig`,
    `${b64u('{"alg":"none"}')}.${b64u('{}')}.`,
    'not a token',
    '',
  ];

  it.each(tokens)('reads %j as jose did', (token) => {
    expect(ours(token)).toEqual(jose(token));
  });

  it('reads a real link’s header and claims', () => {
    expect(decodeUnverified(`${HEADER}.${CLAIMS}.sig`)).toEqual({
      header: { alg: 'HS256', kid: 'dev-1', typ: 'JWT' },
      claims: { jti: 'abc', aud: 'crewcall-crew-link', iat: 1, exp: 2 },
    });
  });
});

describe('a link that carries its ids, inspected here', () => {
  const secret = Buffer.alloc(32, 9).toString('base64url');
  const env = { LINK_SIGNING_KEYS: `dev-9:${secret}` };
  const keys = [{ kid: 'dev-9', secret: new Uint8Array(Buffer.alloc(32, 9)) }];
  const ref = {
    call_id: 'call-0123456789abcdef',
    crew_id: 'c-0001',
    issue: 1,
    kid: 'dev-9',
    issued_at: 1_780_000_000,
    expires_at: 1_790_000_000,
  };
  const now = new Date(1_785_000_000_000);
  const target = { kind: 'call', ...ref, charter_id: 'CH-CLI' } as const;

  it('shows the sealed ids only once LINK_SIGNING_KEYS opens them', async () => {
    const { call_id, crew_id, charter_id } = target;
    const token = await signLinkToken(keys, ref, { kind: 'call', call_id, crew_id, charter_id });
    const opened = await inspectTokenLocally(token, env, now);
    expect(opened.report.signature).toBe('valid');
    expect(opened.report.carries).toEqual({ kind: 'call', call_id, crew_id, charter_id });
    const closed = await inspectTokenLocally(token, {}, now);
    expect(closed.report.carries).toBeUndefined();
    expect(JSON.stringify(closed.report)).not.toContain(crew_id);
  });

  it('shows none for a link sent before links carried them', async () => {
    const { report } = await inspectTokenLocally(await signLinkToken(keys, ref), env, now);
    expect(report.signature).toBe('valid');
    expect(report).not.toHaveProperty('carries');
  });
});
