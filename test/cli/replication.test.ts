import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../edge-api/src/db/client.js';
import { putCharter, type StoredCharter } from '../../edge-api/src/db/dispatch-table/index.js';
import { ensureTables } from '../../edge-api/src/db/ensure-tables.js';
import {
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../../edge-api/src/local/dynamodb-local.js';
import type { CrewInput } from '../../edge-api/src/roster/crew-input.js';
import { createCrewMember, updateCrewMember } from '../../edge-api/src/roster/crew-records.js';
import { dynamodbEndpoint } from '../support/dynamodb.js';
import { assertBuilt, runCli } from './run-cli.js';

// The run's DynamoDB Local plays us-west-2; a second one, started here, plays us-east-1.
let second: RunningDynamoDbLocal;
let primary: Db;
let secondary: Db;
let args: string[];
const prefix = `r${randomBytes(4).toString('hex')}-`;
const T0 = new Date('2026-11-20T09:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

const crew = (n: number): CrewInput => ({
  name: `Replica Tester ${n}`,
  phone: `+1310555017${n}`,
  email: `replica${n}@example.com`,
  role: 'deckhand',
  cascade_level: 3,
  availability_key: `R${n}`,
  day_rate: { amount_cents: 25000, currency: 'USD' },
  active: true,
});

const charter = (id: string): StoredCharter => ({
  charter_id: id,
  vessel: 'Sea Lark',
  date: '2026-12-12',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  client: 'J. Doe (fishing)',
  guests: 4,
  needs: { captain: 1 },
  price: { amount_cents: 90000, currency: 'USD' },
  meeting_point: 'Dock B',
  notes: '',
  status: 'scheduled',
  created_at: T0.toISOString(),
  updated_at: T0.toISOString(),
  version: 1,
  starts_at: '2026-12-12T17:00:00.000Z',
  ends_at: '2026-12-12T21:00:00.000Z',
});

beforeAll(async () => {
  assertBuilt();
  second = await startDynamoDbLocal();
  primary = createDb({
    homeRegion: 'us-west-2',
    dynamodbEndpoint: dynamodbEndpoint(),
    tablePrefix: prefix,
  });
  secondary = createDb({
    homeRegion: 'us-east-1',
    dynamodbEndpoint: second.endpoint,
    tablePrefix: prefix,
  });
  for (const db of [primary, secondary]) {
    await ensureTables(db.raw, db.tables);
    for (const n of [1, 2, 3]) await createCrewMember(db, crew(n), `c-r00${n}`, T0);
    await putCharter(db, charter('CH-R1'), 0);
  }
  args = [
    'replication',
    'check',
    '--primary',
    'us-west-2',
    '--secondary',
    'us-east-1',
    '--primary-endpoint',
    dynamodbEndpoint(),
    '--secondary-endpoint',
    second.endpoint,
    '--table-prefix',
    prefix,
  ];
});
afterAll(async () => {
  primary?.raw.destroy();
  secondary?.raw.destroy();
  await second?.stop();
});

describe('crewcall replication check', () => {
  it('exits 0 when both regions have the same roster and charters', async () => {
    const r = await runCli([...args, '--charters']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'crew: 3 in primary us-west-2, 3 in secondary us-east-1: in agreement',
    );
    expect(r.stdout).toContain(
      'charter: 1 in primary us-west-2, 1 in secondary us-east-1: in agreement',
    );
  });

  it('exits 1 naming what is missing or older in the secondary, and by how much', async () => {
    await updateCrewMember(primary, 'c-r002', { cascade_level: 2 }, hours(1));
    await updateCrewMember(primary, 'c-r002', { availability_key: 'R2 (mate)' }, hours(3));
    await createCrewMember(primary, crew(4), 'c-r004', hours(2));
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      'crew: 4 in primary us-west-2, 3 in secondary us-east-1: 2 difference(s)',
    );
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('c-r002'))).toMatch(
      /crew +c-r002 +older in secondary +v3 2026-11-20T12:00:00.000Z +v1 2026-11-20T09:00:00.000Z +2 version\(s\), 3h 0m behind/,
    );
    expect(lines.find((l) => l.includes('c-r004'))).toMatch(
      /crew +c-r004 +missing in secondary +v1 2026-11-20T11:00:00.000Z +- +all 1 version\(s\)/,
    );
    expect(r.stdout).not.toContain('c-r001');
  });

  it('gives the same report as JSON, charters included with --charters', async () => {
    await putCharter(secondary, { ...charter('CH-R2'), version: 1 }, 0);
    await putCharter(
      secondary,
      { ...charter('CH-R1'), version: 2, updated_at: hours(5).toISOString(), notes: 'late edit' },
      1,
    );
    const r = await runCli([...args, '--charters', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ agree: false, table_prefix: prefix });
    expect(j.primary).toEqual({ region: 'us-west-2', endpoint: dynamodbEndpoint() });
    const [crewResult, charterResult] = j.results;
    expect(crewResult.differences).toEqual([
      {
        kind: 'crew',
        id: 'c-r002',
        problem: 'behind',
        primary: { version: 3, updated_at: hours(3).toISOString() },
        secondary: { version: 1, updated_at: T0.toISOString() },
        versions_behind: 2,
        time_behind_ms: 3 * 3_600_000,
      },
      {
        kind: 'crew',
        id: 'c-r004',
        problem: 'missing',
        primary: { version: 1, updated_at: hours(2).toISOString() },
        versions_behind: 1,
      },
    ]);
    expect(charterResult.differences).toEqual([
      expect.objectContaining({ id: 'CH-R1', problem: 'ahead', versions_behind: -1 }),
      expect.objectContaining({ id: 'CH-R2', problem: 'extra' }),
    ]);
  });

  it('exits 2 for usage and configuration problems, 4 when a region does not answer', async () => {
    const prefixless = await runCli([...args, '--table-prefix', 'nosuch-']);
    expect(prefixless.code).toBe(2);
    expect(prefixless.stderr).toContain('table nosuch-crew-roster (or its index) does not exist');
    const badRegion = await runCli([
      'replication',
      'check',
      '--primary',
      'west',
      '--secondary',
      'us-east-1',
    ]);
    expect(badRegion.code).toBe(2);
    expect(badRegion.stderr).toContain('--primary "west" is not an AWS region');
    const noSecondary = await runCli(['replication', 'check', '--primary', 'us-west-2']);
    expect(noSecondary.code).toBe(2);
    expect(noSecondary.stderr).toContain("required option '--secondary <region>' not specified");
    const down = [...args];
    down[down.indexOf(second.endpoint)] = 'http://127.0.0.1:9';
    const r = await runCli(down);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('could not read');
    expect(r.stderr).toContain('secondary (us-east-1 at http://127.0.0.1:9)');
  });
});
