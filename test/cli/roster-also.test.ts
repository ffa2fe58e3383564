import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewMember } from '../../shared/crew/index.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { signedFetch } from '../support/signed-fetch.js';
import { apiEnv, assertBuilt, runCli } from './run-cli.js';

let api: TestApi;
let env: Record<string, string>;
beforeAll(async () => {
  assertBuilt();
  api = await startTestApi();
  env = apiEnv(api.url);
  // Skipper is one of this office's roles (the default list has captain, mate, deckhand).
  const roles = await signedFetch(`${api.url}/api/settings`, {
    method: 'PUT',
    body: { roles: ['captain', 'skipper', 'mate', 'deckhand'] },
  });
  expect(roles.status).toBe(200);
});
afterAll(() => api?.close());

const flags = [
  '--name',
  'Rowan Quill',
  '--phone',
  '+1 310 555 0181',
  '--email',
  'rowan.cli@example.com',
  '--role',
  'captain',
  '--level',
  '1',
  '--availability-key',
  'Rowan',
  '--day-rate',
  '450',
];

describe('crewcall roster add/update --also', () => {
  it('adds extra qualifications, changes them and clears them', async () => {
    const added = await runCli(
      ['roster', 'add', ...flags, '--also', 'mate:3, skipper:2', '--json'],
      env,
    );
    expect(added.code).toBe(0);
    const member = JSON.parse(added.stdout) as CrewMember;
    expect(member.also_qualified).toEqual([
      { role: 'mate', cascade_level: 3 },
      { role: 'skipper', cascade_level: 2 },
    ]);
    const shown = await runCli(['roster', 'update', member.crew_id, '--also', 'mate:2'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('mate (level 2)');
    const cleared = await runCli(['roster', 'update', member.crew_id, '--also', '', '--json'], env);
    expect((JSON.parse(cleared.stdout) as CrewMember).also_qualified).toBeUndefined();
  });

  it('refuses an entry that is not role:level before sending (exit 2), and passes on the API’s field (exit 3)', async () => {
    const bad = await runCli(['roster', 'add', ...flags, '--also', 'mate'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--also entry 1 ("mate") must be role:level');
    const repeat = await runCli(
      [
        'roster',
        'add',
        ...flags,
        '--email',
        'rowan.two@example.com',
        '--phone',
        '+1 310 555 0182',
        '--also',
        'captain:2',
      ],
      env,
    );
    expect(repeat.code).toBe(3);
    expect(repeat.stderr).toContain('also_qualified.0.role');
  });
});
