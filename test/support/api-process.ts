import { type ChildProcess, spawn } from 'node:child_process';

/** The built local server (`dist/local/start.mjs`, what `npm start` runs) in a process of its own. */
export interface ApiProcess {
  url: string;
  /** kill -9: no shutdown handler runs, in-flight requests and lease renewals just stop. */
  kill9(): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Starts the edge API as a child process on a free port with `env` on top of
 * this process's environment (give it `DYNAMODB_ENDPOINT`, or it starts a
 * DynamoDB Local of its own). Pair with `killApiProcesses` in `afterAll`.
 */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['dist/local/start.mjs'], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the API did not come up:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        kill9: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the API exited before it listened:\n${output}`));
    });
  });
}

/** Kills every API process still running (kill -9) and waits for each to exit. */
export async function killApiProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
