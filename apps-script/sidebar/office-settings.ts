// Settings tab, office part: owners, sender name, currency, reports folder (the script's
// Script Properties) and the crew roles and call windows (the edge API's). Saved all at
// once or not at all; each refusal appears next to its field.

import type { FieldProblem } from '../../shared/api/index.js';
import type { OfficeSettingsForm, OfficeSettingsView } from '../src/sidebar/contract.js';
import { byId, clearFieldProblems, el, field, showStatus } from './dom.js';
import { call } from './server.js';

const PREFIX = 'office';
const NAMES = [
  'ownerEmails',
  'senderName',
  'currency',
  'reportsRoot',
  'shortHandedHours',
  'roles',
  'callWindowPolicy',
] as const satisfies ReadonlyArray<keyof OfficeSettingsForm>;

let form: HTMLFormElement;

export function setUpOfficeSettings(panel: HTMLElement): void {
  form = el(
    'form',
    { id: 'office-form', class: 'card form', novalidate: true, 'aria-labelledby': 'office-title' },
    el('h2', { id: 'office-title' }, 'Office'),
    field(
      PREFIX,
      'ownerEmails',
      "Owners' email addresses",
      { type: 'text', inputmode: 'email' },
      'Who gets the monthly report, separated by commas.',
    ),
    field(
      PREFIX,
      'senderName',
      'Sender name',
      {},
      'The name on every email. Blank: the office name.',
    ),
    field(PREFIX, 'currency', 'Currency', {}, 'Of the prices in the Charters tab, e.g. USD.'),
    field(
      PREFIX,
      'reportsRoot',
      'Reports folder',
      {},
      'A Drive folder name or path (Office/crewcall), or the id of a folder crewcall made.',
    ),
    field(
      PREFIX,
      'shortHandedHours',
      'Short-handed warning',
      { type: 'text', inputmode: 'numeric' },
      'Hours before departure the office is emailed again about seats still open (1 to 168; default 24).',
    ),
    field(PREFIX, 'roles', 'Crew roles', {}, 'Lower-case words, separated by commas.'),
    field(
      PREFIX,
      'callWindowPolicy',
      'Call windows',
      {},
      'Lead time before departure = how long each level has, e.g. 168h=12h,24h=2h,0h=30m. New calls use it.',
    ),
    el('p', { id: 'office-edge-problem', class: 'hint', hidden: true, 'aria-live': 'polite' }),
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary', id: 'office-save' }, 'Save office settings'),
    ),
  );
  panel.append(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
}

const input = (name: (typeof NAMES)[number]) => byId<HTMLInputElement>(`${PREFIX}-${name}`);

export function showOfficeSettings(office: OfficeSettingsView): void {
  for (const name of NAMES) input(name).value = office[name];
  input('senderName').placeholder = office.officeName;
  const note = byId('office-edge-problem');
  note.textContent = office.edgeProblem ?? '';
  note.hidden = office.edgeProblem === null;
}

/** Each problem next to its field; the first bad field gets the focus. */
function showProblems(problems: FieldProblem[]): void {
  clearFieldProblems(form);
  for (const problem of problems) {
    const box = document.getElementById(`${PREFIX}-${problem.field}-error`);
    if (!box) continue;
    box.textContent = problem.message;
    box.hidden = false;
    document.getElementById(`${PREFIX}-${problem.field}`)?.setAttribute('aria-invalid', 'true');
  }
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

async function save(): Promise<void> {
  const values = Object.fromEntries(
    NAMES.map((name) => [name, input(name).value.trim()]),
  ) as unknown as OfficeSettingsForm;
  const answer = await call(
    'sidebarSaveOfficeSettings',
    [values],
    byId<HTMLButtonElement>('office-save'),
  );
  if (!answer.ok) {
    showProblems(answer.fields);
    showStatus(answer.message, 'error');
    return;
  }
  clearFieldProblems(form);
  showOfficeSettings(answer.office);
  showStatus('Office settings saved.', 'ok');
}
