import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import type { Context } from './commands/common.js';
import { linkCommand } from './commands/link.js';
import { replicationCommand } from './commands/replication.js';
import { rosterCommand } from './commands/roster.js';
import { CliError, EXIT, EXIT_CODES_HELP, type ExitCode } from './errors.js';
import { printJson } from './output.js';

/** The whole command tree; every command inherits exitOverride and the output settings. */
export function buildProgram(ctx: Context): Command {
  const program = new Command('crewcall')
    .description(
      'Operator tool for crewcall: the roster and magic links through the edge API (SigV4-signed), and a replication check of the DynamoDB global tables.',
    )
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `\nEvery command has --help; commands that answer data have --json.\n${EXIT_CODES_HELP}`,
    );
  rosterCommand(program, ctx);
  linkCommand(program, ctx);
  replicationCommand(program, ctx);
  return program;
}

/** Runs one command line (`argv` without node and the script) and returns the exit code. */
export async function run(argv: string[], ctx: Context): Promise<ExitCode> {
  const program = buildProgram(ctx);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "successfully"; anything else commander rejects is usage.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof CliError) {
      if (error.message) {
        if (json) {
          printJson(ctx.io, {
            error: error.details.error ?? 'crewcall_error',
            ...error.details,
            message: error.message,
            exit_code: error.exitCode,
          });
        }
        ctx.io.err(`crewcall: ${error.message}`);
        for (const f of error.details.fields ?? []) ctx.io.err(`  ${f.field}: ${f.message}`);
      }
      return error.exitCode;
    }
    ctx.io.err(
      `crewcall: unexpected error (a bug; please report it): ${(error as Error).stack ?? error}`,
    );
    return EXIT.BUG;
  }
}
