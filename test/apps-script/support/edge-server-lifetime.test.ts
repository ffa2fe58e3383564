import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildEdgeServer, EDGE_SERVER_FILE } from './office.js';

/**
 * The Apps Script tests' edge server is a process of its own: it must not outlive the test
 * process that started it, even when that one never gets to stop it (a beforeAll that failed
 * after the server was up, a worker killed). It reads its stdin, a pipe from its parent, and
 * stops when that closes. Here its parent is a small node killed with SIGKILL.
 */

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

// Starts the server as startEdgeServer does (stdin a pipe), prints its pid once it listens.
const PARENT = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, [process.env.SERVER_FILE], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
child.stdout.on('data', (d) => { if (String(d).includes('listening on')) console.log(child.pid); });
setInterval(() => {}, 1000);
`;

/** The server's pid, and a way to kill -9 the node that started it. */
async function serverUnderParent(): Promise<{ pid: number; killParent: () => void }> {
  const parent = execFile(process.execPath, ['-e', PARENT], {
    env: {
      ...process.env,
      SERVER_FILE: EDGE_SERVER_FILE,
      PORT: '0',
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_PREFIX: `life${Date.now()}-`,
    },
  });
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout?.on('data', (d) => resolve(Number(String(d).trim())));
    parent.once('exit', (code) => reject(new Error(`parent exited with ${code}`)));
  });
  started.push(pid);
  return { pid, killParent: () => parent.kill('SIGKILL') };
}

// Were the server to outlive its parent (the defect this checks), it is stopped here.
const started: number[] = [];
afterAll(() => {
  for (const pid of started.filter(alive)) process.kill(pid, 'SIGTERM');
});

beforeAll(() => buildEdgeServer(), 60_000);

describe('the edge test server', () => {
  it('serves while the process that started it lives, and stops when that one is killed with SIGKILL', async () => {
    const { pid, killParent } = await serverUnderParent();
    // The check sees a live server: it does not stop on its own.
    expect(await until(() => !alive(pid), 1500)).toBe(false);
    killParent();
    expect(await until(() => !alive(pid), 5000)).toBe(true);
  }, 60_000);
});
