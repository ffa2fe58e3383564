import type { FieldProblem } from '../../shared/api/index.js';

/**
 * Exit codes, the CLI's contract with scripts. One meaning each, the same in
 * every command; `--help` and cli/README.md list them.
 */
export const EXIT = {
  /** Done; for a check, the answer is yes (regions agree, the link is live). */
  OK: 0,
  /** A check answered no: the regions differ, or the link cannot be used. */
  NO: 1,
  /** Bad command line or missing/invalid configuration (or tables); nothing was changed. */
  USAGE: 2,
  /** The API (or AWS) refused the request: a 4xx, with its reasons printed. */
  REFUSED: 3,
  /** Could not get an answer: network error, timeout, or a 5xx. */
  UNAVAILABLE: 4,
  /** Anything else: a bug in crewcall. */
  BUG: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done; for a check: the regions agree / the link is live
  1  a check answered no: the regions differ / the link cannot be used
  2  usage or configuration error (nothing was changed)
  3  the API or AWS refused the request (4xx); its reasons are printed
  4  no answer: network error, timeout or a 5xx
  5  unexpected error (a bug in crewcall)`;

export type { FieldProblem };

/** An error the CLI reports in words and turns into an exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** The API's own error body, when there is one (printed per field, or as JSON). */
    readonly details: { status?: number; error?: string; fields?: FieldProblem[] } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT.USAGE, message);
