/// <reference types="google-apps-script" />
// PropertiesService, LockService, CacheService and ScriptApp (installable triggers).
// All of their state outlives a run, as it does at Google.
import { asGas, type Emulated, GasException, LABEL, type Runtime } from './runtime.js';

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

/** A lock slot (script, document or user) and who holds it: a run id, or 'test' for a test. */
export class LockSlot {
  holder: number | 'test' | null = null;
}

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
  hasLock(): boolean {
    return this.slot.holder === this.runtime.runId;
  }
  releaseLock(): void {
    if (this.hasLock()) this.slot.holder = null;
  }
  /** Another holder never lets go during a run: waiting just costs `timeoutInMillis` of clock. */
  tryLock(timeoutInMillis: number): boolean {
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
    this.runtime.clock.advance(Math.max(0, Number(timeoutInMillis) || 0));
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new GasException('Lock timeout: another process was holding the lock for too long.');
    }
  }
}

export class EmulatedLockService
  implements
    Emulated,
    Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  readonly [LABEL] = 'LockService';
  readonly _slots = { script: new LockSlot(), document: new LockSlot(), user: new LockSlot() };
  constructor(private readonly runtime: Runtime) {}
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slots.document));
  }
  getScriptLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slots.script));
  }
  getUserLock(): GoogleAppsScript.Lock.Lock {
    return asGas(new EmulatedLock(this.runtime, this._slots.user));
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
  constructor(
    private readonly runtime: Runtime,
    private readonly email: string,
  ) {}
  /** Empty in a simple trigger, as for most accounts at Google. */
  getActiveUser(): GoogleAppsScript.Base.User {
    return asGas(new EmulatedUser(this.runtime.mode === 'simple' ? '' : this.email));
  }
  getActiveUserLocale(): string {
    return 'en';
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return asGas(new EmulatedUser(this.email));
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
