import { type Command, InvalidArgumentError } from 'commander';
import { ApiClient } from '../api-client.js';
import { type ApiFlags, apiConfig } from '../config.js';
import { EXIT_CODES_HELP } from '../errors.js';
import { dollarsToCents } from '../money.js';
import type { Io } from '../output.js';

/** What every command gets: where to write and the environment to read. */
export interface Context {
  io: Io;
  env: NodeJS.ProcessEnv;
}

export interface ApiCommandOptions extends ApiFlags {
  json?: boolean;
}

const ENVIRONMENT_HELP = `
Environment:
  CREWCALL_API_URL            base URL of the edge API (or --api-url)
  CREWCALL_REGION             region to sign for (or --region; default us-west-2)
  CREWCALL_ACCESS_KEY_ID      access key of an IAM identity allowed on /api/*
  CREWCALL_SECRET_ACCESS_KEY  its secret
  CREWCALL_SESSION_TOKEN      session token, for temporary credentials (optional)`;

/** --api-url, --region and --json, plus the environment and exit codes in --help. */
export function withApiOptions(cmd: Command): Command {
  return cmd
    .option('--api-url <url>', 'edge API base URL (default: $CREWCALL_API_URL)')
    .option(
      '--region <region>',
      'region the API signs for (default: $CREWCALL_REGION or us-west-2)',
    )
    .option('--json', 'print the answer as JSON (errors too, on stdout)')
    .addHelpText('after', `${ENVIRONMENT_HELP}\n${EXIT_CODES_HELP}`);
}

export function withExitCodes(cmd: Command): Command {
  return cmd.addHelpText('after', EXIT_CODES_HELP);
}

export function apiClient(ctx: Context, flags: ApiFlags): ApiClient {
  return new ApiClient(apiConfig(flags, ctx.env));
}

/** Commander argument parsers: a bad value is a usage error (exit 2) before anything is sent. */
export function parseCents(text: string): number {
  const cents = dollarsToCents(text);
  if (typeof cents !== 'number') throw new InvalidArgumentError(cents.problem);
  return cents;
}

export function parseWholeNumber(text: string): number {
  if (!/^-?\d{1,6}$/.test(text.trim())) {
    throw new InvalidArgumentError(`"${text}" is not a whole number`);
  }
  return Number(text);
}

export function parseCurrency(text: string): string {
  return text.trim().toUpperCase();
}

/** Path segment for an id typed by a person. */
export const seg = (id: string) => encodeURIComponent(id);
