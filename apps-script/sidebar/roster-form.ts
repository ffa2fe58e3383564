// The add / edit crew form: pre-filled for an edit, errors next to their fields.

import type { CrewMember, SimilarCrew, SimilarNameAnswer } from '../../shared/api/index.js';
import { writeAlsoQualified } from '../../shared/crew/also-qualified.js';
import { COMMON_ROLES } from '../../shared/crew/index.js';
import type { CrewForm } from '../src/sidebar/contract.js';
import {
  byId,
  clear,
  clearFieldProblems,
  describeProblem,
  el,
  field,
  showFieldProblems,
  showStatus,
} from './dom.js';
import { call } from './server.js';

// shared/api stays types only in the office bundles; the contract still checks the word.
const SIMILAR_NAME_ERROR: SimilarNameAnswer['error'] = 'similar_name';

const PREFIX = 'crew';
const TEXT_FIELDS = [
  'name',
  'role',
  'cascade_level',
  'phone',
  'email',
  'availability_key',
] as const;

let form: HTMLFormElement;
let editing: CrewMember | null = null;
let afterSave: (member: CrewMember) => void = () => {};
let nameOf: (crewId: string) => string | undefined = () => undefined;

/**
 * Builds the (hidden) form into `host`; `saved` runs after a successful add or edit;
 * `names` finds a crew member's name by id (the API's conflicts name only the id).
 */
export function setUpCrewForm(
  host: HTMLElement,
  saved: (member: CrewMember) => void,
  names: (crewId: string) => string | undefined,
): void {
  afterSave = saved;
  nameOf = names;
  form = el(
    'form',
    {
      id: 'crew-form',
      class: 'card form',
      novalidate: true,
      hidden: true,
      'aria-labelledby': 'crew-form-title',
    },
    el('h2', { id: 'crew-form-title' }, 'Add crew member'),
    field(PREFIX, 'name', 'Name', { autocomplete: 'off' }),
    field(PREFIX, 'role', 'Role', { list: 'role-suggestions' }, 'captain, mate, deckhand…'),
    el('datalist', { id: 'role-suggestions' }),
    field(
      PREFIX,
      'cascade_level',
      'Cascade level',
      { type: 'number', min: '1', max: '9', step: '1', inputmode: 'numeric' },
      '1 is called first, then 2, …',
    ),
    field(
      PREFIX,
      'also_qualified',
      'Also qualified as',
      {},
      'Other seats, each at its own level, e.g. mate:3, skipper:2',
    ),
    field(
      PREFIX,
      'phone',
      'Phone',
      { type: 'tel', inputmode: 'tel' },
      'With country code, e.g. +1 310 555 0101',
    ),
    field(PREFIX, 'email', 'Email', { type: 'email', inputmode: 'email' }),
    field(
      PREFIX,
      'availability_key',
      'Availability key',
      { list: 'key-suggestions' },
      'The column header naming this person in the month tabs',
    ),
    el('datalist', { id: 'key-suggestions' }),
    field(
      PREFIX,
      'day_rate',
      'Day rate ($)',
      { inputmode: 'decimal' },
      'Dollars a day, e.g. 450 or 450.50',
    ),
    el(
      'div',
      { class: 'field check', id: 'crew-active-row' },
      el('input', { type: 'checkbox', id: 'crew-active', name: 'active' }),
      el('label', { for: 'crew-active' }, 'Active (gets crew calls)'),
    ),
    el('section', { id: 'crew-similar', class: 'warnings', role: 'alert', hidden: true }),
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary', id: 'crew-save' }, 'Add crew member'),
      el('button', { type: 'button', id: 'crew-cancel' }, 'Cancel'),
    ),
  );
  host.appendChild(form);
  suggestRoles(null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  byId('crew-cancel').addEventListener('click', () => closeCrewForm());
}

/**
 * The close-name warning (409 `similar_name`): who is already there, and "Add anyway"
 * to send the same form again with `confirm_similar_name`. Nothing was written.
 */
function showSimilar(name: string, similar: SimilarCrew[]): void {
  const box = byId('crew-similar');
  clear(box);
  const anyway = el('button', { type: 'button', id: 'crew-add-anyway' }, 'Add anyway');
  anyway.addEventListener('click', () => void save(true));
  box.append(
    el(
      'p',
      {},
      `Already on the roster with a name close to ${name}. Add them only if ${name} is someone else:`,
    ),
    el(
      'ul',
      {},
      ...similar.map((m) =>
        el(
          'li',
          {},
          `${m.name} (key "${m.availability_key}", ${m.active ? 'active' : 'inactive'})`,
        ),
      ),
    ),
    anyway,
  );
  box.hidden = false;
  anyway.focus();
}

function hideSimilar(): void {
  const box = byId('crew-similar');
  clear(box);
  box.hidden = true;
}

/** Suggests the office's roles; `null` (the edge API would not say): the common ones. */
export function suggestRoles(roles: string[] | null): void {
  const list = byId('role-suggestions');
  list.replaceChildren(...(roles ?? COMMON_ROLES).map((r) => el('option', { value: r })));
}

/** Suggests, for the key box, the month-tab headers that name nobody yet. */
export function suggestKeys(headers: string[]): void {
  const list = byId('key-suggestions');
  list.replaceChildren(...headers.map((h) => el('option', { value: h })));
}

function input(name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

function rateText(member: CrewMember): string {
  return (member.day_rate.amount_cents / 100).toFixed(2);
}

/** Opens the form empty (add) or filled in with `member` (edit). */
export function openCrewForm(member: CrewMember | null): void {
  editing = member;
  clearFieldProblems(form);
  byId('crew-form-title').textContent = member ? `Edit ${member.name}` : 'Add crew member';
  byId('crew-save').textContent = member ? 'Save changes' : 'Add crew member';
  for (const name of TEXT_FIELDS) input(name).value = member ? String(member[name]) : '';
  input('day_rate').value = member ? rateText(member) : '';
  input('also_qualified').value = writeAlsoQualified(member?.also_qualified);
  input('active').checked = member ? member.active : true;
  byId('crew-active-row').hidden = member === null;
  form.hidden = false;
  form.scrollIntoView({ block: 'start' });
  hideSimilar();
  input('name').focus();
}

export function closeCrewForm(): void {
  editing = null;
  form.hidden = true;
  clearFieldProblems(form);
  hideSimilar();
}

/** The whole form for an add; for an edit only what changed (an unchanged email is no conflict). */
function formValues(): CrewForm | null {
  const values: CrewForm = {};
  for (const name of TEXT_FIELDS) {
    const value = input(name).value.trim();
    if (!editing || value !== String(editing[name])) values[name] = value;
  }
  // Compared as written: an edit that leaves the box as pre-filled sends nothing for it,
  // an emptied box sends "" (clears).
  const also = input('also_qualified').value.trim();
  if (editing ? also !== writeAlsoQualified(editing.also_qualified) : also !== '')
    values.also_qualified = also;
  const rate = input('day_rate').value.trim();
  if (!editing || rate !== rateText(editing)) {
    values.day_rate = rate;
    values.currency = editing?.day_rate.currency ?? 'USD';
  }
  if (editing && input('active').checked !== editing.active)
    values.active = input('active').checked;
  return editing && Object.keys(values).length === 0 ? null : values;
}

/** Adds or saves; `confirmSimilarName` after the office chose "Add anyway" on the close-name warning. */
async function save(confirmSimilarName = false): Promise<void> {
  const values = formValues();
  if (values === null) {
    showStatus('Nothing changed.', 'info');
    closeCrewForm();
    return;
  }
  const wasEditing = editing;
  if (confirmSimilarName && !wasEditing) values.confirm_similar_name = true;
  hideSimilar();
  showStatus(wasEditing ? `Saving ${wasEditing.name}…` : 'Adding…', 'info');
  const answer = await call(
    'sidebarSaveCrew',
    [wasEditing?.crew_id ?? null, values],
    byId<HTMLButtonElement>('crew-save'),
  );
  if (!answer.ok && answer.code === SIMILAR_NAME_ERROR && answer.similar?.length) {
    clearFieldProblems(form);
    showStatus('Not added yet: someone on the roster has a close name.', 'info');
    showSimilar(values.name ?? '', answer.similar);
    return;
  }
  if (!answer.ok) {
    // "is already used by another crew member (c-0004)": say who, when we know.
    const problems = answer.fields.map((p) => ({
      ...p,
      message: p.message.replace(/\(([A-Za-z0-9_-]{1,64})\)$/, (id, crewId: string) => {
        const name = nameOf(crewId);
        return name ? `(${name})` : id;
      }),
    }));
    const { placed, unplaced } = showFieldProblems(form, PREFIX, problems);
    if (placed.length === 0) showStatus(answer.message, 'error');
    else {
      const others = unplaced.map(describeProblem).join(' ');
      showStatus(
        `Not saved: see the note next to ${placed.join(' and ')}.${others ? ` ${others}` : ''}`,
        'error',
      );
    }
    return;
  }
  const member = answer.member;
  closeCrewForm();
  showStatus(wasEditing ? `Saved ${member.name}.` : `Added ${member.name}.`, 'ok');
  afterSave(member);
}
