import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { invalidInput } from '../errors/index.js';

/**
 * The query of an admin request, one value per key, decoded the way the SigV4
 * verifier canonicalised it (`URLSearchParams`: `+` is a space, `%XX` a UTF-8 byte;
 * the local verifier and `shared/sigv4/` decode the same way). The signature covers
 * the pairs sorted by key and value, so `?role=a&role=b` and `?role=b&role=a` carry
 * the same signature: a repeated key is refused rather than read one way or another.
 */
export function signedQuery(c: Context): Record<string, string> {
  const query: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (Object.hasOwn(query, key)) repeated.add(key);
    query[key] = value;
  }
  if (repeated.size > 0) {
    throw invalidInput(
      [...repeated].map((key) => ({
        field: key,
        message: 'is given more than once; give each query parameter once',
      })),
    );
  }
  return query;
}

/** Refuses a repeated query key on every admin route, whether or not it reads the query. */
export const oneValuePerQueryKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  signedQuery(c);
  await next();
};
