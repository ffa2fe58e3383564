/// <reference types="google-apps-script" />
// ScriptApp: installable triggers (time-driven and spreadsheet), recorded for the test to see
// and to fire (harness.runTrigger). Schedules are checked like Apps Script checks them.
// Triggers are private to the account that installed them: it runs them, and only it sees
// them ("A given account cannot see triggers installed from a second account",
// https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
import {
  asGas,
  type Emulated,
  GasException,
  LABEL,
  type Runtime,
  signatureError,
  unwrapGas,
} from './runtime.js';

type Trigger = GoogleAppsScript.Script.Trigger;
type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  /** e.g. { everyMinutes: 5 } or { onMonthDay: 1, atHour: 6 }. */
  schedule: Record<string, unknown>;
  createdAt: Date;
  /** The account that installed it, which the trigger runs as. */
  owner: string;
}

const MAX_TRIGGERS = 20;
const enumOf = <T>(...names: string[]): T =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as T;

export class TriggerStore {
  readonly triggers: EmulatedTrigger[] = [];
  private next = 7_000_000_000;
  constructor(readonly runtime: Runtime) {}
  /** The current user's triggers. */
  mine(): EmulatedTrigger[] {
    return this.triggers.filter((t) => t._record.owner === this.runtime.user);
  }
  add(record: Omit<TriggerRecord, 'id' | 'createdAt' | 'owner'>): Trigger {
    // "Triggers: 20 / user / script" (https://developers.google.com/apps-script/guides/services/quotas).
    if (this.mine().length >= MAX_TRIGGERS) {
      throw new GasException(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    this.next += 1;
    const trigger = new EmulatedTrigger({
      ...record,
      id: String(this.next),
      createdAt: this.runtime.clock.now(),
      owner: this.runtime.user,
    });
    this.triggers.push(trigger);
    return asGas(trigger);
  }
}

type TriggerMethods =
  | 'getEventType'
  | 'getHandlerFunction'
  | 'getTriggerSource'
  | 'getTriggerSourceId'
  | 'getUniqueId';

export class EmulatedTrigger implements Emulated, Pick<Trigger, TriggerMethods> {
  readonly [LABEL] = 'ScriptApp.Trigger';
  constructor(readonly _record: TriggerRecord) {}
  getEventType(): GoogleAppsScript.Script.EventType {
    return this._record.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getHandlerFunction(): string {
    return this._record.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this._record.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this._record.sourceId as string;
  }
  getUniqueId(): string {
    return this._record.id;
  }
}

function inSet(method: string, n: number, allowed: readonly number[]): number {
  if (!allowed.includes(n)) {
    throw new GasException(
      `Invalid argument: ${method}(${n}). The value must be one of ${allowed.join(', ')}.`,
    );
  }
  return n;
}

function inRange(method: string, n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new GasException(`Invalid argument: ${method}(${n}).`);
  }
  return n;
}

type ClockMethods =
  | 'after'
  | 'at'
  | 'atHour'
  | 'create'
  | 'everyDays'
  | 'everyHours'
  | 'everyMinutes'
  | 'everyWeeks'
  | 'inTimezone'
  | 'nearMinute'
  | 'onMonthDay'
  | 'onWeekDay';
type ClockBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

export class EmulatedClockTriggerBuilder implements Emulated, Pick<ClockBuilder, ClockMethods> {
  readonly [LABEL] = 'ScriptApp.ClockTriggerBuilder';
  private readonly schedule: Record<string, unknown> = {};
  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}
  private set(key: string, value: unknown): ClockBuilder {
    this.schedule[key] = value;
    return asGas(this);
  }
  after(durationMilliseconds: number): ClockBuilder {
    return this.set('at', new Date(this.store.runtime.clock.time + durationMilliseconds));
  }
  at(date: GoogleAppsScript.Base.Date): ClockBuilder {
    return this.set('at', new Date((date as unknown as Date).getTime()));
  }
  atHour(hour: number): ClockBuilder {
    return this.set('atHour', inRange('atHour', hour, 0, 23));
  }
  create(): Trigger {
    const recurring = [
      'everyMinutes',
      'everyHours',
      'everyDays',
      'everyWeeks',
      'onMonthDay',
      'onWeekDay',
    ];
    if (!recurring.some((k) => k in this.schedule) && !('at' in this.schedule)) {
      throw new GasException(
        'The clock trigger has no schedule: call everyMinutes/everyHours/everyDays/everyWeeks/onMonthDay/onWeekDay, at or after before create().',
      );
    }
    return this.store.add({
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { ...this.schedule },
    });
  }
  everyDays(n: number): ClockBuilder {
    return this.set('everyDays', inRange('everyDays', n, 1, 365));
  }
  everyHours(n: number): ClockBuilder {
    return this.set('everyHours', inSet('everyHours', n, [1, 2, 4, 6, 8, 12]));
  }
  everyMinutes(n: number): ClockBuilder {
    return this.set('everyMinutes', inSet('everyMinutes', n, [1, 5, 10, 15, 30]));
  }
  everyWeeks(n: number): ClockBuilder {
    return this.set('everyWeeks', inRange('everyWeeks', n, 1, 52));
  }
  inTimezone(timezone: string): ClockBuilder {
    return this.set('timeZone', timezone);
  }
  nearMinute(minute: number): ClockBuilder {
    return this.set('nearMinute', inRange('nearMinute', minute, 0, 59));
  }
  onMonthDay(day: number): ClockBuilder {
    return this.set('onMonthDay', inRange('onMonthDay', day, 1, 31));
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockBuilder {
    return this.set('onWeekDay', String(day));
  }
}

type SheetBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;

export class EmulatedSpreadsheetTriggerBuilder
  implements
    Emulated,
    Pick<SheetBuilder, 'create' | 'onChange' | 'onEdit' | 'onFormSubmit' | 'onOpen'>
{
  readonly [LABEL] = 'ScriptApp.SpreadsheetTriggerBuilder';
  private eventType: EventTypeName | null = null;
  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}
  private on(eventType: EventTypeName): SheetBuilder {
    this.eventType = eventType;
    return asGas(this);
  }
  create(): Trigger {
    if (!this.eventType) throw new GasException('The spreadsheet trigger has no event type.');
    return this.store.add({
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.sourceId,
      schedule: {},
    });
  }
  onChange(): SheetBuilder {
    return this.on('ON_CHANGE');
  }
  onEdit(): SheetBuilder {
    return this.on('ON_EDIT');
  }
  onFormSubmit(): SheetBuilder {
    return this.on('ON_FORM_SUBMIT');
  }
  onOpen(): SheetBuilder {
    return this.on('ON_OPEN');
  }
}

export class EmulatedTriggerBuilder
  implements Emulated, Pick<GoogleAppsScript.Script.TriggerBuilder, 'forSpreadsheet' | 'timeBased'>
{
  readonly [LABEL] = 'ScriptApp.TriggerBuilder';
  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}
  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): SheetBuilder {
    const id = typeof sheet === 'string' ? sheet : unwrapGas<{ _id: string }>(sheet)._id;
    return asGas(new EmulatedSpreadsheetTriggerBuilder(this.store, this.handler, id));
  }
  timeBased(): ClockBuilder {
    return asGas(new EmulatedClockTriggerBuilder(this.store, this.handler));
  }
}

type ScriptAppMembers =
  | 'AuthMode'
  | 'EventType'
  | 'TriggerSource'
  | 'WeekDay'
  | 'deleteTrigger'
  | 'getProjectTriggers'
  | 'getScriptId'
  | 'getUserTriggers'
  | 'newTrigger';

export class EmulatedScriptApp
  implements Emulated, Pick<GoogleAppsScript.Script.ScriptApp, ScriptAppMembers>
{
  readonly [LABEL] = 'ScriptApp';
  readonly AuthMode = enumOf<typeof GoogleAppsScript.Script.AuthMode>(
    'NONE',
    'CUSTOM_FUNCTION',
    'LIMITED',
    'FULL',
  );
  readonly EventType = enumOf<typeof GoogleAppsScript.Script.EventType>(
    'CLOCK',
    'ON_OPEN',
    'ON_EDIT',
    'ON_FORM_SUBMIT',
    'ON_CHANGE',
    'ON_EVENT_UPDATED',
  );
  readonly TriggerSource = enumOf<typeof GoogleAppsScript.Script.TriggerSource>(
    'SPREADSHEETS',
    'CLOCK',
    'FORMS',
    'DOCUMENTS',
    'CALENDAR',
  );
  readonly WeekDay = enumOf<typeof GoogleAppsScript.Base.Weekday>(
    'SUNDAY',
    'MONDAY',
    'TUESDAY',
    'WEDNESDAY',
    'THURSDAY',
    'FRIDAY',
    'SATURDAY',
  );
  constructor(readonly _store: TriggerStore) {}
  /**
   * Only the owner can delete a trigger. A script never gets another account's trigger from
   * getProjectTriggers, so it can only try with one it kept from elsewhere; Google's exact
   * wording for that case is not in the reference, this message is the harness's own.
   */
  deleteTrigger(trigger: Trigger): void {
    const record = unwrapGas<EmulatedTrigger>(trigger)?._record;
    if (!record) throw signatureError('ScriptApp.deleteTrigger', [trigger]);
    if (record.owner !== this._store.runtime.user) {
      throw new GasException(
        `Cannot delete trigger ${record.id}: it belongs to another user (${record.owner}).`,
      );
    }
    const index = this._store.triggers.findIndex((t) => t._record.id === record.id);
    if (index >= 0) this._store.triggers.splice(index, 1);
  }
  /** "Gets all installable triggers associated with the current project and current user." */
  getProjectTriggers(): Trigger[] {
    return this._store.mine().map((t) => asGas<Trigger>(t));
  }
  getScriptId(): string {
    return '1HarnessScriptIdEmulatedForTests0000000000000000000000';
  }
  getUserTriggers(
    container:
      | GoogleAppsScript.Spreadsheet.Spreadsheet
      | GoogleAppsScript.Document.Document
      | GoogleAppsScript.Forms.Form,
  ): Trigger[] {
    const id = unwrapGas<{ _id?: string }>(container)._id;
    return this._store
      .mine()
      .filter((t) => t._record.sourceId === id)
      .map((t) => asGas<Trigger>(t));
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return asGas(new EmulatedTriggerBuilder(this._store, String(functionName)));
  }
}

/** The event object a time-driven trigger's function receives. */
export function clockTriggerEvent(now: Date, triggerUid: string): Record<string, unknown> {
  const firstOfYear = Date.UTC(now.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid,
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    'day-of-month': now.getUTCDate(),
    'day-of-week': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
    'week-of-year': Math.ceil(((now.getTime() - firstOfYear) / 86_400_000 + 1) / 7),
    hour: now.getUTCHours(),
    minute: now.getUTCMinutes(),
    second: now.getUTCSeconds(),
    timezone: 'UTC',
  };
}
