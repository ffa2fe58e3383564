/// <reference types="google-apps-script" />
// PropertiesService, LockService, CacheService and ScriptApp (installable triggers).
// All of their state outlives a run, as it does at Google.
import {
  asGas,
  type Emulated,
  GasException,
  LABEL,
  type Runtime,
  signatureError,
} from './runtime.js';

type Props = GoogleAppsScript.Properties.Properties;
type PropsMethods =
  | 'deleteAllProperties'
  | 'deleteProperty'
  | 'getKeys'
  | 'getProperties'
  | 'getProperty'
  | 'setProperties'
  | 'setProperty';

// https://developers.google.com/apps-script/guides/services/quotas: "Properties value size
// 9 KB / val", "Properties total storage 500 KB / property store", counted in bytes (UTF-8),
// keys included (measured: https://gist.github.com/tanaikech/8b057d10fb5f2af014794e57b021c6aa).
const MAX_PROPERTY_VALUE = 9 * 1024;
const MAX_PROPERTY_STORE = 500 * 1024;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class EmulatedProperties implements Emulated, Pick<Props, PropsMethods> {
  readonly [LABEL] = 'PropertiesService.Properties';
  readonly _store = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this._store.set(k, String(v));
  }
  /** Checks a write of `entries` (after `clearFirst`) against both limits; nothing is stored on failure. */
  private check(entries: ReadonlyArray<readonly [string, string]>, clearFirst = false): void {
    for (const [, value] of entries) {
      if (bytes(value) > MAX_PROPERTY_VALUE) throw new GasException('Argument too large: value');
    }
    const after = new Map(clearFirst ? [] : this._store);
    for (const [k, v] of entries) after.set(k, v);
    let size = 0;
    for (const [k, v] of after) size += bytes(k) + bytes(v);
    if (size > MAX_PROPERTY_STORE) {
      throw new GasException(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }
  deleteAllProperties(): Props {
    this._store.clear();
    return asGas(this);
  }
  deleteProperty(key: string): Props {
    this._store.delete(String(key));
    return asGas(this);
  }
  getKeys(): string[] {
    return [...this._store.keys()];
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this._store);
  }
  getProperty(key: string): string | null {
    return this._store.get(String(key)) ?? null;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): Props {
    const entries = Object.entries(properties).map(([k, v]) => [k, String(v)] as const);
    this.check(entries, deleteAllOthers);
    if (deleteAllOthers) this._store.clear();
    for (const [k, v] of entries) this._store.set(k, v);
    return asGas(this);
  }
  setProperty(key: string, value: string): Props {
    const text = String(value);
    this.check([[String(key), text]]);
    this._store.set(String(key), text);
    return asGas(this);
  }
}

export class EmulatedPropertiesService
  implements
    Emulated,
    Pick<
      GoogleAppsScript.Properties.PropertiesService,
      'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'
    >
{
  readonly [LABEL] = 'PropertiesService';
  readonly _script: EmulatedProperties;
  readonly _user = new EmulatedProperties();
  readonly _document = new EmulatedProperties();
  constructor(scriptProperties: Record<string, string> = {}) {
    this._script = new EmulatedProperties(scriptProperties);
  }
  getDocumentProperties(): Props {
    return asGas(this._document);
  }
  getScriptProperties(): Props {
    return asGas(this._script);
  }
  getUserProperties(): Props {
    return asGas(this._user);
  }
}

export type LockKind = 'script' | 'document' | 'user';

/** A lock (the script's, one user's, or one document's) and who holds it: an execution id, or 'test'. */
export class LockSlot {
  holder: number | 'test' | null = null;
}

const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/**
 * A mutual-exclusion lock as LockService hands it out. The script lock is one for every
 * execution of every user; a user lock is the current user's; a document lock the bound
 * document's (https://developers.google.com/apps-script/reference/lock/lock-service).
 * A lock belongs to the execution that took it and is released when that execution ends
 * ("Locks are released automatically when the script terminates",
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
 */
export class EmulatedLock
  implements
    Emulated,
    Pick<GoogleAppsScript.Lock.Lock, 'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'>
{
  readonly [LABEL] = 'LockService.Lock';
  constructor(
    private readonly runtime: Runtime,
    private readonly slot: LockSlot,
  ) {}
  /** True only in the execution that acquired it, until it releases it or ends. */
  hasLock(): boolean {
    return this.runtime.runId !== 0 && this.slot.holder === this.runtime.runId;
  }
  /** "This method has no effect if the lock has not been acquired." */
  releaseLock(): void {
    if (this.hasLock()) this.slot.holder = null;
  }
  /**
   * Another holder is another execution, which cannot move while this one waits (the harness
   * runs one at a time), so a held lock is not released during the wait: the wait costs
   * `timeoutInMillis` of clock (and of the execution's 6 minutes), then false.
   */
  tryLock(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number')
      throw signatureError('Lock.tryLock', [timeoutInMillis]);
    if (this.hasLock()) return true;
    if (this.slot.holder === null) {
      this.slot.holder = this.runtime.runId;
      const slot = this.slot;
      const runId = this.runtime.runId;
      this.runtime.atEndOfRun(() => {
        if (slot.holder === runId) slot.holder = null;
      });
      return true;
    }
    this.runtime.clock.advance(Math.max(0, timeoutInMillis));
    return false;
  }
  /** "Attempts to acquire the lock, timing out with an exception after the provided number of milliseconds." */
  waitLock(timeoutInMillis: number): void {
    if (typeof timeoutInMillis !== 'number')
      throw signatureError('Lock.waitLock', [timeoutInMillis]);
    if (!this.tryLock(timeoutInMillis)) throw new GasException(LOCK_TIMEOUT);
  }
}

export class EmulatedLockService
  implements
    Emulated,
    Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  readonly [LABEL] = 'LockService';
  private readonly script = new LockSlot();
  private readonly byUser = new Map<string, LockSlot>();
  private readonly byDocument = new Map<string, LockSlot>();
  constructor(
    private readonly runtime: Runtime,
    /** The container the script is bound to (its document lock). */
    private readonly documentId: string,
  ) {}
  _slot(kind: LockKind, user: string): LockSlot {
    if (kind === 'script') return this.script;
    const [map, key] = kind === 'user' ? [this.byUser, user] : [this.byDocument, this.documentId];
    let slot = map.get(key);
    if (!slot) {
      slot = new LockSlot();
      map.set(key, slot);
    }
    return slot;
  }
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slot('document', this.runtime.user)));
  }
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slot('script', this.runtime.user)));
  }
  getUserLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slot('user', this.runtime.user)));
  }
}

type CacheMethods = 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll';

export class EmulatedCache implements Emulated, Pick<GoogleAppsScript.Cache.Cache, CacheMethods> {
  readonly [LABEL] = 'CacheService.Cache';
  readonly _entries = new Map<string, { value: string; expiresAt: number }>();
  constructor(private readonly runtime: Runtime) {}
  get(key: string): string | null {
    const entry = this._entries.get(String(key));
    if (!entry) return null;
    if (entry.expiresAt <= this.runtime.clock.time) {
      this._entries.delete(String(key));
      return null;
    }
    return entry.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    const k = String(key);
    const v = String(value);
    if (k.length > 250) throw new GasException('Argument too large: key');
    if (v.length > 100 * 1024) throw new GasException('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), 21_600);
    this._entries.set(k, { value: v, expiresAt: this.runtime.clock.time + seconds * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._entries.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }
}

export class EmulatedCacheService
  implements
    Emulated,
    Pick<
      GoogleAppsScript.Cache.CacheService,
      'getDocumentCache' | 'getScriptCache' | 'getUserCache'
    >
{
  readonly [LABEL] = 'CacheService';
  readonly _script: EmulatedCache;
  readonly _user: EmulatedCache;
  readonly _document: EmulatedCache;
  constructor(runtime: Runtime) {
    this._script = new EmulatedCache(runtime);
    this._user = new EmulatedCache(runtime);
    this._document = new EmulatedCache(runtime);
  }
  getDocumentCache(): GoogleAppsScript.Cache.Cache {
    return asGas(this._document);
  }
  getScriptCache(): GoogleAppsScript.Cache.Cache {
    return asGas(this._script);
  }
  getUserCache(): GoogleAppsScript.Cache.Cache {
    return asGas(this._user);
  }
}

export { EmulatedScriptApp, type TriggerRecord } from './script-app.js';

export class EmulatedUser implements Emulated, Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly [LABEL] = 'Session.User';
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}

type SessionMethods =
  | 'getActiveUser'
  | 'getActiveUserLocale'
  | 'getEffectiveUser'
  | 'getScriptTimeZone'
  | 'getTemporaryActiveUserKey';

export class EmulatedSession
  implements Emulated, Pick<GoogleAppsScript.Base.Session, SessionMethods>
{
  readonly [LABEL] = 'Session';
  constructor(private readonly runtime: Runtime) {}
  /**
   * The user at the sheet (a menu or sidebar run), the trigger's owner in an installable
   * trigger (it "executes under the identity of the owner of the trigger",
   * https://developers.google.com/apps-script/execution_time_triggers); empty in a simple
   * trigger, as for most accounts at Google.
   */
  getActiveUser(): GoogleAppsScript.Base.User {
    return asGas(new EmulatedUser(this.runtime.mode === 'simple' ? '' : this.runtime.user));
  }
  getActiveUserLocale(): string {
    return 'en';
  }
  /** The account whose authority the script runs with: the same as above, here. */
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return asGas(new EmulatedUser(this.runtime.user));
  }
  getScriptTimeZone(): string {
    return this.runtime.timeZone;
  }
  getTemporaryActiveUserKey(): string {
    return 'harness-temporary-active-user-key';
  }
}

/** Logger.log(format, ...values): '%s'-style placeholders, else the values' text. */
export class EmulatedLogger
  implements Emulated, Pick<GoogleAppsScript.Base.Logger, 'clear' | 'getLog' | 'log'>
{
  readonly [LABEL] = 'Logger';
  private lines: string[] = [];
  constructor(private readonly runtime: Runtime) {}
  clear(): void {
    this.lines = [];
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
  log(format: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const message = formatLog(format, values);
    this.lines.push(message);
    this.runtime.logs.push({ level: 'Logger', message, at: this.runtime.clock.now() });
    return asGas(this);
  }
}

export function formatLog(format: unknown, values: readonly unknown[]): string {
  const text = (v: unknown) => (typeof v === 'object' && v !== null ? safeJson(v) : String(v));
  if (typeof format === 'string' && /%[sdifoj]/.test(format)) {
    let i = 0;
    return format.replace(/%[sdifoj]/g, () => (i < values.length ? text(values[i++]) : ''));
  }
  return [format, ...values].map(text).join(' ');
}

function safeJson(value: unknown): string {
  try {
    return Object.prototype.toString.call(value) === '[object Date]'
      ? String(value)
      : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** The script's console (Cloud Logging at Google): captured into the harness logs. */
export class EmulatedConsole
  implements Emulated, Pick<Console, 'error' | 'info' | 'log' | 'time' | 'timeEnd' | 'warn'>
{
  readonly [LABEL] = 'console';
  private readonly timers = new Map<string, number>();
  constructor(private readonly runtime: Runtime) {}
  private write(level: string, args: unknown[]): void {
    const [format, ...values] = args;
    this.runtime.logs.push({
      level,
      message: formatLog(format, values),
      at: this.runtime.clock.now(),
    });
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  log(...args: unknown[]): void {
    this.write('log', args);
  }
  time(label: string): void {
    this.timers.set(label, this.runtime.clock.time);
  }
  timeEnd(label: string): void {
    const start = this.timers.get(label) ?? this.runtime.clock.time;
    this.write('log', [`${label}: ${this.runtime.clock.time - start}ms`]);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
}
