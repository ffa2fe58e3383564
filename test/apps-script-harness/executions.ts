// One Apps Script execution: who runs it, how it was started, its vm realm, its clock budget,
// whether it was killed, and what to undo when it ends (its locks). Executions nest when a
// test starts one while another is inside a service call (harness.during), as real
// executions overlap at Google; the innermost is the current one.
import { EXECUTION_LIMIT_MS } from './execution-clock.js';

/** How the execution was started. */
export type RunMode = 'manual' | 'trigger' | 'simple';

/** The vm realm's intrinsics, so values handed to the script are of its own realm. */
export interface Realm {
  Error: ErrorConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
}

export interface ExecutionStart {
  mode: RunMode;
  functionName: string;
  /** The account it runs as: the user at the sheet, or a trigger's owner. */
  user: string;
  context: object;
  realm: Realm;
}

/** What the test reads of a finished execution (like the Executions page of the editor). */
export interface ExecutionRecord {
  id: number;
  functionName: string;
  mode: RunMode;
  user: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: 'running' | 'completed' | 'failed' | 'killed';
  /** Why it failed or was killed, e.g. 'Exceeded maximum execution time'. */
  error?: string;
}

export class Execution {
  readonly startedAt: number;
  readonly limitMs: number;
  /** Why the harness killed it (null while alive). */
  killed: string | null = null;
  readonly endOfRun: (() => void)[] = [];
  readonly record: ExecutionRecord;

  constructor(
    readonly id: number,
    readonly start: ExecutionStart,
    now: number,
  ) {
    this.startedAt = now;
    this.limitMs = EXECUTION_LIMIT_MS[start.mode];
    this.record = {
      id,
      functionName: start.functionName,
      mode: start.mode,
      user: start.user,
      startedAt: new Date(now),
      endedAt: null,
      outcome: 'running',
    };
  }
  get mode(): RunMode {
    return this.start.mode;
  }
  get user(): string {
    return this.start.user;
  }
  /** The harness-clock time at which Google would stop it. */
  get deadline(): number {
    return this.startedAt + this.limitMs;
  }
}

/** Runs `fn` while the current execution is inside its n-th call (from now) of `key`. */
export interface Interleave {
  key: string;
  remaining: number;
  fn: () => void;
}
