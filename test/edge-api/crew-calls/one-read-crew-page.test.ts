import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import {
  type LinkRef,
  signLinkToken,
  verifyLinkToken,
} from '../../../edge-api/src/magic-links/link-token.js';
import type { DueAnswer, PortalLinkAnswer, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { dynamodbEndpoint } from '../../support/dynamodb.js';
import { type DynamoDbProxy, startDynamoDbProxy } from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';
import { joseSignLinkToken } from '../magic-links/jose-oracle.js';

// A crew page opened from a new link reads its link, response, call and charter in ONE
// DynamoDB request (the link carries their keys, sealed); a link sent before that keeps
// its two steps. Seen on the wire by a proxy in front of DynamoDB Local.
const clock = new Date('2026-11-28T17:00:00Z');
let now = clock;
let proxy: DynamoDbProxy;
let api: TestApi;

beforeAll(async () => {
  proxy = await startDynamoDbProxy(dynamodbEndpoint());
  api = await startTestApi({ now: () => now, dynamodbEndpoint: proxy.endpoint });
  await seedDemoRoster(api.db, clock);
}, 60_000);
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

const admin = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });

/** The DynamoDB calls one request made, as `Operation` names. */
async function callsOf(request: () => Promise<unknown>) {
  const from = proxy.seen.length;
  await request();
  return proxy.seen.slice(from);
}
const operations = (calls: typeof proxy.seen) => calls.map((c) => c.operation);

const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/m\//, '');
/** A page's text with its own token taken out: the same page reached by two links. */
async function pageText(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: (await res.text()).replaceAll(tokenOf(url), '<token>') };
}

interface StartedCall {
  callId: string;
  charterId: string;
  crewId: string;
  email: string;
  name: string;
  link: string;
}

/** Each call on its own day: Danika is asked on every one of them. */
let day = 5;
async function startCall(charterId: string): Promise<StartedCall> {
  const put = await admin('PUT', `/api/charters/${charterId}`, {
    ...seaLark1205,
    date: `2026-12-${String(day++).padStart(2, '0')}`,
    needs: { deckhand: 2 },
  });
  expect(put.status).toBe(201);
  const res = await admin('POST', `/api/charters/${charterId}/calls`, {
    availability: { Danika: 'yes', Esmi: 'yes' },
  });
  expect(res.status).toBe(201);
  const { notifications } = (await res.json()) as StartCallAnswer;
  const n = notifications.find((x) => x.to === 'danika.holm@example.com');
  if (!n?.link_url) throw new Error('no link for Danika');
  return {
    callId: n.call_id,
    charterId,
    crewId: n.crew_id,
    email: n.to,
    name: 'Danika Holm',
    link: n.link_url,
  };
}

/** The same link as the code before sealed ids signed it (jose, the old claims only). */
async function oldStyleLink(url: string, ids: { call_id: string; crew_id: string }) {
  const checked = await verifyLinkToken(api.settings.linkKeys, tokenOf(url), clock);
  if (!checked.ok) throw new Error('the new link does not verify');
  const ref: LinkRef = { ...ids, issue: 1, kid: checked.kid, ...times(checked) };
  const token = await joseSignLinkToken(api.settings.linkKeys, ref);
  return `${new URL(url).origin}/m/${token}`;
}
const times = (c: { issued_at: number; expires_at: number }) => ({
  issued_at: c.issued_at,
  expires_at: c.expires_at,
});

describe('a crew page from a new link', () => {
  let call: StartedCall;
  beforeAll(async () => {
    call = await startCall('CH-ONE-READ');
  });

  it('reads DynamoDB once: link, response, call and charter in one BatchGetItem', async () => {
    let page = { status: 0, text: '' };
    const calls = await callsOf(async () => {
      page = await pageText(call.link);
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sea Lark');
    expect(operations(calls)).toEqual(['BatchGetItem']);
    const keys = JSON.stringify(calls[0]?.body.RequestItems);
    for (const pk of ['LINK#', `CALL#${call.callId}`, `CHARTER#${call.charterId}`]) {
      expect(keys).toContain(pk);
    }
    expect(keys).toContain(`CREW#${call.crewId}`);
  });

  it('shows exactly the page the same link signed the old way shows, which reads twice', async () => {
    const old = await oldStyleLink(call.link, { call_id: call.callId, crew_id: call.crewId });
    expect(old).not.toBe(call.link);
    let oldPage = { status: 0, text: '' };
    const calls = await callsOf(async () => {
      oldPage = await pageText(old);
    });
    expect(operations(calls)).toEqual(['GetItem', 'BatchGetItem']);
    expect(oldPage).toEqual(await pageText(call.link));
  });

  it('says nothing in clear: no id, name or address in the token, decoded or not', async () => {
    const token = tokenOf(call.link);
    const [header, payload] = token.split('.') as [string, string];
    const decoded = [
      token,
      Buffer.from(header, 'base64url').toString('utf8'),
      Buffer.from(payload, 'base64url').toString('utf8'),
    ];
    const claims = JSON.parse(decoded[2] as string) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'ids', 'jti']);
    // The sealed claim's own bytes, read as text, are no better.
    decoded.push(Buffer.from(String(claims.ids), 'base64url').toString('latin1'));
    for (const secret of [call.callId, call.crewId, call.charterId, call.email, 'Danika']) {
      for (const text of decoded) expect(text).not.toContain(secret);
    }
  });

  it('renders the same link again when the email is listed again', async () => {
    // Past the send lease, GET /api/calls/due hands the unsent email out again, rendered anew.
    now = new Date(clock.getTime() + 11 * 60_000);
    try {
      const res = await admin('GET', '/api/calls/due');
      expect(res.status).toBe(200);
      const due = (await res.json()) as DueAnswer;
      expect(due.pending_notifications.map((n) => n.link_url)).toContain(call.link);
    } finally {
      now = clock;
    }
  });

  it('accepts with one read before the write', async () => {
    const calls = await callsOf(async () => {
      expect((await postCrewForm(call.link, { action: 'accept' })).result).toBe('confirmed');
    });
    expect(operations(calls).slice(0, 2)).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(operations(calls)).not.toContain('GetItem');
    // Used now: the page says so, still from one read.
    const after = await callsOf(async () => {
      expect((await pageText(call.link)).text).toContain('Sea Lark');
    });
    expect(operations(after)[0]).toBe('BatchGetItem');
  });
});

describe('a link whose sealed ids do not match its record', () => {
  it('opens an invalid-link page, showing nothing of either call', async () => {
    const a = await startCall('CH-ONE-READ-A');
    const b = await startCall('CH-ONE-READ-B');
    const checked = await verifyLinkToken(api.settings.linkKeys, tokenOf(a.link), clock);
    if (!checked.ok) throw new Error('link A does not verify');
    // A's link id and times, with B's ids sealed in: genuinely signed, but not what A's record says.
    const ref: LinkRef = {
      call_id: a.callId,
      crew_id: a.crewId,
      issue: 1,
      kid: checked.kid,
      ...times(checked),
    };
    const invalid = await pageText(`${api.url}/m/${'x'.repeat(40)}`);
    for (const target of [
      { kind: 'call', call_id: b.callId, crew_id: b.crewId, charter_id: b.charterId },
      { kind: 'call', call_id: a.callId, crew_id: a.crewId, charter_id: b.charterId },
      { kind: 'call', call_id: a.callId, crew_id: 'c-0001', charter_id: a.charterId },
      { kind: 'portal', crew_id: a.crewId },
    ] as const) {
      const token = await signLinkToken(api.settings.linkKeys, ref, target);
      const page = await pageText(`${api.url}/m/${token}`);
      expect(page, JSON.stringify(target)).toEqual(invalid);
      expect(page.status).toBe(404);
    }
  });
});

describe('portal links', () => {
  it('read the link and the person in one BatchGetItem before listing their calls', async () => {
    const res = await admin('POST', '/api/links/portal', { crew_id: 'c-0008' });
    expect(res.status).toBe(201);
    const portal = ((await res.json()) as PortalLinkAnswer).url;
    let page = { status: 0, text: '' };
    const calls = await callsOf(async () => {
      page = await pageText(portal);
    });
    expect(page.status).toBe(200);
    const first = calls[0];
    expect(first?.operation).toBe('BatchGetItem');
    expect(first?.tables).toHaveLength(2);
    expect(JSON.stringify(first?.body.RequestItems)).toContain('CREW#c-0008');
    expect(JSON.stringify(first?.body.RequestItems)).toContain('LINK#');
    // What follows lists their calls: neither the link nor the person is read again.
    for (const later of calls.slice(1)) {
      expect(JSON.stringify(later.body)).not.toContain('LINK#');
      expect(later.tables).not.toContain(api.db.tables['crew-roster']);
    }

    // The old way: the link alone first, then the person.
    const checked = await verifyLinkToken(api.settings.linkKeys, tokenOf(portal), clock);
    if (!checked.ok) throw new Error('portal link does not verify');
    const old = `${api.url}/m/${await joseSignLinkToken(api.settings.linkKeys, {
      call_id: 'portal',
      crew_id: 'c-0008',
      issue: 1,
      kid: checked.kid,
      ...times(checked),
    })}`;
    let oldPage = { status: 0, text: '' };
    const oldCalls = await callsOf(async () => {
      oldPage = await pageText(old);
    });
    expect(operations(oldCalls).slice(0, 2)).toEqual(['GetItem', 'GetItem']);
    expect(oldPage).toEqual(page);
  });

  it('list calls whose links each open with one read', async () => {
    const call = await startCall('CH-ONE-READ-PORTAL');
    const res = await admin('POST', '/api/links/portal', { crew_id: call.crewId });
    const portal = ((await res.json()) as PortalLinkAnswer).url;
    const html = await (await fetch(portal)).text();
    const paths = [...html.matchAll(/href="(\/m\/[A-Za-z0-9_.-]+)"/g)].map((m) => m[1] as string);
    const entries = paths.filter((p) => p !== new URL(portal).pathname);
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      const calls = await callsOf(() => fetch(`${api.url}${entry}`).then((r) => r.text()));
      // Confirmed crew also see the charter chat: that Query follows the one read.
      expect(operations(calls)[0]).toBe('BatchGetItem');
      expect(operations(calls).filter((o) => o !== 'Query')).toEqual(['BatchGetItem']);
    }
  });
});
