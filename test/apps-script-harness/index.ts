/// <reference types="google-apps-script" />
// The Apps Script harness: runs the BUILT office-side script (a classic script of top-level
// functions) in a fresh node:vm context per execution, whose only globals are emulations of
// the Apps Script services it uses (plus the standard JavaScript built-ins).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import vm from 'node:vm';
import { EmulatedAdvancedDrive } from './advanced-drive.js';
import { DriveStore, EmulatedDriveApp, type EmulatedFolder } from './drive.js';
import { EmulatedGmailApp, EmulatedMailApp, Mailer, type SentEmail } from './gmail.js';
import { EmulatedHtmlService } from './html.js';
import { EmulatedRange } from './range.js';
import {
  type CallCounter,
  Clock,
  type Emulated,
  type ExecutionRecord,
  HarnessError,
  HarnessKilled,
  type Realm,
  type RunMode,
  Runtime,
} from './runtime.js';
import { advancedService, type Manifest, readManifest, SCOPES, ScopeGate } from './scopes.js';
import {
  clockTriggerEvent,
  EmulatedScriptApp,
  type TriggerRecord,
  TriggerStore,
} from './script-app.js';
import { harnessDate, MIME_TYPES } from './script-globals.js';
import {
  EmulatedCacheService,
  EmulatedConsole,
  EmulatedLockService,
  EmulatedLogger,
  EmulatedPropertiesService,
  EmulatedSession,
  type LockKind,
} from './script-services.js';
import { type Cell, enterValue, isDate, parseA1 } from './sheet-values.js';
import {
  type EmulatedSheet,
  EmulatedSpreadsheet,
  EmulatedSpreadsheetApp,
  type HarnessPdf,
  readHarnessPdf,
  type SpreadsheetBooks,
  type Toast,
} from './spreadsheet.js';
import { type AlertRecord, type MenuRecord, menuFunction, UiState } from './ui.js';
import { EmulatedUrlFetchApp, type FetchRecord, SyncHttp } from './url-fetch.js';
import { EmulatedUtilities } from './utilities.js';
import { type Workbook, workbook } from './workbook.js';

export { HarnessError, HarnessKilled } from './runtime.js';
export { type Manifest, SCOPE_TABLE, SCOPES } from './scopes.js';
export type {
  AlertRecord,
  Cell,
  EmulatedSpreadsheet,
  ExecutionRecord,
  FetchRecord,
  HarnessPdf,
  MenuRecord,
  SentEmail,
  Toast,
  TriggerRecord,
  Workbook,
};
export { readHarnessPdf, workbook };

export const DEFAULT_CODE_PATH = 'dist/apps-script/Code.js';

export interface HarnessOptions {
  /** Script (appsscript.json) and spreadsheet time zone. Default 'America/Los_Angeles'. */
  timeZone?: string;
  /** The bound spreadsheet's own zone (File › Settings), when it differs from the script's. */
  spreadsheetTimeZone?: string;
  spreadsheetName?: string;
  scriptProperties?: Record<string, string>;
  /** Recipients GmailApp/MailApp may still send to today. Default 100 (consumer account). */
  dailyEmailQuota?: number;
  /** Start of the harness clock. Default: the real current time. */
  now?: Date;
  /** Who runs executions unless the test says otherwise (harness.as). Default 'office@example.com'. */
  userEmail?: string;
  /**
   * Sends the harness clock on every fetch in this request header, so a test server can keep
   * its clock with the script's as the run's service calls move it (a shared wall clock).
   */
  clockHeader?: string;
  /** Initial sheets, values stored as given. Default: one empty 'Sheet1'. */
  sheets?: Record<string, unknown[][]>;
  /** UrlFetchApp timeout. Default 60 s (Apps Script's). */
  fetchTimeoutMs?: number;
  /** Public https origins served by a loopback server, as Google would reach them: { 'https://edge-api.example.com': 'http://127.0.0.1:8787' }. */
  publicHosts?: Record<string, string>;
  /** Time zone of spreadsheets the script creates (the account's setting). Default: timeZone. */
  accountTimeZone?: string;
}

export interface RunKilled {
  killed: true;
  /** 'Exceeded maximum execution time', or 'killed by the harness' (killAfter). */
  reason: string;
}

export function isKilled(result: unknown): result is RunKilled {
  return typeof result === 'object' && result !== null && (result as RunKilled).killed === true;
}

export function createHarness(options: HarnessOptions = {}) {
  const timeZone = options.timeZone ?? 'America/Los_Angeles';
  const clock = new Clock(options.now ?? new Date());
  const defaultUser = options.userEmail ?? 'office@example.com';
  const runtime = new Runtime(clock, timeZone, defaultUser);
  const spreadsheet = new EmulatedSpreadsheet(
    runtime,
    '1CrewcallHarnessSpreadsheet0000000000000000',
    options.spreadsheetName ?? 'Crew availability',
    options.spreadsheetTimeZone ?? timeZone,
  );
  const ui = new UiState();
  const mailer = new Mailer(runtime, options.dailyEmailQuota ?? 100);
  const drive = new DriveStore(runtime);
  // The bound spreadsheet is a file in My Drive too; those the script creates join it.
  drive.addSpreadsheet(spreadsheet, drive.root);
  const created: EmulatedSpreadsheet[] = [];
  function newBook(name: string, rows: number, columns: number, parent: EmulatedFolder) {
    const book = new EmulatedSpreadsheet(
      runtime,
      drive.newId(),
      name,
      options.accountTimeZone ?? timeZone,
    );
    const first = book._addSheet('Sheet1');
    first._maxRows = rows;
    first._maxColumns = columns;
    created.push(book);
    return { book, file: drive.addSpreadsheet(book, parent) };
  }
  const books: SpreadsheetBooks = {
    active: spreadsheet,
    // Not marked as created by the script for Drive: whether Drive's drive.file scope counts a
    // SpreadsheetApp.create file as the app's is not documented, so the harness says no.
    create: (name, rows, columns) => newBook(name, rows, columns, drive.root).book,
    byId: (id) => (id === spreadsheet._id ? spreadsheet : created.find((b) => b._id === id)),
  };
  let manifest: Manifest | null = null;
  const advancedDrive = new EmulatedAdvancedDrive({
    store: drive,
    newSpreadsheet: (name, parent) => newBook(name, 1000, 26, parent).file,
    fullDrive: () => manifest?.oauthScopes?.includes(SCOPES.drive) === true,
  });
  const http = new SyncHttp(options.fetchTimeoutMs ?? 60_000, () =>
    options.clockHeader ? { [options.clockHeader]: clock.now().toISOString() } : {},
  );
  const fetches: FetchRecord[] = [];
  const properties = new EmulatedPropertiesService(options.scriptProperties);
  const locks = new EmulatedLockService(runtime, spreadsheet._id);
  const caches = new EmulatedCacheService(runtime);
  const triggers = new TriggerStore(runtime);
  let code: string | null = null;
  let htmlDir = dirname(resolve(DEFAULT_CODE_PATH));

  const services: Record<string, Emulated> = {
    SpreadsheetApp: new EmulatedSpreadsheetApp(runtime, books, ui),
    GmailApp: new EmulatedGmailApp(mailer),
    MailApp: new EmulatedMailApp(mailer),
    DriveApp: new EmulatedDriveApp(drive),
    UrlFetchApp: new EmulatedUrlFetchApp(runtime, http, fetches, options.publicHosts),
    PropertiesService: properties,
    LockService: locks,
    CacheService: caches,
    ScriptApp: new EmulatedScriptApp(triggers),
    HtmlService: new EmulatedHtmlService(runtime, () => htmlDir),
    Utilities: new EmulatedUtilities(runtime),
    Session: new EmulatedSession(runtime),
    Logger: new EmulatedLogger(runtime),
    console: new EmulatedConsole(runtime),
  };

  for (const [name, values] of Object.entries(options.sheets ?? { Sheet1: [] })) {
    addSheet(name, values);
  }

  function addSheet(name: string, values: unknown[][] = []): EmulatedSheet {
    const sheet = spreadsheet._addSheet(name);
    sheet._maxRows = Math.max(1000, values.length);
    sheet._maxColumns = Math.max(26, ...values.map((row) => row.length));
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === '' || value === null || value === undefined) return;
        sheet._cellForWrite(r + 1, c + 1).value = isDate(value)
          ? new Date(value.getTime())
          : (value as Cell['value']);
      });
    });
    return sheet;
  }

  function sheet(name: string): EmulatedSheet {
    return workbook(spreadsheet).sheet(name);
  }

  function range(sheetName: string, a1: string): EmulatedRange {
    const s = sheet(sheetName);
    return new EmulatedRange(s, parseA1(a1, s._maxRows, s._maxColumns));
  }

  function dataRange(name: string): EmulatedRange | null {
    return workbook(spreadsheet).dataRange(name);
  }

  function load(codePath: string = DEFAULT_CODE_PATH): void {
    const path = resolve(codePath);
    const source = readFileSync(path, 'utf8');
    new vm.Script(source, { filename: 'Code.js' }); // a syntax error surfaces here
    code = source;
    htmlDir = dirname(path);
    manifest = readManifest(htmlDir);
    runtime.scopes = new ScopeGate(manifest);
  }

  function newContext(): { context: vm.Context; realm: Realm } {
    const context = vm.createContext({}, { name: 'Apps Script', codeGeneration: { wasm: false } });
    const realm = vm.runInContext('({ Error, Array, Object })', context) as Realm;
    context.Date = harnessDate(clock);
    context.MimeType = Object.freeze(Object.assign(new realm.Object(), MIME_TYPES));
    for (const [name, service] of Object.entries(services))
      context[name] = runtime.proxyFor(service);
    const drive3 = manifest && advancedService(manifest, 'Drive');
    if (drive3) {
      if (drive3.serviceId !== 'drive' || drive3.version !== 'v3') {
        throw new HarnessError(
          `Advanced service ${JSON.stringify(drive3)}: only Drive v3 is emulated`,
        );
      }
      context.Drive = runtime.proxyFor(advancedDrive);
    }
    return { context, realm };
  }

  function execute(mode: RunMode, functionName: string, args: unknown[], user: string): unknown {
    if (code === null) load();
    const { context, realm } = newContext();
    const execution = runtime.beginRun({ mode, functionName, user, context, realm });
    const previousTz = process.env.TZ;
    process.env.TZ = timeZone; // new Date(y, m, d), getHours()… in the script's zone, as at Google
    let outcome: 'completed' | 'failed' = 'completed';
    let failure: string | undefined;
    try {
      vm.runInContext(code as string, context, { filename: 'Code.js' });
      const fn = context[functionName];
      if (typeof fn !== 'function')
        throw new HarnessError(`Script function not found: ${functionName}`);
      const result = fn(...args.map((a) => runtime.toScript(a)));
      return execution.killed ? { killed: true, reason: execution.killed } : result;
    } catch (error) {
      if (error instanceof HarnessKilled || execution.killed) {
        return { killed: true, reason: execution.killed ?? 'killed by the harness' };
      }
      outcome = 'failed';
      failure = (error as Error)?.message ?? String(error);
      throw error;
    } finally {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
      runtime.endRun(execution, outcome, failure);
    }
  }

  /** The owner of the trigger that would fire `functionName` (the first one), else `fallback`. */
  function triggerOwner(functionName: string, fallback: string): string {
    const trigger = triggers.triggers.find((t) => t._record.handler === functionName);
    return trigger?._record.owner ?? fallback;
  }

  /** The ways a person (or a trigger owner) starts an execution. */
  function entryPoints(user: string | null) {
    const as = user ?? defaultUser;
    return {
      /** Runs a top-level function as a user would (menu item, button, editor): full authorization, UI. */
      run(functionName: string, ...args: unknown[]): unknown {
        return execute('manual', functionName, args, as);
      },
      /**
       * Runs an installable trigger's function (time-driven by default): no UI, full
       * authorization, as the trigger's owner (harness.as(user) forces the user).
       */
      runTrigger(functionName: string, event?: Record<string, unknown>): unknown {
        const owner = user ?? triggerOwner(functionName, defaultUser);
        return execute('trigger', functionName, [event ?? clockEvent(functionName, owner)], owner);
      },
      /** Runs a simple trigger (onOpen, onEdit…) in AuthMode.LIMITED: no Gmail, UrlFetch, Drive, ScriptApp. */
      runSimpleTrigger(functionName: string, event: Record<string, unknown> = {}): unknown {
        const base = { authMode: 'LIMITED', source: spreadsheet, triggerUid: '' };
        return execute('simple', functionName, [{ ...base, ...event }], as);
      },
      /**
       * A person types (or pastes) into cells: the values go in as typed text does (parsed as
       * Sheets parses typing, see sheet-values.ts), then the script's onEdit simple trigger, if
       * it has one, runs in AuthMode.LIMITED with the event Google gives it: authMode, range (the
       * whole edited range), source, user, triggerUid, and value/oldValue only when ONE cell was
       * edited (https://developers.google.com/apps-script/guides/triggers/events#edit). A
       * script's own setValue/setValues never fires onEdit ("Script executions and API requests
       * do not cause triggers to run", https://developers.google.com/apps-script/guides/triggers#restrictions).
       */
      typeInto(sheetName: string, a1: string, values: unknown[][]): unknown {
        const target = range(sheetName, a1);
        const { row, column, numRows, numColumns } = target._rect;
        if (values.length !== numRows || values.some((line) => line.length !== numColumns)) {
          throw new HarnessError(`typeInto ${a1}: give ${numRows} × ${numColumns} values`);
        }
        const s = sheet(sheetName);
        const single = numRows === 1 && numColumns === 1;
        const old = single ? s._cell(row, column)?.value : undefined;
        values.forEach((line, r) => {
          line.forEach((value, c) => {
            const cell = s._cellForWrite(row + r, column + c);
            const entered = enterValue(value, cell.numberFormat, s._timeZone());
            cell.value = entered.value;
            if (entered.formula === undefined) delete cell.formula;
            else cell.formula = entered.formula;
          });
        });
        if (code === null) load();
        if (!/\bfunction onEdit\s*\(/.test(code as string)) return undefined;
        const text = (v: unknown) => (v === undefined || v === '' ? undefined : String(v));
        const event: Record<string, unknown> = {
          authMode: 'LIMITED',
          range: target,
          source: spreadsheet,
          triggerUid: '',
          user: { email: '', nickname: '' },
        };
        if (single) {
          const value = text(s._cell(row, column)?.value);
          if (value !== undefined) event.value = value;
          if (text(old) !== undefined) event.oldValue = text(old);
        }
        return execute('simple', 'onEdit', [event], as);
      },
      /** Clicks a menu item the script added: clickMenu('Crew', 'Send crew call'). */
      clickMenu(...path: string[]): unknown {
        return execute('manual', menuFunction(ui.menus, path), [], as);
      },
    };
  }

  function clockEvent(functionName: string, owner: string): Record<string, unknown> {
    const trigger = triggers.triggers.find(
      (t) => t._record.handler === functionName && t._record.owner === owner,
    );
    return clockTriggerEvent(clock.now(), trigger?._record.id ?? '');
  }

  return {
    /** Reads the built script (default dist/apps-script/Code.js); its .html files and appsscript.json sit beside it. */
    load,
    ...entryPoints(null),
    /** Starts executions as another account: harness.as('office2@example.com').clickMenu(…). */
    as(email: string) {
      return entryPoints(email);
    },
    /**
     * Overlapping executions: `fn` (e.g. () => harness.runTrigger('tick')) runs while the
     * current execution is inside its n-th call of `key` from now (after the service did its
     * work, before the script sees the result), as a second execution starting at that moment
     * at Google would. during('MailApp.sendEmail', 1, …) = between the first and second email.
     */
    during(key: string, n: number, fn: () => void): void {
      runtime.during(key, n, fn);
    },
    /** Every execution so far, oldest first: function, user, mode, start and end, outcome. */
    executions: runtime.executions as readonly ExecutionRecord[],
    /** The run is killed at the (n+1)-th email send (GmailApp or MailApp) from now on. */
    killAfterSends(n: number): void {
      runtime.killAfter(['GmailApp.sendEmail', 'MailApp.sendEmail'], n);
    },
    /** The run is killed at the (n+1)-th call of any of these methods (keys as in `calls`). */
    killAfter(keys: string | string[], n: number): void {
      runtime.killAfter(keys, n);
    },
    addSheet,
    sheet,
    range,
    /** Values of the sheet's data range ([] when empty); formula cells read '#ERROR!'. */
    sheetValues(name: string): unknown[][] {
      return dataRange(name)?.getValues() ?? [];
    },
    displayValues(name: string): string[][] {
      return dataRange(name)?.getDisplayValues() ?? [];
    },
    formulas(name: string): string[][] {
      return dataRange(name)?.getFormulas() ?? [];
    },
    cell(sheetName: string, a1: string): Cell | undefined {
      const r = range(sheetName, a1)._rect;
      return sheet(sheetName)._cell(r.row, r.column);
    },
    /** What the user has selected: harness.select('June 2025', 'A5:D5'); Ctrl-click: 'A2:M2,A5:M5'. */
    select(sheetName: string, a1: string): void {
      const ranges = a1.split(',').map((part) => range(sheetName, part.trim()));
      const last = ranges.pop() as EmulatedRange;
      last._sheet._activate(last, ranges);
    },
    spreadsheet,
    /** Spreadsheets the script created (SpreadsheetApp.create), oldest first; trashed ones too. */
    get createdSpreadsheets(): readonly EmulatedSpreadsheet[] {
      return [...created];
    },
    /** What a test reads of any spreadsheet: tabs, values as stored and as shown, formats, calls. */
    workbook,
    ui,
    outbox: mailer.outbox as readonly SentEmail[],
    toasts: spreadsheet._toasts as readonly Toast[],
    alerts: ui.alerts as readonly AlertRecord[],
    menus: ui.menus as readonly MenuRecord[],
    /** Someone deletes a trigger by hand (the editor's Triggers page), outside any script run. */
    deleteTriggerByHand(id: string): void {
      const index = triggers.triggers.findIndex((t) => t._record.id === id);
      if (index < 0) throw new HarnessError(`no trigger ${id}`);
      triggers.triggers.splice(index, 1);
    },
    /** A trigger as the script would hold it, to hand to a run as an argument. */
    triggerHandle(id: string): unknown {
      const trigger = triggers.triggers.find((t) => t._record.id === id);
      if (!trigger) throw new HarnessError(`no trigger ${id}`);
      return trigger;
    },
    get triggers(): TriggerRecord[] {
      return triggers.triggers.map((t) => ({ ...t._record, schedule: { ...t._record.schedule } }));
    },
    properties: {
      script: properties._script,
      user: properties._user,
      document: properties._document,
    },
    caches: { script: caches._script, user: caches._user, document: caches._document },
    /**
     * A lock held by "another execution" until released (an overlapping run the test does not
     * script itself); a user lock is the default user's unless `user` is given.
     */
    locks: {
      hold(kind: LockKind = 'script', user = defaultUser): void {
        locks._slot(kind, user).holder = 'test';
      },
      release(kind: LockKind = 'script', user = defaultUser): void {
        locks._slot(kind, user).holder = null;
      },
      isHeld(kind: LockKind = 'script', user = defaultUser): boolean {
        return locks._slot(kind, user).holder !== null;
      },
    },
    drive,
    /** The loaded appsscript.json (null before load). */
    get manifest(): Manifest | null {
      return manifest;
    },
    fetches: fetches as readonly FetchRecord[],
    logs: runtime.logs as readonly { level: string; message: string; at: Date }[],
    get emailQuota(): number {
      return mailer.remainingDailyQuota;
    },
    set emailQuota(n: number) {
      mailer.remainingDailyQuota = n;
    },
    clock,
    calls: runtime.calls as CallCounter,
    async close(): Promise<void> {
      await http.close();
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;
