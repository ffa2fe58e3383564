import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../../shared/api/index.js';
import { seaLark1205 } from '../../support/charters.js';
import {
  type EntryPoint,
  entryPoints,
  LAMBDA_PUBLIC_BASE_URL,
  lambdaEntryPoint,
  setEnv,
} from '../../support/entry-points.js';

/**
 * The same assertions against both entry points: `npm start` (node-server over
 * HTTP, local SigV4 verifier) and the built Lambda bundle behind API Gateway
 * (HTTP API events, IAM authorizer). Both run on the real clock, so the charter
 * sails ten days from today (cascade windows of 12 hours a week or more out).
 */
// Restored after the suites below, whatever they set; checked by the last test.
const envAtStart = { ...process.env };

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const sailDate = daysFromNow(10);
const charter = { ...seaLark1205, date: sailDate };

// Fictional crew on level 1 (a captain, a mate, a deckhand) and level 2 (a deckhand).
const dispatchCrew = [
  ['Avery Quinn', 'captain', 1, 'Avery', '+1 310 555 0150'],
  ['Jules Moreno', 'mate', 1, 'Jules', '+1 310 555 0151'],
  ['Noor Haddad', 'deckhand', 1, 'Noor', '+1 310 555 0152'],
  ['Tomas Reyes', 'deckhand', 2, 'Tomas', '+1 310 555 0153'],
] as const;
const emailOf = (name: string) => `${name.toLowerCase().replace(' ', '.')}@example.com`;
const crewMember = ([name, role, level, key, phone]: (typeof dispatchCrew)[number]) => ({
  name,
  phone,
  email: emailOf(name),
  role,
  cascade_level: level,
  availability_key: key,
  day_rate: { amount_cents: 30000, currency: 'USD' },
});
const availability = { Avery: 'yes', Jules: 'yes', Noor: 'am', Tomas: 'yes' };

const rosa = {
  name: 'Rosa Delgado',
  phone: '(310) 555-0142',
  email: '  Rosa.Delgado@Example.COM ',
  role: 'Deckhand',
  cascade_level: 3,
  availability_key: 'Rosa D',
  day_rate: { amount_cents: 28000, currency: 'USD' },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const cspOf = (header: string | undefined) =>
  Object.fromEntries(
    (header ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe.each(entryPoints)('the edge API under $name', ({ start }) => {
  let ep: EntryPoint;
  beforeAll(async () => {
    ep = await start();
    for (const member of dispatchCrew) {
      expect((await ep.admin('POST', '/api/crew', crewMember(member))).status).toBe(201);
    }
  });
  afterAll(() => ep?.close());

  // What the flow below carries from step to step.
  let call_id = '';
  let asked: Notification[] = [];
  const linkOf = (name: string) => asked.find((n) => n.to === emailOf(name))?.link_url as string;

  it('answers GET /healthz without authorization, with DynamoDB reachable', async () => {
    const res = await ep.anonymous('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', dynamodb: { ok: true } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('creates a crew member with 201, normalising phone, email and role', async () => {
    const res = await ep.admin('POST', '/api/crew', rosa);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toMatchObject({
      name: 'Rosa Delgado',
      phone: '+13105550142',
      email: 'rosa.delgado@example.com',
      role: 'deckhand',
      active: true,
      version: 1,
    });
    expect(res.headers.location).toBe(`/api/crew/${res.json.crew_id}`);
    const fetched = await ep.admin('GET', `/api/crew/${res.json.crew_id}`);
    expect(fetched.json).toEqual(res.json);
  });

  it('refuses a second crew member with the same email (any case) with 409 naming email', async () => {
    const res = await ep.admin('POST', '/api/crew', {
      ...rosa,
      email: 'ROSA.DELGADO@example.com',
      phone: '+1 310 555 0143',
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toBe('conflict');
    expect(res.json.fields.map((f: { field: string }) => f.field)).toEqual(['email']);
  });

  it('answers bad input with 400 naming each bad field', async () => {
    const { cascade_level: _omitted, ...withoutLevel } = {
      ...rosa,
      phone: 'call the dock',
      email: 'rosa.other@example.com',
    };
    const res = await ep.admin('POST', '/api/crew', withoutLevel);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_input');
    expect(res.json.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['phone', 'cascade_level']),
    );
    expect(res.json.fields).toContainEqual({ field: 'cascade_level', message: 'is required' });
  });

  it('upserts a charter: 201 then 200 with the next version', async () => {
    const created = await ep.admin('PUT', '/api/charters/CH-BOTH', charter);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'scheduled', version: 1, date: sailDate });
    expect(created.json.starts_at).toMatch(new RegExp(`^${sailDate}T1[67]:00:00Z$`));
    const updated = await ep.admin('PUT', '/api/charters/CH-BOTH', { ...charter, guests: 20 });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ guests: 20, version: 2 });
  });

  it('previews the cascade levels and writes nothing', async () => {
    const res = await ep.admin('POST', '/api/charters/CH-BOTH/calls/preview', { availability });
    expect(res.status).toBe(200);
    const levels = res.json.plan.levels as Array<{
      level: number;
      candidates: Array<{ name: string }>;
    }>;
    expect(levels.map((l) => l.level)).toEqual([1, 2]);
    expect(levels[0]?.candidates.map((c) => c.name).sort()).toEqual([
      'Avery Quinn',
      'Jules Moreno',
      'Noor Haddad',
    ]);
    expect(levels[1]?.candidates.map((c) => c.name)).toEqual(['Tomas Reyes']);
    expect((await ep.admin('GET', '/api/charters/CH-BOTH')).json.call).toBeNull();
  });

  it("starts a call: the first level's notifications carry links on this entry point's base URL", async () => {
    const res = await ep.admin('POST', '/api/charters/CH-BOTH/calls', { availability });
    expect(res.status).toBe(201);
    call_id = res.json.call.call_id;
    asked = res.json.notifications;
    expect(asked.map((n) => n.to).sort()).toEqual(
      ['Avery Quinn', 'Jules Moreno', 'Noor Haddad'].map(emailOf),
    );
    const link = new RegExp(
      `^${escapeRegExp(ep.baseUrl)}/m/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`,
    );
    for (const n of asked) {
      expect(n.kind).toBe('crew_call');
      expect(n.link_url).toMatch(link);
      expect(n.text).toContain(n.link_url);
      expect(n.ics.content).toContain('METHOD:PUBLISH'); // issue 13: was REQUEST
    }
  });

  it('shows the crew page: 200 HTML under a strict CSP, never cached', async () => {
    const res = await ep.crew('GET', linkOf('Noor Haddad'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = cspOf(res.headers['content-security-policy']);
    expect(csp).toMatchObject({
      'default-src': "'none'",
      'style-src': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(csp['script-src']).toBeUndefined();
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['cache-control']).toBe('no-store, private');
    expect(res.text).toContain('Hi Noor');
    expect(res.text).toContain('Sea Lark');
  });

  it('serves crew pages with Referrer-Policy same-origin (their posts carry our Origin), everything else no-referrer', async () => {
    const page = await ep.crew('GET', linkOf('Noor Haddad'));
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await ep.anonymous('GET', '/healthz')).headers['referrer-policy']).toBe('no-referrer');
    expect((await ep.admin('GET', '/api/crew')).headers['referrer-policy']).toBe('no-referrer');
  });

  it('accepts from the crew page with 303 to ?result=confirmed, which then says so', async () => {
    const link = linkOf('Noor Haddad');
    const res = await ep.crew('POST', link, { action: 'accept' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${new URL(link).pathname}?result=confirmed`);
    const page = await ep.crew('GET', res.location as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('A calendar invite is on its way.');
  });

  it('answers a second accept on the same link with "already answered"', async () => {
    const res = await ep.crew('POST', linkOf('Noor Haddad'), { action: 'accept' });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/\?result=already_answered$/);
  });

  it('refuses a form post from another origin with 403', async () => {
    const res = await ep.crew(
      'POST',
      linkOf('Jules Moreno'),
      { action: 'accept' },
      'https://evil.example.com',
    );
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('We couldn’t take that answer');
    expect(res.text).toContain('Open your page again from the email');
    expect(res.text).toContain('href="tel:+13105550100"');
    // Nothing was recorded: the page still offers the seat.
    expect((await ep.crew('GET', linkOf('Jules Moreno'))).text).toContain('Accept');
  });

  it('refuses a form post with Origin: null and no Sec-Fetch-Site (a browser hiding its origin) with the same crew page', async () => {
    const res = await ep.crew('POST', linkOf('Jules Moreno'), { action: 'accept' }, 'null');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.text).toContain('We couldn’t take that answer');
  });

  it('lists the pending notifications as due, except those a sender holds, the call itself not yet', async () => {
    const res = await ep.admin('GET', '/api/calls/due');
    expect(res.status).toBe(200);
    expect(res.json.calls.map((c: { call_id: string }) => c.call_id)).not.toContain(call_id);
    const mine = (res.json.pending_notifications as Notification[]).filter(
      (n) => n.call_id === call_id,
    );
    // The start's emails are the starter's to send for 10 minutes (the send lease).
    const askedIds = new Set(asked.map((n) => n.notification_id));
    expect(mine.filter((n) => askedIds.has(n.notification_id))).toEqual([]);
    expect(mine.find((n) => n.kind === 'confirmation')?.to).toBe(emailOf('Noor Haddad'));
  });

  it('escalates only when forced while the window is open, to the next level', async () => {
    const early = await ep.admin('POST', `/api/calls/${call_id}/escalate`, { from_level: 1 });
    expect(early.status).toBe(409);
    const forced = await ep.admin('POST', `/api/calls/${call_id}/escalate`, {
      from_level: 1,
      force: true,
    });
    expect(forced.status).toBe(200);
    expect(forced.json.level).toBe(2);
    expect(forced.json.notifications.map((n: Notification) => n.to)).toEqual([
      emailOf('Tomas Reyes'),
    ]);
    expect(forced.json.notifications[0].link_url.startsWith(`${ep.baseUrl}/m/`)).toBe(true);
  });

  it('cancels the charter with calendar CANCELs for everyone asked; the links then answer 410', async () => {
    const res = await ep.admin('POST', '/api/charters/CH-BOTH/cancel');
    expect(res.status).toBe(200);
    const notices = res.json.notifications as Notification[];
    expect(notices.map((n) => n.to).sort()).toEqual(
      dispatchCrew.map(([name]) => emailOf(name)).sort(),
    );
    for (const n of notices) {
      expect(n.ics.method).toBe('CANCEL');
      expect(n.ics.content).toContain('METHOD:CANCEL');
      expect(n.link_url).toBeUndefined();
    }
    const page = await ep.crew('GET', linkOf('Jules Moreno'));
    expect(page.status).toBe(410);
    expect(page.text).toContain('cancelled');
    expect((await ep.crew('POST', linkOf('Avery Quinn'), { action: 'accept' })).status).toBe(410);
  });

  it('answers an unknown route with 404 JSON', async () => {
    const res = await ep.admin('GET', '/api/no-such-route');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json).toEqual({ error: 'not_found', message: 'there is no GET /api/no-such-route' });
  });

  it('refuses an admin request without a signature (or authorizer) with 401', async () => {
    const res = await ep.anonymous('GET', '/api/crew');
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('missing_signature');
  });
});

describe('the Lambda reads its configuration once per cold start', () => {
  /** Starts a one-seat call on `ep` (a charter on its own day) and returns its one notification. */
  async function oneNotice(ep: EntryPoint, charterId: string, day: number): Promise<Notification> {
    const put = await ep.admin('PUT', `/api/charters/${charterId}`, {
      ...charter,
      date: daysFromNow(day),
      needs: { captain: 1 },
    });
    expect(put.status).toBe(201);
    const res = await ep.admin('POST', `/api/charters/${charterId}/calls`, {
      availability: { Wren: 'yes' },
    });
    expect(res.status).toBe(201);
    expect(res.json.notifications).toHaveLength(1);
    return res.json.notifications[0];
  }

  it('keeps its cold-start settings when the environment changes; the next cold start reads the new ones', async () => {
    const first = await lambdaEntryPoint({ env: { OFFICE_NAME: 'Pelican Cove Charters' } });
    try {
      const wren = {
        name: 'Wren Calloway',
        phone: '+1 310 555 0160',
        email: 'wren.calloway@example.com',
        role: 'captain',
        cascade_level: 1,
        availability_key: 'Wren',
        day_rate: { amount_cents: 45000, currency: 'USD' },
      };
      expect((await first.admin('POST', '/api/crew', wren)).status).toBe(201);
      const before = await oneNotice(first, 'CH-COLD-1', 10);
      expect(before.link_url?.startsWith(`${LAMBDA_PUBLIC_BASE_URL}/m/`)).toBe(true);
      expect(before.text).toContain('Pelican Cove Charters');

      // The function's configuration changes (a deploy); this warm instance does not re-read it.
      const changed = {
        PUBLIC_BASE_URL: 'https://crew-next.example.com',
        OFFICE_NAME: 'Osprey Point Charters',
      };
      const restore = setEnv(changed);
      try {
        const warm = await oneNotice(first, 'CH-COLD-2', 11);
        expect(warm.link_url?.startsWith(`${LAMBDA_PUBLIC_BASE_URL}/m/`)).toBe(true);
        expect(warm.text).toContain('Pelican Cove Charters');
        expect(warm.text).not.toContain('Osprey Point Charters');
        // Its form posts are still checked against the cold start's origin.
        const accepted = await first.crew('POST', warm.link_url as string, { action: 'accept' });
        expect(accepted.location).toMatch(/\?result=confirmed$/);

        // A new instance (a fresh module: a cold start) on the same tables sees the new values.
        const second = await lambdaEntryPoint({ tablePrefix: first.tablePrefix, env: changed });
        try {
          expect(second.baseUrl).toBe('https://crew-next.example.com');
          const cold = await oneNotice(second, 'CH-COLD-3', 12);
          expect(cold.link_url?.startsWith('https://crew-next.example.com/m/')).toBe(true);
          expect(cold.text).toContain('Osprey Point Charters');
        } finally {
          await second.close();
        }
        // And the first instance still answers with its own.
        const still = await oneNotice(first, 'CH-COLD-4', 13);
        expect(still.link_url?.startsWith(`${LAMBDA_PUBLIC_BASE_URL}/m/`)).toBe(true);
        expect(still.text).toContain('Pelican Cove Charters');
      } finally {
        restore();
      }
    } finally {
      await first.close();
    }
  });
});

describe('the Lambda refuses a cold start without an https PUBLIC_BASE_URL', () => {
  it.each([
    ['unset', '', /PUBLIC_BASE_URL must be set in AWS/],
    ['http', 'http://crew.example.com', /PUBLIC_BASE_URL must be an https origin/],
  ])('%s: the cold start fails naming PUBLIC_BASE_URL', async (_, value, message) => {
    await expect(lambdaEntryPoint({ env: { PUBLIC_BASE_URL: value } })).rejects.toThrow(message);
  });
});

describe('the environment after both suites', () => {
  it('is as before: nothing set for the Lambda leaks into later tests', () => {
    expect({ ...process.env }).toEqual(envAtStart);
  });
});
