import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewFound } from '../../shared/api/index.js';
import type { CrewMember } from '../../shared/crew/index.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { apiEnv, assertBuilt, runCli } from './run-cli.js';

// crewcall roster: the close-name warning and its flag, finding a person by phone
// or email, and refusals that name the person, through the built CLI and the real API.

let api: TestApi;
let env: Record<string, string>;
let first: CrewMember;
beforeAll(async () => {
  assertBuilt();
  api = await startTestApi();
  env = apiEnv(api.url);
  first = await addJson(person('61', { name: 'Peregrine Alcott', email: 'P.Alcott@example.com' }));
});
afterAll(() => api?.close());

function person(n: string, over: Record<string, string> = {}): string[] {
  const flags: Record<string, string> = {
    name: `Cli Person ${n}`,
    phone: `+1 310 555 01${n}`,
    email: `cliperson${n}@example.com`,
    role: 'deckhand',
    level: '3',
    'availability-key': `Cli ${n}`,
    'day-rate': '250',
    ...over,
  };
  return Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]);
}

async function addJson(args: string[]): Promise<CrewMember> {
  const r = await runCli(['roster', 'add', ...args, '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CrewMember;
}

describe('crewcall roster add and a close name', () => {
  it('warns with exit 3, naming who is there, and adds with --confirm-similar-name', async () => {
    const r = await runCli(['roster', 'add', ...person('62', { name: 'Peregrine  ALCOTT' })], env);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('409 similar_name');
    expect(r.stderr).toContain(`Peregrine Alcott (${first.crew_id})`);
    expect(r.stderr).toContain('--confirm-similar-name');

    const ok = await runCli(
      ['roster', 'add', ...person('62', { name: 'Peregrine  ALCOTT' }), '--confirm-similar-name'],
      env,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Added Peregrine {2}ALCOTT as c-/);
  });

  it('names the person who already has the availability key', async () => {
    const r = await runCli(
      ['roster', 'add', ...person('63', { 'availability-key': 'cli 61' })],
      env,
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `Peregrine Alcott (${first.crew_id}) already has the availability key "Cli 61"`,
    );
  });
});

describe('crewcall roster find', () => {
  it.each([['(310) 555-0161'], ['+1 310 555 0161'], ['  p.alcott@EXAMPLE.com ']])(
    'finds the crew member by %s',
    async (contact) => {
      const r = await runCli(['roster', 'find', contact], env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Peregrine Alcott (${first.crew_id}) has this`);
      expect(r.stdout).toContain('+13105550161');
    },
  );

  it('answers --json with the member and what matched', async () => {
    const r = await runCli(['roster', 'find', '310 555 0161', '--json'], env);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as CrewFound;
    expect(found).toEqual({ crew: first, matched_by: 'phone' });
  });

  it('says plainly when nobody has it, and names the contact when it is malformed', async () => {
    const none = await runCli(['roster', 'find', '(310) 555-0198'], env);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('nobody on the roster has the phone +13105550198');
    const bad = await runCli(['roster', 'find', 'call me'], env);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('400 invalid_input');
    expect(bad.stderr).toContain('  contact: "call me" is not a phone number');
  });
});
