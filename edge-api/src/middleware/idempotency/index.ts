import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { parseSigV4Authorization } from '../../auth/sigv4-authorization.js';
import type { Db } from '../../db/client.js';
import { UserError } from '../../errors/index.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that are not idempotent by nature: a replay would do them twice. */
const KEY_REQUIRED = new Set(['POST', 'PATCH']);
/**
 * A running request holds its key for this long and renews it every third of
 * it; a holder that stops renewing (process killed, Lambda timed out, DynamoDB
 * lost mid-request) is gone, and a retry of the same request takes the key over.
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;
const RENEW_EVERY_MS = IDEMPOTENCY_LEASE_MS / 3;

/**
 * SigV4 has no nonce: a captured admin request can be replayed within the
 * five-minute window. Admin writes therefore carry an `Idempotency-Key`
 * (signed with the request): the same key with the same request answers with
 * the first result; the same key with another request is a 409. A retry while
 * the first run is still going gets a 409 with Retry-After; once that run is
 * gone (its lease lapsed), the retry runs again, and the write paths finish
 * what the first run started rather than doing it twice.
 */
export function idempotency(db: Db, now: () => Date = () => new Date()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    const key = c.req.header('idempotency-key');
    if (key === undefined) {
      if (KEY_REQUIRED.has(c.req.method)) {
        throw new UserError(
          400,
          'idempotency_key_required',
          `${c.req.method} requests need an Idempotency-Key header (a fresh random value per change, 8-200 characters)`,
          [{ field: 'Idempotency-Key', message: 'is required' }],
        );
      }
      return next();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new UserError(
        400,
        'invalid_input',
        'Idempotency-Key must be 8-200 characters of letters, digits, _ . : or -',
        [
          {
            field: 'Idempotency-Key',
            message: 'must be 8-200 characters of letters, digits, _ . : or -',
          },
        ],
      );
    }
    const signed = parseSigV4Authorization(c.req.header('authorization'));
    if (signed && !signed.signedHeaders.includes('idempotency-key')) {
      throw new UserError(
        403,
        'unsigned_idempotency_key',
        'the Idempotency-Key header must be among the signed headers',
      );
    }

    // The idempotency store is loaded on the first write: a cold start that only reads skips it.
    const {
      claimIdempotencyKey,
      completeIdempotencyKey,
      releaseIdempotencyKey,
      renewIdempotencyLease,
    } = await import('../../db/dispatch-table/index.js');
    const caller = c.get('adminCaller');
    const url = new URL(c.req.url);
    const requestHash = await sha256Hex(
      `${c.req.method}\n${url.pathname}${url.search}\n${new TextDecoder().decode(await c.req.arrayBuffer())}`,
    );
    const holder = randomUUID();
    const leaseUntil = () => now().getTime() + IDEMPOTENCY_LEASE_MS;
    const claim = await claimIdempotencyKey(db, caller, key, requestHash, now(), {
      holder,
      leaseUntil: leaseUntil(),
    });
    if (!claim.claimed) {
      const existing = claim.existing;
      if (existing.request_hash !== requestHash) {
        throw new UserError(
          409,
          'idempotency_key_reused',
          'this Idempotency-Key was already used for a different request; use a fresh key for a new change',
        );
      }
      if (existing.state === 'in_progress') {
        const waitMs = (existing.lease_until ?? 0) - now().getTime();
        const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
        const error = new UserError(
          409,
          'request_in_progress',
          `a request with this Idempotency-Key is still being processed; retry in ${retryAfter} s`,
        );
        c.header('retry-after', retryAfter);
        throw error;
      }
      return new Response(existing.body, {
        status: existing.status,
        headers: { 'content-type': existing.content_type, 'idempotent-replayed': 'true' },
      });
    }

    const renewal = setInterval(() => {
      renewIdempotencyLease(db, caller, key, holder, leaseUntil()).catch(() => undefined);
    }, RENEW_EVERY_MS);
    // A lost release only means the retry waits for the lease to lapse.
    const release = () => releaseIdempotencyKey(db, caller, key, holder).catch(() => false);
    try {
      await next();
    } catch (error) {
      clearInterval(renewal);
      await release();
      throw error;
    }
    clearInterval(renewal);
    // Our own failures are not a result: free the key so a retry runs again.
    if (c.res.status >= 500) {
      await release();
      return;
    }
    try {
      await completeIdempotencyKey(db, caller, key, holder, {
        status: c.res.status,
        content_type: c.res.headers.get('content-type') ?? 'application/json',
        body: await c.res.clone().text(),
      });
    } catch (error) {
      // The change is done and this answer says so; only the replay copy could not be kept
      // (e.g. too large). Free the key rather than leave it "in progress" for a day.
      console.error(
        JSON.stringify({
          level: 'warn',
          message: 'idempotency record not kept',
          error: (error as Error).message,
        }),
      );
      await release();
    }
  };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
