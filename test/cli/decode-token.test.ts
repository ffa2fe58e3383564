import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeUnverified } from '../../cli/src/local-token.js';

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
