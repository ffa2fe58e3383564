/// <reference types="google-apps-script" />
// Shared machinery of the Apps Script harness: the clock, the call counter, the
// executions (a stack: a test may start one inside another's service call), each call's
// cost on the clock and the 6-minute kill, and the boundary that every value crosses
// between the emulated services (host realm) and the script (vm realm).
import { callCost, costsRealTime, TIME_LIMIT_MESSAGE } from './execution-clock.js';
import {
  Execution,
  type ExecutionRecord,
  type ExecutionStart,
  type Interleave,
  type Realm,
  type RunMode,
} from './executions.js';

export type { ExecutionRecord, Realm, RunMode } from './executions.js';

/** Thrown into the script when the harness "kills" a run; `run()` resolves `{ killed: true }`. */
export class HarnessKilled extends Error {
  override name = 'HarnessKilled';
}

/** The test (not the script) misused the harness, or the script needs something not emulated. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

/** An Apps Script service exception. Crosses into the script as the vm realm's Error named 'Exception'. */
export class GasException extends Error {
  constructor(
    message: string,
    /** The class name the script sees, e.g. 'GoogleJsonResponseException' from an advanced service. */
    override readonly name = 'Exception',
  ) {
    super(message);
  }
}

/** Tags an emulated object with its counting label, e.g. 'SpreadsheetApp.Range'. */
export const LABEL: unique symbol = Symbol('apps-script-harness.label');

export interface Emulated {
  readonly [LABEL]: string;
  /** A second counter that also sees this object's calls (e.g. a sheet's, for its ranges too). */
  _callScope?(): CallCounter | undefined;
}

/** Declares an emulated object as the real Apps Script type it stands for (its methods are checked by `implements Pick<...>`). */
export function asGas<T>(value: Emulated): T {
  return value as unknown as T;
}

/** The object behind a value the script handed back (a boundary proxy), or the value itself. */
export function unwrapGas<T>(value: unknown): T {
  return (proxyTargets.get(value as object) ?? value) as T;
}

export function isEmulated(value: unknown): value is Emulated {
  return typeof value === 'object' && value !== null && LABEL in value;
}

/** Apps Script's error for a call whose arguments fit no overload. */
export function signatureError(method: string, args: readonly unknown[]): GasException {
  const types = args.map((a) => {
    if (a === null || a === undefined) return 'null';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    if (typeof a === 'string') return 'String';
    if (Array.isArray(a)) return a.every(Array.isArray) && a.length > 0 ? 'Object[][]' : 'Object[]';
    return isEmulated(a) ? a[LABEL].split('.').pop() : 'Object';
  });
  return new GasException(
    `The parameters (${types.join(',')}) don't match the method signature for ${method}.`,
  );
}

export class Clock {
  private ms: number;
  constructor(start: Date) {
    this.ms = start.getTime();
  }
  /** The current harness time (a fresh Date). */
  now(): Date {
    return new Date(this.ms);
  }
  get time(): number {
    return this.ms;
  }
  set(to: Date | string | number): Date {
    this.ms = new Date(to).getTime();
    return this.now();
  }
  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  /** Calls of one method, e.g. count('SpreadsheetApp.Range.getValues'). */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  /** All calls whose key starts with `prefix` ('' = every call). */
  total(prefix = ''): number {
    let n = 0;
    for (const [key, c] of this.counts) if (key.startsWith(prefix)) n += c;
    return n;
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
  reset(): void {
    this.counts.clear();
  }
}

interface KillRule {
  keys: readonly string[];
  remaining: number;
}

const proxyTargets = new WeakMap<object, object>();

export class Runtime {
  readonly calls = new CallCounter();
  readonly logs: { level: string; message: string; at: Date }[] = [];
  /** Every execution so far, oldest first (running ones too). */
  readonly executions: ExecutionRecord[] = [];
  private readonly stack: Execution[] = [];
  private nextId = 0;
  private readonly killRules: KillRule[] = [];
  private readonly interleaves: Interleave[] = [];
  private readonly proxies = new WeakMap<object, object>();
  private readonly expandos = new WeakMap<object, Map<string | symbol, unknown>>();
  /** The manifest's scopes against every call (scopes.ts); set when the script is loaded. */
  scopes: { check(key: string, mode: RunMode): void } | null = null;

  constructor(
    readonly clock: Clock,
    readonly timeZone: string,
    /** Who runs an execution when the test does not say (HarnessOptions.userEmail). */
    readonly defaultUser: string,
  ) {}

  /** The innermost running execution, or null between runs. */
  get current(): Execution | null {
    return this.stack.at(-1) ?? null;
  }
  get mode(): RunMode {
    return this.current?.mode ?? 'manual';
  }
  get killed(): boolean {
    return this.current?.killed != null;
  }
  /** The id of the current execution (0 between runs). */
  get runId(): number {
    return this.current?.id ?? 0;
  }
  /** The account of the current execution (the default user between runs). */
  get user(): string {
    return this.current?.user ?? this.defaultUser;
  }
  get realm(): Realm | null {
    return this.current?.start.realm ?? null;
  }
  /** The vm context of the current run (HtmlTemplate evaluates in it). */
  get context(): object | null {
    return this.current?.start.context ?? null;
  }

  /** Kills the run at the (n+1)-th call of any of `keys` (counted from now; one-shot). */
  killAfter(keys: string | readonly string[], n: number): void {
    this.killRules.push({ keys: typeof keys === 'string' ? [keys] : keys, remaining: n });
  }

  /** Runs `fn` right after the n-th call of `key` from now, before the script gets its result. */
  during(key: string, n: number, fn: () => void): void {
    if (!Number.isInteger(n) || n < 1)
      throw new HarnessError(`during: n must be 1 or more, not ${n}`);
    this.interleaves.push({ key, remaining: n, fn });
  }

  /** Registers work to do when the current execution ends (e.g. release its locks). */
  atEndOfRun(fn: () => void): void {
    const execution = this.current;
    if (!execution) throw new HarnessError('atEndOfRun outside an execution');
    execution.endOfRun.push(fn);
  }

  beginRun(start: ExecutionStart): Execution {
    this.nextId += 1;
    const execution = new Execution(this.nextId, start, this.clock.time);
    this.stack.push(execution);
    this.executions.push(execution.record);
    return execution;
  }

  endRun(execution: Execution, outcome: 'completed' | 'failed', error?: string): void {
    if (this.current !== execution) throw new HarnessError('executions ended out of order');
    this.stack.pop();
    for (const fn of execution.endOfRun.splice(0)) fn();
    const record = execution.record;
    record.endedAt = this.clock.now();
    record.outcome = execution.killed ? 'killed' : outcome;
    const reason = execution.killed ?? error;
    if (reason !== undefined) record.error = reason;
  }

  /** Google stops the run: nothing more of it runs; its log says why. */
  private kill(execution: Execution, reason: string, key: string): never {
    execution.killed = reason;
    this.logs.push({ level: 'error', message: reason, at: this.clock.now() });
    throw new HarnessKilled(`${reason} (at ${key})`);
  }

  private beforeCall(key: string): void {
    this.calls.add(key);
    const execution = this.current;
    if (execution?.killed) throw new HarnessKilled(`run already killed (at ${key})`);
    for (const [i, rule] of this.killRules.entries()) {
      if (!rule.keys.includes(key)) continue;
      if (rule.remaining === 0) {
        this.killRules.splice(i, 1);
        if (execution) this.kill(execution, 'killed by the harness', key);
        throw new HarnessKilled(`run killed by the harness at ${key}`);
      }
      rule.remaining -= 1;
    }
    try {
      this.scopes?.check(key, this.mode);
    } catch (error) {
      throw this.toScriptError(error);
    }
    if (execution) {
      // A call that would end past the limit does not happen: the run is stopped at it.
      const cost = callCost(key);
      if (this.clock.time + cost > execution.deadline) {
        this.clock.set(Math.max(this.clock.time, execution.deadline));
        this.kill(execution, TIME_LIMIT_MESSAGE, key);
      }
      this.clock.advance(cost);
    }
  }

  /** After a call: real time spent past its estimate, then any overlapping run the test asked for. */
  private afterCall(key: string, elapsedMs: number): void {
    if (this.current && costsRealTime(key)) {
      this.clock.advance(Math.max(0, Math.round(elapsedMs) - callCost(key)));
    }
    const i = this.interleaves.findIndex((r) => r.key === key);
    if (i < 0) return;
    const rule = this.interleaves[i] as Interleave;
    rule.remaining -= 1;
    if (rule.remaining > 0) return;
    this.interleaves.splice(i, 1);
    rule.fn();
  }

  /** A value crossing from the services into the script. */
  toScript(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (isEmulated(value)) return this.proxyFor(value);
    if (value instanceof Date || ArrayBuffer.isView(value)) return value;
    const realm = this.realm;
    if (Array.isArray(value)) {
      const out = realm ? new realm.Array() : [];
      for (const item of value) out.push(this.toScript(item));
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out = (realm ? new realm.Object() : {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toScript(v);
      return out;
    }
    return value;
  }

  /** A value crossing from the script into a service: boundary proxies become their objects again. */
  fromScript(value: unknown, depth = 0): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = proxyTargets.get(value);
    if (target) return target;
    if (depth > 2 || value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((v) => this.fromScript(v, depth + 1));
    if (Object.prototype.toString.call(value) === '[object Object]') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.fromScript(v, depth + 1);
      return out;
    }
    return value;
  }

  private toScriptError(error: unknown): unknown {
    if (!(error instanceof GasException) || !this.realm) return error;
    const e = new this.realm.Error(error.message);
    e.name = error.name;
    return e;
  }

  /** The script-facing face of an emulated object: counts calls, hides internals, converts values. */
  proxyFor(target: Emulated): object {
    const cached = this.proxies.get(target);
    if (cached) return cached;
    const methods = new Map<string, (...args: unknown[]) => unknown>();
    const expando = new Map<string | symbol, unknown>();
    this.expandos.set(target, expando);
    const runtime = this;
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (expando.has(prop)) return expando.get(prop);
        if (typeof prop !== 'string' || prop.startsWith('_') || prop === 'constructor') {
          return undefined;
        }
        const own = Object.getOwnPropertyDescriptor(t, prop);
        if (own) return /^[A-Z]/.test(prop) ? runtime.toScript(own.value) : undefined;
        const value = Reflect.get(t, prop, t);
        if (typeof value !== 'function') return undefined;
        let method = methods.get(prop);
        if (!method) {
          const key = `${t[LABEL]}.${prop}`;
          method = (...args: unknown[]) => {
            runtime.beforeCall(key);
            (t as Emulated)._callScope?.()?.add(key);
            try {
              const started = performance.now();
              const result = value.apply(
                t,
                args.map((a) => runtime.fromScript(a)),
              );
              runtime.afterCall(key, performance.now() - started);
              return runtime.toScript(result);
            } catch (error) {
              throw runtime.toScriptError(error);
            }
          };
          methods.set(prop, method);
        }
        return method;
      },
      set(_t, prop, value) {
        expando.set(prop, value);
        return true;
      },
      has(t, prop) {
        return (
          expando.has(prop) || (typeof prop === 'string' && !prop.startsWith('_') && prop in t)
        );
      },
    });
    this.proxies.set(target, proxy);
    proxyTargets.set(proxy, target);
    return proxy;
  }

  /** Properties the script assigned on an emulated object (e.g. HtmlTemplate variables). */
  expandoOf(target: Emulated): Record<string, unknown> {
    return Object.fromEntries(
      [...(this.expandos.get(target) ?? new Map())].filter(([k]) => typeof k === 'string'),
    );
  }
}
