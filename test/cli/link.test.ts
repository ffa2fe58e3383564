import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_LINK_SIGNING_KEYS } from '../../edge-api/src/config/index.js';
import { seedDemoRoster } from '../../edge-api/src/local/seed-roster.js';
import type { StartCallAnswer } from '../../shared/api/index.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { postCrewForm } from '../support/crew-links.js';
import { signedFetch } from '../support/signed-fetch.js';
import { apiEnv, assertBuilt, runCli } from './run-cli.js';

// Real time throughout: the CLI checks expiry against its own clock.
let api: TestApi;
let env: Record<string, string>;
let callId: string;
let abdulLink: string;
beforeAll(async () => {
  assertBuilt();
  api = await startTestApi();
  env = apiEnv(api.url);
  await seedDemoRoster(api.db, new Date());
  const date = DateTime.now().setZone('America/Los_Angeles').plus({ days: 10 }).toISODate();
  const put = await signedFetch(`${api.url}/api/charters/CH-CLI`, {
    method: 'PUT',
    body: {
      vessel: 'Blue Heron',
      date,
      start: '16:30',
      end: '19:30',
      time_zone: 'America/Los_Angeles',
      client: 'R. Quill (sunset)',
      guests: 6,
      needs: { captain: 1 },
      price: { amount_cents: 145000, currency: 'USD' },
    },
  });
  expect(put.status).toBeLessThan(300);
  const res = await signedFetch(`${api.url}/api/charters/CH-CLI/calls`, {
    method: 'POST',
    body: { availability: { Abdul: 'yes' } },
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as StartCallAnswer;
  callId = body.call.call_id;
  abdulLink = body.notifications.find((n) => n.crew_id === 'c-0001')?.link_url as string;
  expect(abdulLink).toContain('/m/');
});
afterAll(() => api?.close());

const tokenOf = (url: string) => url.split('/m/')[1] as string;
const secretOf = (keys: string) => keys.split(':')[1] as string;

describe('crewcall link issue', () => {
  it('issues a personal portal link and prints its URL', async () => {
    const r = await runCli(['link', 'issue', '--crew', 'c-0002'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Portal link for c-0002 \(issue 1, expires 20\d\d-/);
    const url = r.stdout.trim().split('\n').at(-1) as string;
    expect(url.startsWith(`${api.url}/m/`)).toBe(true);
    expect((await fetch(url)).status).toBe(200);

    const json = await runCli(['link', 'issue', '--crew', 'c-0002', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ crew_id: 'c-0002', issue: 2 });
    expect((await fetch(url)).status).toBe(410);

    const inspect = await runCli(['link', 'inspect', url], env);
    expect(inspect.code).toBe(1);
    expect(inspect.stdout).toContain('kind:');
    expect(inspect.stdout).toContain('Verdict: revoked');
  });

  it('answers 404 (exit 3) for someone not on the roster or not on the call', async () => {
    const nobody = await runCli(['link', 'issue', '--crew', 'c-nobody'], env);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain('crew member c-nobody was not found');
    const notOnCall = await runCli(['link', 'issue', '--crew', 'c-0012', '--call', callId], env);
    expect(notOnCall.code).toBe(3);
    expect(notOnCall.stderr).toContain(`crew member c-0012 on call ${callId} was not found`);
  });
});

describe('crewcall link inspect', () => {
  it('shows the claims and a live call link (exit 0), verifying locally with LINK_SIGNING_KEYS', async () => {
    const r = await runCli(['link', 'inspect', abdulLink], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('header:        alg=HS256 kid=dev-1 typ=JWT');
    expect(r.stdout).toContain('audience:      crewcall-crew-link');
    expect(r.stdout).toContain('Local signature check: not checked here');
    expect(r.stdout).toMatch(/crew: +Abdul Rahimi \(c-0001\)/);
    expect(r.stdout).toMatch(new RegExp(`call: +${callId} \\(charter CH-CLI\\)`));
    expect(r.stdout).toMatch(/state: +live\n/);
    expect(r.stdout).toContain('Verdict: live: it can be used');

    const keys = { ...env, LINK_SIGNING_KEYS: DEV_LINK_SIGNING_KEYS };
    const local = await runCli(['link', 'inspect', tokenOf(abdulLink), '--json'], keys);
    expect(local.code).toBe(0);
    expect(local.stdout + local.stderr).not.toContain(secretOf(DEV_LINK_SIGNING_KEYS));
    const j = JSON.parse(local.stdout);
    expect(j).toMatchObject({
      token: {
        header: { alg: 'HS256', kid: 'dev-1', typ: 'JWT' },
        claims: { aud: 'crewcall-crew-link' },
        signature: 'valid',
        checked_with_kids: ['dev-1'],
      },
      api: { valid_signature: true, kind: 'call', state: 'live', current: true, call_id: callId },
      usable: true,
    });
    expect(typeof j.token.claims.exp).toBe('number');
  });

  it('reissuing revokes the old link; a used link and a tampered one are not usable (exit 1)', async () => {
    const issued = await runCli(['link', 'issue', '--crew', 'c-0001', '--call', callId], env);
    expect(issued.code, issued.stderr).toBe(0);
    const fresh = issued.stdout.split('\n').find((l) => l.includes('/m/')) as string;
    expect(fresh).not.toBe(abdulLink);
    expect(issued.stdout).toContain('the previous one is revoked');

    const old = await runCli(['link', 'inspect', abdulLink], env);
    expect(old.code).toBe(1);
    expect(old.stdout).toMatch(/state: +revoked/);
    expect(old.stdout).toMatch(/current link: +no/);

    expect((await postCrewForm(fresh, { action: 'accept' })).result).toBeTruthy();
    const used = await runCli(['link', 'inspect', fresh], env);
    expect(used.code).toBe(1);
    expect(used.stdout).toMatch(/state: +used/);
    expect(used.stdout).toMatch(/decision: +accept/);
    expect(used.stdout).toContain('Verdict: used (accept)');

    const token = tokenOf(fresh);
    const tampered = `${token.slice(0, -6)}${token.slice(-6).split('').reverse().join('')}`;
    const bad = await runCli(['link', 'inspect', tampered], {
      ...env,
      LINK_SIGNING_KEYS: DEV_LINK_SIGNING_KEYS,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Local signature check: INVALID');
    expect(bad.stdout).toMatch(/signature: +INVALID/);
    expect(bad.stdout).toContain('Verdict: not a genuine link');
    expect(bad.stdout + bad.stderr).not.toContain(secretOf(DEV_LINK_SIGNING_KEYS));
  });

  it('warns when LINK_SIGNING_KEYS here are not the API’s, and refuses malformed keys (exit 2)', async () => {
    const otherKey = `other-1:${Buffer.alloc(32, 7).toString('base64url')}`;
    const r = await runCli(['link', 'inspect', abdulLink], { ...env, LINK_SIGNING_KEYS: otherKey });
    expect(r.stdout).toContain('Local signature check: INVALID');
    expect(r.stderr).toContain('the local check and the API disagree');
    const short = await runCli(['link', 'inspect', abdulLink], {
      ...env,
      LINK_SIGNING_KEYS: 'k1:c2hvcnQ',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('LINK_SIGNING_KEYS key "k1" must be at least 32 bytes');
    expect(short.stderr).not.toContain('c2hvcnQ');
  });
});
