import { randomUUID } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { parseCallRequest } from '../../edge-api/src/charters/charter-input.js';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import type { CallDeps } from '../../edge-api/src/crew-calls/call-deps.js';
import { startCrewCall } from '../../edge-api/src/crew-calls/start-call.js';

/**
 * Seeds the benchmark through the real admin API (SigV4 with the local
 * development key, as the office sheet signs): fictional deckhands, one
 * charter per call; then the calls and their magic links (see startBenchCall).
 */

/** Area codes whose 555-0100..0199 numbers are fictional and valid for libphonenumber. */
const AREA_CODES = ['310', '213', '415', '646'] as const;
export const MAX_BENCH_CREW = AREA_CODES.length * 100;

/** Fictional phone of the i-th bench crew member (0-based): +1 310 555 0100, ... then 213, 415, 646. */
export function benchPhone(i: number): string {
  const area = AREA_CODES[Math.floor(i / 100)];
  if (!area) throw new Error(`bench: at most ${MAX_BENCH_CREW} crew have fictional phones`);
  return `+1 ${area} 555 01${String(i % 100).padStart(2, '0')}`;
}

export interface AdminClient {
  send(method: string, path: string, body?: unknown): Promise<unknown>;
}

export function adminClient(baseUrl: string, region: string): AdminClient {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: DEV_ADMIN_ACCESS_KEY_ID,
      secretAccessKey: DEV_ADMIN_SECRET_ACCESS_KEY,
    },
    region,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  return {
    async send(method, path, body) {
      const url = new URL(path, baseUrl);
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { host: url.host };
      if (text !== undefined) headers['content-type'] = 'application/json';
      if (method === 'POST') headers['idempotency-key'] = randomUUID();
      const signed = await signer.sign(
        new HttpRequest({
          method,
          protocol: url.protocol,
          hostname: url.host,
          path: url.pathname,
          headers,
          body: text,
        }),
      );
      const { host: _host, ...sendHeaders } = signed.headers as Record<string, string>;
      const res = await fetch(url, { method, headers: sendHeaders, body: text });
      const answer = await res.text();
      if (!res.ok)
        throw new Error(`bench seed: ${method} ${path} answered ${res.status}: ${answer}`);
      return JSON.parse(answer) as unknown;
    },
  };
}

/** Adds `count` fictional level-1 deckhands; returns the availability that marks them all free. */
export async function seedDeckhands(
  admin: AdminClient,
  count: number,
): Promise<Record<string, string>> {
  const availability: Record<string, string> = {};
  const ids = Array.from({ length: count }, (_, i) => String(i + 1).padStart(3, '0'));
  // A few at a time: the roster's phone and email claims are transactions.
  for (let start = 0; start < ids.length; start += 10) {
    await Promise.all(
      ids.slice(start, start + 10).map(async (id, j) => {
        const key = `Bench Deckhand ${id}`;
        await admin.send('POST', '/api/crew', {
          name: key,
          phone: benchPhone(start + j),
          email: `bench${id}@example.com`,
          role: 'deckhand',
          cascade_level: 1,
          availability_key: key,
          day_rate: { amount_cents: 22000, currency: 'USD' },
        });
        availability[key] = 'yes';
      }),
    );
  }
  return availability;
}

export interface SeededCall {
  charterId: string;
  callId: string;
  /** Every recipient's magic link (full URL on the bench server). */
  links: string[];
}

/**
 * One charter (PUT through the admin API, on its own date a month or more
 * ahead) and its crew call, started with the service the admin route runs
 * rather than POST /api/charters/:id/calls: that route's idempotency record
 * keeps the whole answer (~7.4 KB of rendered email per recipient) in one
 * DynamoDB item, and with it stored uncompressed a call to ~54 or more crew
 * answered 500 after the call had started.
 */
export async function startBenchCall(
  admin: AdminClient,
  deps: CallDeps,
  index: number,
  seats: number,
  availability: Record<string, string>,
): Promise<SeededCall> {
  const charterId = `BENCH-CH-${String(index).padStart(3, '0')}`;
  const date = new Date(Date.now() + (30 + index) * 86_400_000).toISOString().slice(0, 10);
  await admin.send('PUT', `/api/charters/${charterId}`, {
    vessel: 'Bench Runner',
    date,
    start: '10:00',
    end: '16:00',
    time_zone: 'America/Los_Angeles',
    client: 'Benchmark Yacht Club (fictional)',
    guests: 40,
    needs: { deckhand: seats },
    price: { amount_cents: 900000, currency: 'USD' },
  });
  const started = await startCrewCall(
    deps,
    charterId,
    parseCallRequest({ availability }).availability,
  );
  const links = started.notifications.flatMap((n) => (n.link_url ? [n.link_url] : []));
  return { charterId, callId: started.call.call_id, links };
}

/** The token's link id (JWT `jti`), without verifying: the raw side needs only its hash. */
export function linkIdOf(linkUrl: string): string {
  const token = new URL(linkUrl).pathname.split('/').pop() ?? '';
  const payload = token.split('.')[1] ?? '';
  const jti = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown })
    .jti;
  if (typeof jti !== 'string') throw new Error(`bench: ${linkUrl} carries no link id`);
  return jti;
}
