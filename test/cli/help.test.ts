import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BUILT_CLI, LAUNCHER, runCli } from './run-cli.js';

beforeAll(assertBuilt);

const COMMANDS = [
  [],
  ['roster'],
  ['roster', 'list'],
  ['roster', 'add'],
  ['roster', 'update'],
  ['roster', 'deactivate'],
  ['link'],
  ['link', 'issue'],
  ['link', 'inspect'],
  ['replication'],
  ['replication', 'check'],
];

describe('crewcall --help', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(top level)', c]))(
    '%s has --help with the exit codes, and exits 0',
    async (_name, command) => {
      const r = await runCli([...(command as string[]), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: crewcall ${(command as string[]).join(' ')}`.trimEnd());
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toContain('2  usage or configuration error');
    },
  );

  it('documents the environment on API commands and the money format on roster add', async () => {
    const r = await runCli(['roster', 'add', '--help']);
    expect(r.stdout).toContain('CREWCALL_SECRET_ACCESS_KEY');
    expect(r.stdout).toContain('--day-rate <dollars>');
    expect(r.stdout).toContain('--json');
  });

  it('treats an unknown command or option as a usage error (exit 2)', async () => {
    for (const args of [['rooster'], ['roster', 'list', '--colour'], ['roster'], []]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('runs through the bin launcher, which asks for a build when there is none', async () => {
    const viaBin = await runCli(['--version'], {}, LAUNCHER);
    expect(viaBin.code).toBe(0);
    expect(viaBin.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const dir = mkdtempSync(join(tmpdir(), 'crewcall-bin-'));
    try {
      mkdirSync(join(dir, 'cli', 'bin'), { recursive: true });
      copyFileSync(LAUNCHER, join(dir, 'cli', 'bin', 'crewcall.mjs'));
      const r = await runCli(['--help'], {}, join(dir, 'cli', 'bin', 'crewcall.mjs'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('run npm run build first');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops quietly when its reader goes away (crewcall ... | head)', () => {
    // The reader closes its end at once, so the CLI's first write meets EPIPE.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; node ${JSON.stringify(BUILT_CLI)} roster add --help | (exec 0<&-; sleep 1)`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
