/**
 * Every answer under /m/* carries these, whichever path served it (the Hono app or the
 * Lambda's crew page fast path). They are what `hono/secure-headers` produced for these
 * pages, written out so that a crew page's cold start needs no middleware to make them.
 * The CSP allows our stylesheet and form posts only. `same-origin`: form posts carry our
 * Origin (the CSRF check needs it; with no-referrer browsers send `Origin: null`), and the
 * token never leaves the site. Personal pages: never cached by browsers, proxies or
 * CloudFront, never indexed.
 */
export const CREW_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
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
});

/** What Hono's `c.html()` sets: kept the same so both paths answer byte for byte alike. */
export const HTML_CONTENT_TYPE = 'text/html; charset=UTF-8';
