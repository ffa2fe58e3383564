import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaEntryPoint, lambdaEntryPoint } from '../../support/entry-points.js';
import { startOneDeckhandCall } from '../../support/one-deckhand-call.js';

/**
 * The exact headers a crew page answers with, as the deployed Lambda sends them: a CSP that
 * allows only our stylesheet and form posts, no framing, a same-origin referrer (the form
 * posts' CSRF check needs the Origin), and never cached or indexed.
 */

let ep: LambdaEntryPoint;
let link: string;

beforeAll(async () => {
  ep = await lambdaEntryPoint();
  link = (await startOneDeckhandCall(ep, 'CH-HEADERS')).link;
});
afterAll(() => ep?.close());

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'cache-control': 'no-store, private',
  'x-robots-tag': 'noindex, nofollow',
  'content-type': 'text/html; charset=UTF-8',
};

describe('a crew page’s headers (Lambda)', () => {
  it('are exactly the crew page set on an open link', async () => {
    const page = await ep.crew('GET', link);
    expect(page.status).toBe(200);
    expect(page.headers).toEqual(PAGE_HEADERS);
  });

  it('are the same set on a link that is not valid (404)', async () => {
    const page = await ep.crew(
      'GET',
      `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`,
    );
    expect(page.status).toBe(404);
    expect(page.headers).toEqual(PAGE_HEADERS);
  });
});
