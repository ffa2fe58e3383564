import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  currentFeed,
  ensureFeed,
  feedOwner,
  issueFeed,
} from '../../../edge-api/src/crew-calls/calendar-feed.js';
import type { CallDeps } from '../../../edge-api/src/crew-calls/call-deps.js';
import { parseWindowPolicy } from '../../../edge-api/src/crew-calls/call-windows.js';
import type { Db } from '../../../edge-api/src/db/client.js';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { SigningKey } from '../../../edge-api/src/magic-links/link-token.js';
import { freshDb } from '../../support/dynamodb.js';

// Rotating the link-signing key must not silently kill calendar subscriptions: the feed
// remembers the key id it was made with, and its lookup needs no key at all.
const key = (kid: string): SigningKey => ({ kid, secret: randomBytes(32) });
const k1 = key('k1');
const k2 = key('k2');
const now = new Date('2026-11-28T17:00:00Z');
let db: Db;
beforeAll(async () => {
  db = await freshDb();
  await seedDemoRoster(db, now);
});

const deps = (linkKeys: SigningKey[]): CallDeps => ({
  db,
  linkKeys,
  publicBaseUrl: 'https://crew.example.com',
  office: { name: 'Harbor Charters', email: 'office@example.com', phone: '+1 310 555 0100' },
  windowPolicy: parseWindowPolicy('0h=30m'),
  now: () => now,
});
const tokenOf = (url: string) => url.split('/cal/')[1]?.replace(/\.ics$/, '') as string;

describe('calendar feeds across a key rotation', () => {
  it('keeps working while the key that made it verifies, and after it is dropped', async () => {
    const issued = await issueFeed(deps([k1]), 'c-0001');
    // Step 1 and 2 of the rotation: a new key added, then moved first. Same URL.
    expect((await currentFeed(deps([k1, k2]), 'c-0001'))?.url).toBe(issued.url);
    expect((await currentFeed(deps([k2, k1]), 'c-0001'))?.url).toBe(issued.url);
    // Step 3: the old key dropped. Subscribed calendars keep fetching the same URL.
    expect(await feedOwner(deps([k2]), tokenOf(issued.url))).toBe('c-0001');
    // The portal can no longer show it, so it offers "Get my calendar link" again...
    expect(await currentFeed(deps([k2]), 'c-0001')).toBeUndefined();
    // ...which makes a new feed with the current key; the old URL then stops.
    await ensureFeed(deps([k2]), 'c-0001');
    const next = await currentFeed(deps([k2]), 'c-0001');
    expect(next?.issue).toBe(2);
    expect(await feedOwner(deps([k2]), tokenOf(next?.url as string))).toBe('c-0001');
    expect(await feedOwner(deps([k2]), tokenOf(issued.url))).toBeUndefined();
  });

  it('a token carries no crew id and different people get unrelated tokens', async () => {
    const a = await issueFeed(deps([k1]), 'c-0002');
    const b = await issueFeed(deps([k1]), 'c-0003');
    expect(tokenOf(a.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokenOf(a.url), 'base64url').toString('latin1')).not.toContain('c-0002');
    expect(tokenOf(a.url)).not.toBe(tokenOf(b.url));
    const token = tokenOf(a.url);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await feedOwner(deps([k1]), altered)).toBeUndefined();
  });
});
