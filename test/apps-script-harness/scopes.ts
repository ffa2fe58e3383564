// OAuth scopes, as Google checks them: every service call of every execution is looked up in
// a per-method table (from each method's "Authorization" section in Google's reference) and
// checked against the manifest's `oauthScopes` (appsscript.json next to the built Code.js).
// A method the script calls that the table does not know fails the test (HarnessError), so
// the table cannot silently lag the code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GasException, HarnessError, type RunMode } from './runtime.js';

const AUTH = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  spreadsheets: `${AUTH}spreadsheets`,
  spreadsheetsCurrentOnly: `${AUTH}spreadsheets.currentonly`,
  drive: `${AUTH}drive`,
  driveReadonly: `${AUTH}drive.readonly`,
  driveFile: `${AUTH}drive.file`,
  driveAppdata: `${AUTH}drive.appdata`,
  driveMetadata: `${AUTH}drive.metadata`,
  driveMetadataReadonly: `${AUTH}drive.metadata.readonly`,
  gmail: 'https://mail.google.com/',
  sendMail: `${AUTH}script.send_mail`,
  externalRequest: `${AUTH}script.external_request`,
  scriptApp: `${AUTH}script.scriptapp`,
  containerUi: `${AUTH}script.container.ui`,
  userinfoEmail: `${AUTH}userinfo.email`,
} as const;

/** What one method needs: any one of `anyOf` (empty = no authorization at all). */
export interface ScopeRule {
  anyOf: readonly string[];
  /** Allowed in a simple trigger (AuthMode.LIMITED) although it lists scopes. */
  limited?: boolean;
}

const NONE: ScopeRule = { anyOf: [] };
const BOUND_SHEET: ScopeRule = {
  anyOf: [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets],
  limited: true,
};

function rows(prefix: string, rule: ScopeRule, methods: readonly string[]): [string, ScopeRule][] {
  return methods.map((m) => [`${prefix}.${m}`, rule]);
}

/**
 * Every method the harness emulates, keyed as the harness counts calls ('Service.Class.method').
 * Sources (each method's "Authorization" section):
 * - https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 *   (getActive*: spreadsheets.currentonly or spreadsheets; create, openById, openByUrl:
 *   spreadsheets only; flush and getUi list none), and the Spreadsheet, Sheet and Range
 *   classes (every method: spreadsheets.currentonly or spreadsheets)
 * - https://developers.google.com/apps-script/reference/base/ui (showSidebar,
 *   showModalDialog, showModelessDialog: script.container.ui; alert, prompt, createMenu none)
 * - https://developers.google.com/apps-script/reference/mail/mail-app (script.send_mail)
 * - https://developers.google.com/apps-script/reference/gmail/gmail-app (https://mail.google.com/)
 * - https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app (script.external_request)
 * - https://developers.google.com/apps-script/reference/script/script-app (newTrigger,
 *   getProjectTriggers, getUserTriggers, deleteTrigger, and the builders' create(): script.scriptapp)
 * - https://developers.google.com/apps-script/reference/drive/drive-app and its File/Folder
 *   classes: drive (reads also drive.readonly). DriveApp does NOT accept drive.file.
 * - https://developers.google.com/apps-script/reference/base/session (getActiveUser,
 *   getEffectiveUser: userinfo.email) and .../base/user (getEmail: userinfo.email)
 * - Properties, Lock, Cache, Utilities, Logger, HtmlService, console: no authorization.
 * - Advanced Drive service = Drive API v3, whose methods list their scopes:
 *   https://developers.google.com/drive/api/reference/rest/v3/files/create (drive, drive.appdata,
 *   drive.file), .../files/get and .../files/list (those, plus drive.readonly and drive.metadata*),
 *   .../files/update (drive, drive.appdata, drive.file, drive.metadata);
 *   drive.file = only files the app created or opened:
 *   https://developers.google.com/drive/api/guides/about-auth
 */
export const SCOPE_TABLE: ReadonlyMap<string, ScopeRule> = new Map<string, ScopeRule>([
  ...rows('SpreadsheetApp', BOUND_SHEET, [
    'getActive',
    'getActiveRange',
    'getActiveRangeList',
    'getActiveSheet',
    'getActiveSpreadsheet',
  ]),
  ...rows('SpreadsheetApp', { anyOf: [SCOPES.spreadsheets] }, ['create', 'openById', 'openByUrl']),
  ...rows('SpreadsheetApp', NONE, ['flush', 'getUi']),
  ...rows('SpreadsheetApp.Spreadsheet', BOUND_SHEET, [
    'deleteSheet',
    'getActiveRange',
    'getActiveRangeList',
    'getActiveSheet',
    'getAs',
    'getBlob',
    'getId',
    'getName',
    'getNumSheets',
    'getRange',
    'getSheetById',
    'getSheetByName',
    'getSheets',
    'getSpreadsheetTimeZone',
    'getUrl',
    'insertSheet',
    'rename',
    'setActiveSheet',
    'setSpreadsheetTimeZone',
    'toast',
  ]),
  ...rows('SpreadsheetApp.Sheet', BOUND_SHEET, [
    'activate',
    'appendRow',
    'autoResizeColumn',
    'autoResizeColumns',
    'clear',
    'clearContents',
    'clearFormats',
    'copyTo',
    'deleteRow',
    'deleteRows',
    'getActiveCell',
    'getActiveRange',
    'getActiveRangeList',
    'getDataRange',
    'getFrozenColumns',
    'getFrozenRows',
    'getIndex',
    'getLastColumn',
    'getLastRow',
    'getMaxColumns',
    'getMaxRows',
    'getName',
    'getParent',
    'getRange',
    'getSheetId',
    'getSheetName',
    'getSheetValues',
    'hideSheet',
    'insertRowAfter',
    'insertRowBefore',
    'insertRowsAfter',
    'insertRowsBefore',
    'isSheetHidden',
    'setActiveRange',
    'setColumnWidth',
    'setColumnWidths',
    'setFrozenColumns',
    'setFrozenRows',
    'setName',
    'showSheet',
  ]),
  ...rows('SpreadsheetApp.RangeList', BOUND_SHEET, ['getRanges']),
  ...rows('SpreadsheetApp.Range', BOUND_SHEET, [
    'activate',
    'clear',
    'clearContent',
    'clearFormat',
    'clearNote',
    'getA1Notation',
    'getBackground',
    'getBackgrounds',
    'getCell',
    'getColumn',
    'getDisplayValue',
    'getDisplayValues',
    'getFontWeight',
    'getFontWeights',
    'getFormula',
    'getFormulas',
    'getLastColumn',
    'getLastRow',
    'getNote',
    'getNotes',
    'getNumColumns',
    'getNumRows',
    'getNumberFormat',
    'getNumberFormats',
    'getRow',
    'getRowIndex',
    'getSheet',
    'getValue',
    'getValues',
    'isBlank',
    'offset',
    'setBackground',
    'setBackgrounds',
    'setFontColor',
    'setFontWeight',
    'setFontWeights',
    'setFormula',
    'setFormulas',
    'setHorizontalAlignment',
    'setNote',
    'setNumberFormat',
    'setNumberFormats',
    'setValue',
    'setValues',
    'setVerticalAlignment',
    'setWrap',
  ]),
  ...rows('SpreadsheetApp.Ui', { anyOf: [SCOPES.containerUi] }, [
    'showModalDialog',
    'showModelessDialog',
    'showSidebar',
  ]),
  ...rows('SpreadsheetApp.Ui', NONE, ['alert', 'createAddonMenu', 'createMenu', 'prompt']),
  ...rows('SpreadsheetApp.Menu', NONE, ['addItem', 'addSeparator', 'addSubMenu', 'addToUi']),
  ...rows('SpreadsheetApp.PromptResponse', NONE, ['getResponseText', 'getSelectedButton']),
  ...rows('MailApp', { anyOf: [SCOPES.sendMail] }, ['getRemainingDailyQuota', 'sendEmail']),
  ...rows('GmailApp', { anyOf: [SCOPES.gmail] }, ['sendEmail']),
  ...rows('UrlFetchApp', { anyOf: [SCOPES.externalRequest] }, ['fetch', 'fetchAll', 'getRequest']),
  ...rows('UrlFetchApp.HTTPResponse', NONE, [
    'getAllHeaders',
    'getBlob',
    'getContent',
    'getContentText',
    'getHeaders',
    'getResponseCode',
  ]),
  ...rows('ScriptApp', { anyOf: [SCOPES.scriptApp] }, [
    'deleteTrigger',
    'getProjectTriggers',
    'getUserTriggers',
    'newTrigger',
  ]),
  ...rows('ScriptApp', NONE, ['getScriptId']),
  ...rows('ScriptApp.TriggerBuilder', NONE, ['forSpreadsheet', 'timeBased']),
  ...rows('ScriptApp.ClockTriggerBuilder', { anyOf: [SCOPES.scriptApp] }, ['create']),
  ...rows('ScriptApp.ClockTriggerBuilder', NONE, [
    'after',
    'at',
    'atHour',
    'everyDays',
    'everyHours',
    'everyMinutes',
    'everyWeeks',
    'inTimezone',
    'nearMinute',
    'onMonthDay',
    'onWeekDay',
  ]),
  ...rows('ScriptApp.SpreadsheetTriggerBuilder', { anyOf: [SCOPES.scriptApp] }, ['create']),
  ...rows('ScriptApp.SpreadsheetTriggerBuilder', NONE, [
    'onChange',
    'onEdit',
    'onFormSubmit',
    'onOpen',
  ]),
  ...rows('ScriptApp.Trigger', NONE, [
    'getEventType',
    'getHandlerFunction',
    'getTriggerSource',
    'getTriggerSourceId',
    'getUniqueId',
  ]),
  ...rows('DriveApp', { anyOf: [SCOPES.driveReadonly, SCOPES.drive] }, [
    'getFileById',
    'getFiles',
    'getFilesByName',
    'getFolderById',
    'getFolders',
    'getFoldersByName',
    'getRootFolder',
  ]),
  ...rows('DriveApp', { anyOf: [SCOPES.drive] }, ['createFile', 'createFolder']),
  ...rows('DriveApp.Folder', { anyOf: [SCOPES.driveReadonly, SCOPES.drive] }, [
    'getFiles',
    'getFilesByName',
    'getFolders',
    'getFoldersByName',
    'getId',
    'getName',
    'getUrl',
    'isTrashed',
  ]),
  ...rows('DriveApp.Folder', { anyOf: [SCOPES.drive] }, [
    'createFile',
    'createFolder',
    'setName',
    'setTrashed',
  ]),
  ...rows('DriveApp.File', { anyOf: [SCOPES.driveReadonly, SCOPES.drive] }, [
    'getAs',
    'getBlob',
    'getDateCreated',
    'getId',
    'getLastUpdated',
    'getMimeType',
    'getName',
    'getParents',
    'getSize',
    'getUrl',
    'isTrashed',
  ]),
  ...rows('DriveApp.File', { anyOf: [SCOPES.drive] }, [
    'moveTo',
    'setContent',
    'setName',
    'setTrashed',
  ]),
  ...rows('DriveApp.FileIterator', { anyOf: [SCOPES.driveReadonly, SCOPES.drive] }, [
    'getContinuationToken',
    'hasNext',
    'next',
  ]),
  ...rows('DriveApp.FolderIterator', { anyOf: [SCOPES.driveReadonly, SCOPES.drive] }, [
    'getContinuationToken',
    'hasNext',
    'next',
  ]),
  ...rows('Drive.Files', { anyOf: [SCOPES.drive, SCOPES.driveAppdata, SCOPES.driveFile] }, [
    'create',
  ]),
  ...rows(
    'Drive.Files',
    {
      anyOf: [
        SCOPES.drive,
        SCOPES.driveAppdata,
        SCOPES.driveFile,
        SCOPES.driveMetadata,
        SCOPES.driveMetadataReadonly,
        SCOPES.driveReadonly,
      ],
    },
    ['get', 'list'],
  ),
  ...rows(
    'Drive.Files',
    { anyOf: [SCOPES.drive, SCOPES.driveAppdata, SCOPES.driveFile, SCOPES.driveMetadata] },
    ['update'],
  ),
  // Blank email in a simple trigger (see EmulatedSession), rather than an error.
  ...rows('Session', { anyOf: [SCOPES.userinfoEmail], limited: true }, [
    'getActiveUser',
    'getEffectiveUser',
  ]),
  ...rows('Session.User', { anyOf: [SCOPES.userinfoEmail], limited: true }, ['getEmail']),
  ...rows('Session', NONE, [
    'getActiveUserLocale',
    'getScriptTimeZone',
    'getTemporaryActiveUserKey',
  ]),
  ...rows('PropertiesService', NONE, [
    'getDocumentProperties',
    'getScriptProperties',
    'getUserProperties',
  ]),
  ...rows('PropertiesService.Properties', NONE, [
    'deleteAllProperties',
    'deleteProperty',
    'getKeys',
    'getProperties',
    'getProperty',
    'setProperties',
    'setProperty',
  ]),
  ...rows('LockService', NONE, ['getDocumentLock', 'getScriptLock', 'getUserLock']),
  ...rows('LockService.Lock', NONE, ['hasLock', 'releaseLock', 'tryLock', 'waitLock']),
  ...rows('CacheService', NONE, ['getDocumentCache', 'getScriptCache', 'getUserCache']),
  ...rows('CacheService.Cache', NONE, ['get', 'getAll', 'put', 'putAll', 'remove', 'removeAll']),
  ...rows('HtmlService', NONE, [
    'createHtmlOutput',
    'createHtmlOutputFromFile',
    'createTemplate',
    'createTemplateFromFile',
  ]),
  ...rows('HtmlService.HtmlOutput', NONE, [
    'addMetaTag',
    'append',
    'appendUntrusted',
    'clear',
    'getBlob',
    'getContent',
    'getHeight',
    'getTitle',
    'getWidth',
    'setContent',
    'setHeight',
    'setSandboxMode',
    'setTitle',
    'setWidth',
    'setXFrameOptionsMode',
  ]),
  ...rows('HtmlService.HtmlTemplate', NONE, ['evaluate', 'getCode', 'getRawContent']),
  ...rows('Utilities', NONE, [
    'base64Decode',
    'base64DecodeWebSafe',
    'base64Encode',
    'base64EncodeWebSafe',
    'computeDigest',
    'computeHmacSha256Signature',
    'computeHmacSignature',
    'formatDate',
    'formatString',
    'getUuid',
    'newBlob',
    'parseCsv',
    'sleep',
  ]),
  ...rows('Utilities.Blob', NONE, [
    'copyBlob',
    'getAs',
    'getBlob',
    'getBytes',
    'getContentType',
    'getDataAsString',
    'getName',
    'isGoogleType',
    'setBytes',
    'setContentType',
    'setContentTypeFromExtension',
    'setDataFromString',
    'setName',
  ]),
  ...rows('Logger', NONE, ['clear', 'getLog', 'log']),
  ...rows('console', NONE, ['error', 'info', 'log', 'time', 'timeEnd', 'warn']),
]);

/** The parts of appsscript.json the harness acts on. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  dependencies?: {
    enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }>;
  };
}

/** appsscript.json beside the script (clasp pushes both from dist/apps-script). */
export function readManifest(dir: string): Manifest {
  const path = join(dir, 'appsscript.json');
  if (!existsSync(path)) {
    throw new HarnessError(`No appsscript.json next to the script in ${dir}: scopes unknown`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The advanced service a manifest enables under `symbol` (e.g. Drive v3), if any. */
export function advancedService(manifest: Manifest, symbol: string) {
  return manifest.dependencies?.enabledAdvancedServices?.find((s) => s.userSymbol === symbol);
}

/** Google's name for a method in its messages: 'DriveApp.getRootFolder', 'Range.getValues'. */
function methodName(key: string): string {
  return key.split('.').slice(-2).join('.');
}

function requiredText(anyOf: readonly string[]): string {
  return anyOf.length === 1 ? (anyOf[0] as string) : `(${anyOf.join(' || ')})`;
}

/** Checks every call against the manifest; set on the Runtime by `load()`. */
export class ScopeGate {
  readonly granted: ReadonlySet<string>;
  constructor(manifest: Manifest) {
    this.granted = new Set(manifest.oauthScopes ?? []);
  }

  has(scope: string): boolean {
    return this.granted.has(scope);
  }

  check(key: string, mode: RunMode): void {
    const rule = SCOPE_TABLE.get(key);
    if (!rule) {
      throw new HarnessError(
        `${key} is not in the harness's scope table (test/apps-script-harness/scopes.ts): add it with the scopes Google's reference lists for it`,
      );
    }
    if (rule.anyOf.length === 0) return;
    if (mode === 'simple') {
      // AuthMode.LIMITED: only the bound document and what needs no authorization.
      if (rule.limited) return;
      throw new GasException(
        `You do not have permission to call ${methodName(key)}. Required permissions: ${requiredText(rule.anyOf)}`,
      );
    }
    if (rule.anyOf.some((s) => this.granted.has(s))) return;
    if (key.startsWith('Drive.')) {
      // An advanced service is the REST API: it answers 403 like any API call.
      const [, collection = '', method = ''] = key.split('.');
      throw new GasException(
        `API call to drive.${collection.toLowerCase()}.${method} failed with error: Request had insufficient authentication scopes.`,
        'GoogleJsonResponseException',
      );
    }
    throw new GasException(
      `Specified permissions are not sufficient to call ${methodName(key)}. Required permissions: ${requiredText(rule.anyOf)}`,
    );
  }
}
