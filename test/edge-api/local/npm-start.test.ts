import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { RosterAnswer } from '../../../shared/api/index.js';
import { dynamodbEndpoint } from '../../support/dynamodb.js';
import { signedFetch } from '../../support/signed-fetch.js';

/** `npm start` as a user runs it: the built dist/local/start.mjs in its own process. */
interface Started {
  child: ChildProcess;
  url: string;
  dynamodb: string;
  output: () => string;
}

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'crewcall-start-'));
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<Started> {
  const { DYNAMODB_ENDPOINT: _ignored, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['dist/local/start.mjs'], {
    env: { ...parentEnv, PORT: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not come up:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      const dynamodb = output.match(/DynamoDB:\s+(http:\/\/\S+)/)?.[1];
      if (url && dynamodb) {
        clearTimeout(timer);
        resolve({ child, url, dynamodb, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

function stopWithCtrlC(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGINT');
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm start', { timeout: 120_000 }, () => {
  it('starts DynamoDB Local, seeds the demo roster, serves /healthz and the roster, and Ctrl-C stops both', async () => {
    const first = await start({});
    expect(first.output()).toContain('CREWCALL_ADMIN_ACCESS_KEY_ID=');
    expect(first.output()).toContain('started by npm start');
    // DynamoDB Local cannot be bound to loopback (it has no option for it): npm start says so,
    // and it is true: it answers on this machine's other addresses too.
    expect(first.output()).toContain(
      'DynamoDB Local listens on every network interface and accepts any credentials',
    );
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const port = new URL(first.dynamodb).port;
      const res = await fetch(`http://${outside.address}:${port}/`, {
        signal: AbortSignal.timeout(2000),
      });
      expect(res.status).toBeGreaterThan(0);
    }

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', dynamodb: { ok: true } });

    const res = await signedFetch(`${first.url}/api/crew`);
    expect(res.status).toBe(200);
    const { crew } = (await res.json()) as RosterAnswer;
    expect(crew).toHaveLength(12);
    expect(crew.slice(0, 2).map((m) => m.name)).toEqual(['Abdul Rahimi', 'Teresa Okafor']);
    const levels = crew.map((m) => m.cascade_level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));

    const added = await signedFetch(`${first.url}/api/crew`, {
      method: 'POST',
      body: {
        name: 'Nora Quill',
        phone: '+1 310 555 0160',
        email: 'nora.quill@example.com',
        role: 'deckhand',
        cascade_level: 4,
        availability_key: 'Nora',
        day_rate: { amount_cents: 19000, currency: 'USD' },
      },
    });
    expect(added.status).toBe(201);

    expect(await stopWithCtrlC(first)).toBe(0);
    expect(await answers(first.url)).toBe(false);
    expect(await answers(first.dynamodb)).toBe(false);

    // A restart keeps the roster (files under DATA_DIR) and does not seed again.
    const second = await start({});
    expect(second.output()).not.toContain('Seeded the demo roster');
    const again = (await (await signedFetch(`${second.url}/api/crew`)).json()) as RosterAnswer;
    expect(again.crew).toHaveLength(13);
    expect(again.crew.map((m) => m.name)).toContain('Nora Quill');
    expect(await stopWithCtrlC(second)).toBe(0);
  });

  it('uses DYNAMODB_ENDPOINT instead of starting DynamoDB Local', async () => {
    const started = await start({
      DYNAMODB_ENDPOINT: dynamodbEndpoint(),
      TABLE_PREFIX: `ext${Date.now()}-`,
    });
    expect(started.dynamodb).toBe(dynamodbEndpoint());
    expect(started.output()).not.toContain('started by npm start');
    const health = await fetch(`${started.url}/healthz`);
    expect(await health.json()).toMatchObject({ dynamodb: { ok: true } });
    expect(await stopWithCtrlC(started)).toBe(0);
    // The DynamoDB it was given is still running: npm start only stops what it started.
    expect(await answers(dynamodbEndpoint())).toBe(true);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    await expect(start({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });

  it('refuses a bad CALL_WINDOW_POLICY before it creates a table or seeds the roster', async () => {
    const prefix = `badpolicy${Date.now()}-`;
    await expect(
      start({
        DYNAMODB_ENDPOINT: dynamodbEndpoint(),
        TABLE_PREFIX: prefix,
        CALL_WINDOW_POLICY: '168h=12h',
      }),
    ).rejects.toThrow(/CALL_WINDOW_POLICY call window policy "168h=12h": has no 0h step/);
    const dynamodb = new DynamoDBClient({
      endpoint: dynamodbEndpoint(),
      region: 'us-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    dynamodb.destroy();
    expect(TableNames.filter((t) => t.startsWith(prefix))).toEqual([]);
  });
});
