import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../edge-api/src/local/seed-roster.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { apiEnv, assertBuilt, runCli } from './run-cli.js';

let api: TestApi;
let env: Record<string, string>;
beforeAll(async () => {
  assertBuilt();
  api = await startTestApi();
  env = apiEnv(api.url);
  await seedDemoRoster(api.db, new Date());
});
afterAll(() => api?.close());

const urlIn = (stdout: string) => stdout.match(/http:\/\/\S+\/cal\/\S+\.ics/)?.[0] as string;

describe('crewcall link feed', () => {
  it('issues a calendar feed, reissues it (old URL dead) and revokes it', async () => {
    const first = await runCli(['link', 'feed', 'c-0003'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Calendar feed for c-0003 \(issue 1;/);
    const url1 = urlIn(first.stdout);
    expect(first.stdout).toContain(url1.replace('http:', 'webcal:'));
    const calendar = await fetch(url1);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');

    const second = await runCli(['link', 'feed', 'c-0003', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    const answer = JSON.parse(second.stdout) as { issue: number; url: string };
    expect(answer.issue).toBe(2);
    expect((await fetch(url1)).status).toBe(404);

    const revoked = await runCli(['link', 'feed', 'c-0003', '--revoke'], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe(
      'Revoked the calendar feed of c-0003 (issue 2): it no longer works.',
    );
    expect((await fetch(answer.url)).status).toBe(404);
    const again = await runCli(['link', 'feed', 'c-0003', '--revoke'], env);
    expect(again.stdout).toContain('was already revoked: nothing changed');
  });

  it('revokes a portal link without issuing another', async () => {
    const issued = await runCli(['link', 'issue', '--crew', 'c-0004'], env);
    const portal = issued.stdout.trim().split('\n').at(-1) as string;
    expect((await fetch(portal)).status).toBe(200);
    const revoked = await runCli(['link', 'issue', '--crew', 'c-0004', '--revoke'], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked the portal link of c-0004 (issue 1)');
    expect((await fetch(portal)).status).toBe(410);
  });

  it('names the problem: nobody, no feed yet, a bad id (exit 3), --revoke with --call (exit 2)', async () => {
    const nobody = await runCli(['link', 'feed', 'c-9999'], env);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain('crew member c-9999 was not found');
    const none = await runCli(['link', 'feed', 'c-0005', '--revoke'], env);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('Kenji Watanabe (c-0005) has no calendar feed');
    const bad = await runCli(['link', 'feed', 'not an id'], env);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('crew_id');
    const usage = await runCli(
      ['link', 'issue', '--crew', 'c-0001', '--call', 'call-1', '--revoke'],
      env,
    );
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--revoke works on portal links only');
  });
});
