import type { FieldProblem, OfficeSettingsAnswer } from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';

/**
 * The office's own settings, kept in Script Properties and read only here: whom the
 * monthly report goes to, the name emails are signed with, the currency of the Charters
 * tab's prices and where reports go in Drive. Edited in the admin sidebar's Settings tab
 * (or, as before, in the editor's Script Properties). The roles and call windows are the
 * edge API's (GET/PUT /api/settings).
 */
export const OFFICE_KEYS = {
  ownerEmails: 'CREWCALL_OWNER_EMAILS',
  senderName: 'CREWCALL_SENDER_NAME',
  currency: 'CREWCALL_CURRENCY',
  reportsRoot: 'CREWCALL_REPORTS_ROOT',
  /** Read by the timer (triggers/tick.ts): how long before departure open seats are told again. */
  shortHandedHours: 'CREWCALL_SHORT_HANDED_HOURS',
} as const;
export type ScriptSettingName = keyof typeof OFFICE_KEYS;

/** The office's name as the edge API last gave it (OFFICE_NAME): the sender name by default. */
export const OFFICE_NAME_KEY = 'CREWCALL_OFFICE_NAME';

export const LABELS: Record<ScriptSettingName | 'roles' | 'callWindowPolicy', string> = {
  ownerEmails: "Owners' email addresses",
  senderName: 'Sender name',
  currency: 'Currency',
  reportsRoot: 'Reports folder',
  shortHandedHours: 'Short-handed warning',
  roles: 'Crew roles',
  callWindowPolicy: 'Call windows',
};

const DEFAULTS = { currency: 'USD', reportsRoot: 'crewcall', shortHandedHours: '24' } as const;
/** A week: the longest lead the edge API takes for short_before_hours. */
const MAX_SHORT_HANDED_HOURS = 168;
const EMAIL = /^[^@\s<>(),;:]+@[^@\s<>(),;:]+\.[^@\s<>(),;:]+$/;
/** A Drive id, as opposed to a folder name: long, one word of letters, digits, - and _. */
export const DRIVE_ID = /^[A-Za-z0-9_-]{25,}$/;

const stored = (key: ScriptSettingName) =>
  (PropertiesService.getScriptProperties().getProperty(OFFICE_KEYS[key]) ?? '').trim();

const splitEmails = (raw: string) =>
  raw
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Each rule: the value to store ('' removes the property: the default applies), or a problem. */
const rules: Record<ScriptSettingName, (raw: string) => { value: string } | { problem: string }> = {
  ownerEmails: (raw) => {
    const list = splitEmails(raw);
    const bad = list.filter((a) => !EMAIL.test(a));
    return bad.length > 0
      ? { problem: `${bad.map((b) => `"${b}"`).join(', ')} is not an email address` }
      : { value: list.join(',') };
  },
  senderName: (raw) =>
    raw.length > 100 ? { problem: 'must be at most 100 characters' } : { value: raw },
  // Three capitals, as ISO 4217 writes them; the edge API checks the code is a real one
  // when a charter's price reaches it.
  currency: (raw) => {
    const code = raw.toUpperCase();
    return code === '' || /^[A-Z]{3}$/.test(code)
      ? { value: code === DEFAULTS.currency ? '' : code }
      : { problem: `"${raw}" is not a currency code: use three letters such as USD or EUR` };
  },
  reportsRoot: (raw) => {
    if (raw === '' || DRIVE_ID.test(raw)) return { value: raw === DEFAULTS.reportsRoot ? '' : raw };
    const names = raw.split('/').map((s) => s.trim());
    if (names.some((n) => n === ''))
      return {
        problem: `"${raw}" has an empty folder name: write a name or a path such as Office/crewcall`,
      };
    if (names.some((n) => n.length > 100))
      return { problem: 'each folder name must be at most 100 characters' };
    return { value: names.join('/') };
  },
  shortHandedHours: (raw) => {
    if (raw === '') return { value: '' };
    const hours = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(hours >= 1 && hours <= MAX_SHORT_HANDED_HOURS))
      return {
        problem: `"${raw}" is not a whole number of hours from 1 to ${MAX_SHORT_HANDED_HOURS}`,
      };
    return { value: String(hours) === DEFAULTS.shortHandedHours ? '' : String(hours) };
  },
};

/**
 * Checks the office's settings as typed, each by its own rule; answers what to store, or a
 * problem per bad setting (named by its label), so nothing is stored when any is bad.
 */
export function checkScriptSettings(input: Partial<Record<ScriptSettingName, string>>): {
  values: Partial<Record<ScriptSettingName, string>>;
  problems: FieldProblem[];
} {
  const values: Partial<Record<ScriptSettingName, string>> = {};
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(OFFICE_KEYS) as ScriptSettingName[]) {
    const raw = input[name];
    if (raw === undefined) continue;
    const checked = rules[name](raw.trim());
    if ('problem' in checked) problems.push({ field: name, message: checked.problem });
    else values[name] = checked.value;
  }
  return { values, problems };
}

/** Stores checked values: a blank one removes its property, so its default applies. */
export function storeScriptSettings(values: Partial<Record<ScriptSettingName, string>>): void {
  const props = PropertiesService.getScriptProperties();
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(values) as Array<[ScriptSettingName, string]>) {
    if (value === '') props.deleteProperty(OFFICE_KEYS[name]);
    else set[OFFICE_KEYS[name]] = value;
  }
  if (Object.keys(set).length > 0) props.setProperties(set);
}

/** A stored setting that no longer passes its rule (typed in the editor) is refused by name. */
function checkedSetting(name: ScriptSettingName): string {
  const raw = stored(name);
  const checked = rules[name](raw);
  if ('problem' in checked) {
    throw new OfficeError(
      `The setting ${LABELS[name]} (${OFFICE_KEYS[name]}) ${checked.problem}. Fix it in Crew › Admin sidebar › Settings.`,
    );
  }
  return raw;
}

/** The owners' addresses, or an error saying what to set. */
export function ownerEmails(): string[] {
  const list = splitEmails(checkedSetting('ownerEmails'));
  if (list.length === 0) {
    throw new OfficeError(
      `Nobody to send the owners' statement to: set the Script Property ${OFFICE_KEYS.ownerEmails} to their email addresses, separated by commas (Extensions › Apps Script › Project Settings › Script Properties), or enter them in Crew › Admin sidebar › Settings.`,
    );
  }
  return list;
}

/** The currency of the Charters tab's prices (default USD). */
export function officeCurrency(): string {
  return checkedSetting('currency').toUpperCase() || DEFAULTS.currency;
}

/** Where reports go: a folder name or path, or the id of a folder crewcall made (default crewcall). */
export function reportsRoot(): string {
  return checkedSetting('reportsRoot') || DEFAULTS.reportsRoot;
}

/**
 * The name emails are signed with: the office's sender name, or else the office's own name
 * (the edge API's OFFICE_NAME, which crew already see on their pages), never the
 * spreadsheet's title. The office name is remembered from the last settings answer; the
 * first email without one asks the edge API for it.
 */
export function senderName(): string {
  const own = stored('senderName');
  if (own) return own;
  const known = PropertiesService.getScriptProperties().getProperty(OFFICE_NAME_KEY)?.trim();
  if (known) return known;
  return rememberOffice(edgeApiClient().get<OfficeSettingsAnswer>('/api/settings'));
}

/** Keeps the office's name from a settings answer, for the sender name's default. */
export function rememberOffice(answer: OfficeSettingsAnswer): string {
  PropertiesService.getScriptProperties().setProperty(OFFICE_NAME_KEY, answer.office.name);
  return answer.office.name;
}

/** The office's settings as stored, for the sidebar (the raw text, even a bad one, to fix it). */
export function describeScriptSettings(): Record<ScriptSettingName, string> & {
  officeName: string;
} {
  const props = PropertiesService.getScriptProperties();
  const emails = splitEmails(stored('ownerEmails'));
  return {
    ownerEmails: emails.join(', '),
    senderName: stored('senderName'),
    currency: stored('currency') || DEFAULTS.currency,
    reportsRoot: stored('reportsRoot') || DEFAULTS.reportsRoot,
    shortHandedHours: stored('shortHandedHours') || DEFAULTS.shortHandedHours,
    officeName: props.getProperty(OFFICE_NAME_KEY) ?? '',
  };
}
