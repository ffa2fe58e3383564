import { describe, expect, it } from 'vitest';
import { verdict } from '../../cli/src/commands/link.js';
import { apiConfig } from '../../cli/src/config.js';
import { dollarsToCents } from '../../cli/src/money.js';
import { formatDuration, table } from '../../cli/src/output.js';
import { compareItems, type Versioned } from '../../cli/src/replication/compare.js';

describe('dollarsToCents', () => {
  it('converts decimal dollars to cents exactly, without floating point', () => {
    expect(dollarsToCents('450')).toBe(45000);
    expect(dollarsToCents('450.10')).toBe(45010);
    expect(dollarsToCents('450.1')).toBe(45010);
    expect(dollarsToCents('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(dollarsToCents('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998
    expect(dollarsToCents('$1,234,567.89')).toBe(123456789);
    expect(dollarsToCents(' 0 ')).toBe(0);
  });

  it('explains what it cannot read', () => {
    for (const bad of ['', '-5', '4.999', '1e3', '12,34', 'abc', '4.', '.5', '99999999999999']) {
      expect(dollarsToCents(bad), bad).toEqual({ problem: expect.any(String) });
    }
  });
});

describe('apiConfig', () => {
  const env = {
    CREWCALL_API_URL: 'https://api.example.com/prod/',
    CREWCALL_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    CREWCALL_SECRET_ACCESS_KEY: 'secret',
  };
  it('reads the environment, flags win, the region defaults to us-west-2', () => {
    expect(apiConfig({}, env)).toEqual({
      apiUrl: 'https://api.example.com/prod',
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const c = apiConfig(
      { apiUrl: 'http://127.0.0.1:8787', region: 'eu-west-1' },
      {
        ...env,
        CREWCALL_REGION: 'us-east-1',
        CREWCALL_SESSION_TOKEN: 'tok',
      },
    );
    expect(c).toMatchObject({ apiUrl: 'http://127.0.0.1:8787', region: 'eu-west-1' });
    expect(c.credentials.sessionToken).toBe('tok');
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => apiConfig({}, { ...env, CREWCALL_API_URL: ' ' })).toThrow(
      /CREWCALL_API_URL is not set/,
    );
    expect(() => apiConfig({}, { ...env, CREWCALL_API_URL: 'ftp://x' })).toThrow(/http\(s\)/);
    expect(() => apiConfig({}, { ...env, CREWCALL_REGION: 'moon' })).toThrow(
      /CREWCALL_REGION "moon"/,
    );
  });
});

describe('compareItems', () => {
  const item = (version: number, updated_at: string, extra = {}): Versioned => ({
    version,
    updated_at,
    ...extra,
  });
  it('finds missing, behind, ahead, conflicting and extra items', () => {
    const p = new Map([
      ['a', item(1, '2026-01-01T00:00:00Z')],
      ['b', item(3, '2026-01-01T02:00:00Z')],
      ['c', item(1, '2026-01-01T00:00:00Z')],
      ['d', item(2, '2026-01-01T00:00:00Z', { name: 'x' })],
      ['same', item(2, '2026-01-01T00:00:00Z', { day_rate: { amount_cents: 1 } })],
    ]);
    const s = new Map([
      ['b', item(1, '2026-01-01T00:30:00Z')],
      ['c', item(2, '2026-01-01T00:00:05Z')],
      ['d', item(2, '2026-01-01T00:00:00Z', { name: 'y' })],
      ['same', item(2, '2026-01-01T00:00:00Z', { day_rate: { amount_cents: 1 } })],
      ['e', item(1, '2026-01-01T00:00:00Z')],
    ]);
    const r = compareItems('crew', p, s);
    expect(
      r.differences.map((d) => [d.id, d.problem, d.versions_behind, d.time_behind_ms]),
    ).toEqual([
      ['a', 'missing', 1, undefined],
      ['b', 'behind', 2, 90 * 60_000],
      ['c', 'ahead', -1, -5000],
      ['d', 'conflict', 0, 0],
      ['e', 'extra', undefined, undefined],
    ]);
    expect(compareItems('crew', s, s).differences).toEqual([]);
  });
});

describe('output helpers and the link verdict', () => {
  it('formats durations with at most two units', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000 + 7000)).toBe('3h 5m');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
    expect(formatDuration(-90_000)).toBe('-1m 30s');
  });

  it('pads table columns', () => {
    expect(table(['A', 'BB'], [['xyz', '1']])).toBe('A    BB\nxyz  1');
  });

  it('calls a link usable only when genuine, unexpired, live and current', () => {
    const live = { valid_signature: true, expired: false, state: 'live' as const, current: true };
    expect(verdict(live).usable).toBe(true);
    expect(verdict({ valid_signature: false }).usable).toBe(false);
    expect(verdict({ ...live, expired: true }).reason).toMatch(/^expired/);
    expect(verdict({ ...live, state: 'used', decision: 'decline' }).reason).toBe('used (decline)');
    expect(verdict({ ...live, current: false }).reason).toBe('replaced by a newer link');
    expect(verdict({ ...live, state: 'unknown' }).usable).toBe(false);
  });
});
