import { describe, expect, it } from 'vitest';
import { callSettings } from '../../../edge-api/src/config/call-settings.js';
import { ConfigError, loadConfig } from '../../../edge-api/src/config/index.js';
import { createDb } from '../../../edge-api/src/db/client.js';

describe('loadConfig', () => {
  it('sends every DynamoDB request to the home region, whatever region the code runs in', async () => {
    const config = loadConfig({ AWS_REGION: 'us-east-1', CREWCALL_HOME_REGION: 'us-west-2' });
    expect(config.homeRegion).toBe('us-west-2');
    const db = createDb(config);
    expect(await db.raw.config.region()).toBe('us-west-2');
    db.raw.destroy();
    expect(loadConfig({ AWS_REGION: 'eu-west-1' }).homeRegion).toBe('eu-west-1');
  });

  it.each([
    [{ PORT: 'x' }, /PORT/],
    [{ AWS_REGION: 'mars' }, /AWS_REGION/],
    [{ CREWCALL_HOME_REGION: 'nowhere' }, /CREWCALL_HOME_REGION/],
    [{ DYNAMODB_ENDPOINT: 'not a url' }, /DYNAMODB_ENDPOINT/],
    [{ PUBLIC_BASE_URL: 'crew pages' }, /PUBLIC_BASE_URL/],
    [{ LINK_SIGNING_KEYS: 'k1:short' }, /LINK_SIGNING_KEYS.*32 bytes/],
    [{ LINK_SIGNING_KEYS: 'nocolon' }, /LINK_SIGNING_KEYS/],
    [{ CREWCALL_ADMIN_PRINCIPALS: 'bob' }, /CREWCALL_ADMIN_PRINCIPALS/],
    [{ DEFAULT_PHONE_COUNTRY: 'XX' }, /DEFAULT_PHONE_COUNTRY/],
    [{ OFFICE_EMAIL: 'office' }, /OFFICE_EMAIL/],
    [{ OFFICE_TIME_ZONE: 'Pacific/Atlantis' }, /OFFICE_TIME_ZONE must be an IANA time zone/],
  ])('names the variable when %o is wrong', (env, pattern) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(pattern);
  });

  it('takes the office time zone from OFFICE_TIME_ZONE, Los Angeles unless set', () => {
    expect(loadConfig({}).officeTimeZone).toBe('America/Los_Angeles');
    expect(loadConfig({ OFFICE_TIME_ZONE: 'America/New_York' }).officeTimeZone).toBe(
      'America/New_York',
    );
  });

  it('refuses a bad window policy by name when the configuration is read, before anything is written', () => {
    // npm start reads the configuration before it creates tables or seeds the demo roster.
    expect(() => loadConfig({ CALL_WINDOW_POLICY: '168h=12h' })).toThrow(ConfigError);
    // Every problem at once, each named.
    const both = () => loadConfig({ CALL_WINDOW_POLICY: '168h=12h', OFFICE_EMAIL: 'nope' });
    expect(both).toThrow(/CALL_WINDOW_POLICY call window policy "168h=12h": /);
    expect(both).toThrow(/OFFICE_EMAIL must be an email address/);
    expect(() => callSettings(loadConfig({ CALL_WINDOW_POLICY: '168h=12h' }))).toThrow(
      /CALL_WINDOW_POLICY/,
    );
  });

  it('refuses to run in Lambda with the public development link key', () => {
    expect(() => loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'crewcall' })).toThrow(
      /LINK_SIGNING_KEYS must be set/,
    );
  });

  const lambdaEnv = {
    AWS_LAMBDA_FUNCTION_NAME: 'crewcall',
    LINK_SIGNING_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64url')}`,
  };
  it.each([
    [{}, /PUBLIC_BASE_URL must be set in AWS/],
    [{ PUBLIC_BASE_URL: 'http://crew.example.com' }, /PUBLIC_BASE_URL must be an https/],
  ])('refuses to run in Lambda with PUBLIC_BASE_URL %o (no loopback fallback)', (env, pattern) => {
    expect(() => loadConfig({ ...lambdaEnv, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...lambdaEnv, ...env })).toThrow(pattern);
    expect(
      loadConfig({ ...lambdaEnv, PUBLIC_BASE_URL: 'https://crew.example.com' }).publicBaseUrl,
    ).toBe('https://crew.example.com');
  });

  it('builds magic links on PUBLIC_BASE_URL, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://crew.example.com/' }).publicBaseUrl).toBe(
      'https://crew.example.com',
    );
  });
});
