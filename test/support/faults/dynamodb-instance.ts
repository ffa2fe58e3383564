import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../../../edge-api/src/local/dynamodb-local.js';

/**
 * A DynamoDB Local of a test's own, on files in a temporary data dir, that the test can
 * hurt for real: kill -9 it, freeze it (SIGSTOP) and thaw it (SIGCONT), and start it again
 * on the same port and the same files, the way a crashed database comes back.
 */
export interface FaultyDynamoDb {
  readonly endpoint: string;
  readonly dataDir: string;
  /** SIGKILL: the process dies at once, mid-request if one is in flight. */
  kill9(): Promise<void>;
  /** SIGSTOP: the port stays open, connections are accepted by the kernel, nothing answers. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Starts DynamoDB Local again on the same port and data dir (after kill9 or stop). */
  restart(): Promise<void>;
  /** Stops it (thawing first if frozen) and removes the data dir. */
  close(): Promise<void>;
}

export async function startFaultyDynamoDb(): Promise<FaultyDynamoDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crewcall-faulty-dynamodb-'));
  let running: RunningDynamoDbLocal | null = await startDynamoDbLocal({ dataDir });
  const port = running.port;
  let frozen = false;

  const signal = (sig: NodeJS.Signals) => {
    if (running) process.kill(running.pid, sig);
  };
  const waitForExit = async (pid: number) => {
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`DynamoDB Local (pid ${pid}) did not exit after SIGKILL`);
  };

  return {
    endpoint: running.endpoint,
    dataDir,
    async kill9() {
      if (!running) return;
      const { pid } = running;
      signal('SIGKILL');
      frozen = false;
      running = null;
      await waitForExit(pid);
    },
    freeze() {
      signal('SIGSTOP');
      frozen = true;
    },
    thaw() {
      signal('SIGCONT');
      frozen = false;
    },
    async restart() {
      if (running) await running.stop();
      running = await startDynamoDbLocal({ dataDir, port });
    },
    async close() {
      if (frozen) signal('SIGCONT');
      await running?.stop();
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
