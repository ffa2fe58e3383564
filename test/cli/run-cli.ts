import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import { TEST_REGION } from '../support/dynamodb.js';

/** The built CLI (npm run build); the tests run it the way `npx crewcall` does. */
export const BUILT_CLI = resolve('dist/cli/crewcall.mjs');
export const LAUNCHER = resolve('cli/bin/crewcall.mjs');

export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: run npm run build before these tests`);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a child process with only the environment given (plus PATH),
 * asynchronously: the API under test answers from this same process.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  script = BUILT_CLI,
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The environment an operator sets for the local API: the dev admin credentials. */
export function apiEnv(apiUrl: string): Record<string, string> {
  return {
    CREWCALL_API_URL: apiUrl,
    CREWCALL_REGION: TEST_REGION,
    CREWCALL_ACCESS_KEY_ID: DEV_ADMIN_ACCESS_KEY_ID,
    CREWCALL_SECRET_ACCESS_KEY: DEV_ADMIN_SECRET_ACCESS_KEY,
  };
}
