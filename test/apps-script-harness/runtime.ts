/// <reference types="google-apps-script" />
// Shared machinery of the Apps Script harness: the clock, the call counter, the
// execution state (mode, kill switch, locks) and the boundary that every value
// crosses between the emulated services (host realm) and the script (vm realm).

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

/** How the current execution was started. */
export type RunMode = 'manual' | 'trigger' | 'simple';

interface KillRule {
  keys: readonly string[];
  remaining: number;
}

/** The vm realm's intrinsics, so values handed to the script are of its own realm. */
export interface Realm {
  Error: ErrorConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
}

const proxyTargets = new WeakMap<object, object>();

export class Runtime {
  readonly calls = new CallCounter();
  readonly logs: { level: string; message: string; at: Date }[] = [];
  mode: RunMode = 'manual';
  killed = false;
  runId = 0;
  realm: Realm | null = null;
  /** The vm context of the current run (HtmlTemplate evaluates in it). */
  context: object | null = null;
  private readonly killRules: KillRule[] = [];
  private readonly proxies = new WeakMap<object, object>();
  private readonly expandos = new WeakMap<object, Map<string | symbol, unknown>>();
  private readonly endOfRun: (() => void)[] = [];
  /** The manifest's scopes against every call (scopes.ts); set when the script is loaded. */
  scopes: { check(key: string, mode: RunMode): void } | null = null;

  constructor(
    readonly clock: Clock,
    readonly timeZone: string,
  ) {}

  /** Kills the run at the (n+1)-th call of any of `keys` (counted from now; one-shot). */
  killAfter(keys: string | readonly string[], n: number): void {
    this.killRules.push({ keys: typeof keys === 'string' ? [keys] : keys, remaining: n });
  }

  /** Registers work to do when the current execution ends (e.g. release its locks). */
  atEndOfRun(fn: () => void): void {
    this.endOfRun.push(fn);
  }

  beginRun(mode: RunMode, context: object, realm: Realm): void {
    this.runId += 1;
    this.mode = mode;
    this.context = context;
    this.realm = realm;
    this.killed = false;
  }

  endRun(): void {
    for (const fn of this.endOfRun.splice(0)) fn();
    this.realm = null;
    this.context = null;
    this.mode = 'manual';
    this.killed = false;
  }

  private beforeCall(key: string): void {
    this.calls.add(key);
    if (this.killed) throw new HarnessKilled(`run already killed (at ${key})`);
    for (const [i, rule] of this.killRules.entries()) {
      if (!rule.keys.includes(key)) continue;
      if (rule.remaining === 0) {
        this.killRules.splice(i, 1);
        this.killed = true;
        throw new HarnessKilled(`run killed by the harness at ${key}`);
      }
      rule.remaining -= 1;
    }
    try {
      this.scopes?.check(key, this.mode);
    } catch (error) {
      throw this.toScriptError(error);
    }
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
              const result = value.apply(
                t,
                args.map((a) => runtime.fromScript(a)),
              );
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
