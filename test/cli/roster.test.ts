import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterAnswer } from '../../shared/api/index.js';
import type { CrewMember } from '../../shared/crew/index.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { apiEnv, assertBuilt, runCli } from './run-cli.js';

let api: TestApi;
let env: Record<string, string>;
beforeAll(async () => {
  assertBuilt();
  api = await startTestApi();
  env = apiEnv(api.url);
});
afterAll(() => api?.close());

const person = (n: string, over: Record<string, string> = {}) => {
  const flags: Record<string, string> = {
    name: `Test Person ${n}`,
    phone: `+1 310 555 01${n}`,
    email: `person${n}@example.com`,
    role: 'deckhand',
    level: '3',
    'availability-key': `P${n}`,
    'day-rate': '250',
    ...over,
  };
  return Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]);
};

const addJson = async (n: string, over: Record<string, string> = {}) => {
  const r = await runCli(['roster', 'add', ...person(n, over), '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CrewMember;
};

describe('crewcall roster add', () => {
  it('adds a crew member through the signed API, the day rate in exact cents', async () => {
    const r = await runCli(
      ['roster', 'add', ...person('21', { name: 'Noemi Castell', 'day-rate': '450.10' })],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Added Noemi Castell as c-/);
    expect(r.stdout).toContain('$450.10');
    expect(r.stdout).toContain('+13105550121');
    const m = await addJson('22', { 'day-rate': '1,250.5', currency: 'usd' });
    expect(m.day_rate).toEqual({ amount_cents: 125050, currency: 'USD' });
    expect(m.active).toBe(true);
  });

  it('passes on the API’s 409 for a duplicate email, per field, with exit 3', async () => {
    const r = await runCli(
      ['roster', 'add', ...person('23', { email: 'person21@example.com' })],
      env,
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the API refused POST /api/crew: 409 conflict');
    expect(r.stderr).toMatch(/\n {2}email: is already used by another crew member \(c-[^)]+\)/);
  });

  it('passes on the API’s field message for a bad phone (exit 3), as JSON with --json', async () => {
    const r = await runCli(['roster', 'add', ...person('24', { phone: '310-nope' })], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('400 invalid_input');
    expect(r.stderr).toContain('  phone: "310-nope" is not a valid phone number');
    const j = await runCli(
      ['roster', 'add', ...person('24', { phone: '310-nope' }), '--json'],
      env,
    );
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stdout)).toMatchObject({
      error: 'invalid_input',
      status: 400,
      exit_code: 3,
      fields: [{ field: 'phone', message: expect.stringContaining('is not a valid phone number') }],
    });
  });

  it('refuses flags it cannot turn into the API’s types before sending anything (exit 2)', async () => {
    const overs: Array<Record<string, string>> = [
      { 'day-rate': '45.999' },
      { 'day-rate': '4.5e2' },
      { level: 'two' },
    ];
    for (const over of overs) {
      const r = await runCli(['roster', 'add', ...person('25', over)], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not (an amount|a whole number)/);
    }
    const missing = await runCli(['roster', 'add', '--name', 'Only A Name'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--phone <phone>' not specified");
  });
});

describe('crewcall roster list', () => {
  it('lists in cascade-level-then-name order, filters by role, and --json parses', async () => {
    await addJson('31', { name: 'Zed Alder', role: 'captain', level: '1' });
    await addJson('32', { name: 'Amy Birch', role: 'captain', level: '1' });
    await addJson('33', { name: 'Bo Cedar', role: 'mate', level: '2' });
    const j = await runCli(['roster', 'list', '--json'], env);
    expect(j.code).toBe(0);
    const names = (JSON.parse(j.stdout) as RosterAnswer).crew.map((m) => m.name);
    expect(names.slice(0, 3)).toEqual(['Amy Birch', 'Zed Alder', 'Bo Cedar']);

    const text = await runCli(['roster', 'list', '--role', 'captain'], env);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +LVL +ROLE +NAME +PHONE +EMAIL +DAY RATE +ACTIVE$/);
    expect(lines.slice(1).map((l) => l.includes('Amy Birch') || l.includes('Zed Alder'))).toEqual([
      true,
      true,
    ]);
    expect(lines[1]).toContain('Amy Birch');

    const none = await runCli(['roster', 'list', '--role', 'purser'], env);
    expect(none.stdout.trim()).toBe('No crew match.');
  });
});

describe('crewcall roster update and deactivate', () => {
  it('changes only the given fields, keeping the currency when only the amount is given', async () => {
    const m = await addJson('41', { currency: 'EUR' });
    const r = await runCli(
      ['roster', 'update', m.crew_id, '--day-rate', '310.05', '--level', '2', '--json'],
      env,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      crew_id: m.crew_id,
      cascade_level: 2,
      day_rate: { amount_cents: 31005, currency: 'EUR' },
      name: m.name,
      version: 2,
    });
    const text = await runCli(['roster', 'update', m.crew_id, '--name', 'Ines Harrow'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Updated ${m.crew_id} (version 3)`);

    const taken = await runCli(
      ['roster', 'update', m.crew_id, '--email', 'person21@example.com'],
      env,
    );
    expect(taken.code).toBe(3);
    expect(taken.stderr).toContain('  email: is already used by another crew member');
    const nothing = await runCli(['roster', 'update', m.crew_id], env);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    const unknown = await runCli(['roster', 'update', 'c-nobody', '--level', '2'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('404 not_found: crew member c-nobody was not found');
  });

  it('deactivates, and the roster filters show it', async () => {
    const m = await addJson('51');
    const r = await runCli(['roster', 'deactivate', m.crew_id], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Deactivated ${m.name} (${m.crew_id})`);
    const ids = async (flag: string) =>
      (
        JSON.parse((await runCli(['roster', 'list', flag, '--json'], env)).stdout) as RosterAnswer
      ).crew.map((c) => c.crew_id);
    expect(await ids('--inactive')).toEqual([m.crew_id]);
    expect(await ids('--active')).not.toContain(m.crew_id);
    const back = await runCli(['roster', 'update', m.crew_id, '--active', '--json'], env);
    expect(JSON.parse(back.stdout)).toMatchObject({ active: true });
  });
});

describe('configuration and failures', () => {
  it('names the missing variable and exits 2 without sending anything', async () => {
    for (const name of [
      'CREWCALL_API_URL',
      'CREWCALL_ACCESS_KEY_ID',
      'CREWCALL_SECRET_ACCESS_KEY',
    ]) {
      const { [name]: _gone, ...rest } = env;
      const r = await runCli(['roster', 'list'], rest);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${name} is not set`);
    }
    const flagged = await runCli(['roster', 'list', '--api-url', api.url, '--json'], {
      ...env,
      CREWCALL_API_URL: '',
    });
    expect(flagged.code).toBe(0);
    const badRegion = await runCli(['roster', 'list', '--region', 'mars'], env);
    expect(badRegion.code).toBe(2);
    expect(badRegion.stderr).toContain('--region "mars" is not an AWS region');
  });

  it('exits 3 when the API refuses the signature, 4 when nobody answers', async () => {
    const wrongKey = await runCli(['roster', 'list'], {
      ...env,
      CREWCALL_SECRET_ACCESS_KEY: 'not-the-secret-of-this-access-key',
    });
    expect(wrongKey.code, wrongKey.stderr).toBe(3);
    expect(wrongKey.stderr).toMatch(/the API refused GET \/api\/crew: 403/);
    const wrongRegion = await runCli(['roster', 'list', '--region', 'eu-west-1'], env);
    expect(wrongRegion.code).toBe(3);
    expect(wrongRegion.stderr).toContain('wrong_region');
    const down = await runCli(['roster', 'list'], {
      ...env,
      CREWCALL_API_URL: 'http://127.0.0.1:9',
    });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('could not reach the edge API at http://127.0.0.1:9');
  });
});
