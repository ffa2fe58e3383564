import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CrewMember,
  ErrorBody,
  OfficeSettingsAnswer,
  OfficeSettingsBody,
  PreviewAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A week before the Sea Lark charter: the environment's policy gives each level 12 hours.
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    now: () => clock,
    env: { OFFICE_NAME: 'Gull Point Charters', CALL_WINDOW_POLICY: '168h=12h,24h=2h,0h=30m' },
  });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

const settings = async () => {
  const res = await signedFetch(`${api.url}/api/settings`);
  expect(res.status).toBe(200);
  return (await res.json()) as OfficeSettingsAnswer;
};
const putSettings = (body: OfficeSettingsBody | Record<string, unknown>) =>
  signedFetch(`${api.url}/api/settings`, { method: 'PUT', body });

let n = 0;
const newCrew = (role: string) => {
  n += 1;
  return {
    name: `Settings Sailor ${n}`,
    phone: `+1 310 555 01${String(60 + n).padStart(2, '0')}`,
    email: `settings.sailor${n}@example.com`,
    role,
    cascade_level: 3,
    availability_key: `Settings Sailor ${n}`,
    day_rate: { amount_cents: 20000, currency: 'USD' },
  };
};
const postCrew = (body: unknown) => signedFetch(`${api.url}/api/crew`, { method: 'POST', body });

describe('the office settings the edge API keeps (GET/PUT /api/settings)', () => {
  it('answers the defaults before the office chose anything: the roles, the environment policy, the office', async () => {
    expect(await settings()).toEqual({
      roles: ['captain', 'mate', 'deckhand'],
      call_window_policy: '168h=12h,24h=2h,0h=30m',
      stored: false,
      office: {
        name: 'Gull Point Charters',
        email: 'office@example.com',
        phone: '+1 310 555 0100',
      },
    });
  });

  it('refuses a bad role list and a bad policy, naming each, and stores nothing', async () => {
    const res = await putSettings({
      roles: ['captain', 'Mate', 'mate', ''],
      call_window_policy: '168h=12h',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields.map((f) => f.field).sort()).toEqual(['call_window_policy', 'roles']);
    expect(body.fields.find((f) => f.field === 'roles')?.message).toMatch(/mate.*more than once/);
    expect(body.fields.find((f) => f.field === 'call_window_policy')?.message).toMatch(/0h/);
    expect((await settings()).stored).toBe(false);

    for (const roles of [[], ['deck hand!'], 'captain']) {
      const bad = await putSettings({ roles });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Required<ErrorBody>).fields[0]?.field).toBe('roles');
    }
    const unknown = await putSettings({ office_name: 'Elsewhere' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Required<ErrorBody>).fields[0]?.field).toBe('office_name');
    expect((await settings()).stored).toBe(false);
  });

  it('stores a role list; a crew member of a role not on it is refused, naming role and the list', async () => {
    const res = await putSettings({ roles: ['captain', 'skipper', 'mate', 'deckhand', 'bosun'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      roles: ['captain', 'skipper', 'mate', 'deckhand', 'bosun'],
      call_window_policy: '168h=12h,24h=2h,0h=30m',
      stored: true,
    });

    const typo = await postCrew(newCrew('deckhnad'));
    expect(typo.status).toBe(400);
    const refused = (await typo.json()) as Required<ErrorBody>;
    expect(refused.fields).toEqual([
      {
        field: 'role',
        message:
          '"deckhnad" is not one of the office\'s roles: captain, skipper, mate, deckhand, bosun',
      },
    ]);

    const bosun = await postCrew(newCrew('bosun'));
    expect(bosun.status).toBe(201);
    const member = (await bosun.json()) as CrewMember;
    const patch = await signedFetch(`${api.url}/api/crew/${member.crew_id}`, {
      method: 'PATCH',
      body: { role: 'deckhnad' },
    });
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as Required<ErrorBody>).fields[0]?.field).toBe('role');
    // Other changes need no role check.
    const rename = await signedFetch(`${api.url}/api/crew/${member.crew_id}`, {
      method: 'PATCH',
      body: { name: 'Settings Bosun' },
    });
    expect(rename.status).toBe(200);
  });

  it('refuses to drop a role active crew still hold, naming them; once they are inactive it may go', async () => {
    const res = await putSettings({ roles: ['captain', 'skipper', 'mate', 'deckhand'] });
    expect(res.status).toBe(409);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields[0]?.field).toBe('roles');
    expect(body.message).toContain('bosun');
    expect(body.message).toContain('Settings Bosun');
    expect((await settings()).roles).toContain('bosun');

    const { crew } = (await (await signedFetch(`${api.url}/api/crew?role=bosun`)).json()) as {
      crew: CrewMember[];
    };
    for (const c of crew) {
      const gone = await signedFetch(`${api.url}/api/crew/${c.crew_id}`, { method: 'DELETE' });
      expect(gone.status).toBe(200);
    }
    const again = await putSettings({ roles: ['captain', 'skipper', 'mate', 'deckhand'] });
    expect(again.status).toBe(200);
    expect((await settings()).roles).toEqual(['captain', 'skipper', 'mate', 'deckhand']);
  });

  it("a new call's windows come from the stored policy, in the preview, the start and its escalation", async () => {
    const stored = await putSettings({ call_window_policy: '72h=45m, 0h=20m' });
    expect(stored.status).toBe(200);
    expect((await stored.json()) as OfficeSettingsAnswer).toMatchObject({
      call_window_policy: '72h=45m,0h=20m',
      roles: ['captain', 'skipper', 'mate', 'deckhand'],
    });
    const put = await signedFetch(`${api.url}/api/charters/CH-SET-1205`, {
      method: 'PUT',
      body: seaLark1205,
    });
    expect([200, 201]).toContain(put.status);
    const preview = await signedFetch(`${api.url}/api/charters/CH-SET-1205/calls/preview`, {
      method: 'POST',
      body: { availability: demoRosterMarks },
    });
    expect(preview.status).toBe(200);
    const plan = ((await preview.json()) as PreviewAnswer).plan;
    expect(plan.levels.map((l) => l.window_minutes)).toEqual([45, 45, 45]);

    const started = await signedFetch(`${api.url}/api/charters/CH-SET-1205/calls`, {
      method: 'POST',
      body: { availability: demoRosterMarks },
    });
    expect(started.status).toBe(201);
    const { call } = (await started.json()) as StartCallAnswer;
    expect(call.current_window_closes_at).toBe('2026-11-28T17:45:00.000Z');

    // The policy is frozen onto the call: a later change does not move its next window.
    expect((await putSettings({ call_window_policy: '0h=5h' })).status).toBe(200);
    const escalated = await signedFetch(`${api.url}/api/calls/${call.call_id}/escalate`, {
      method: 'POST',
      body: { from_level: call.current_level, force: true },
    });
    expect(escalated.status).toBe(200);
    const next = ((await escalated.json()) as { call: StartCallAnswer['call'] }).call;
    expect(next.current_window_closes_at).toBe('2026-11-28T17:45:00.000Z');
  });
});
