// Roster tab: the searchable crew table (cards at sidebar width), add / edit /
// deactivate, and the availability-key warnings against the month tabs.

import type { CrewMember } from '../../shared/api/index.js';
import { compareRosterOrder } from '../../shared/crew/index.js';
import type { KeyWarnings } from '../src/sidebar/contract.js';
import {
  byId,
  clear,
  clearFieldProblems,
  el,
  field,
  money,
  showFieldProblems,
  showStatus,
} from './dom.js';
import {
  closeCrewForm,
  openCrewForm,
  setUpCrewForm,
  suggestKeys,
  suggestRoles,
} from './roster-form.js';
import { call } from './server.js';

let crew: CrewMember[] = [];
let keys: KeyWarnings = { tabs: [], keysWithoutHeader: [], headersWithoutCrew: [] };
let confirming: string | null = null;
/** The member the find box last found: highlighted in the list until the next find. */
let found: string | null = null;
const listeners: Array<(crew: CrewMember[]) => void> = [];

/** The roster as last loaded (for the Links tab's picker). */
export function currentCrew(): CrewMember[] {
  return crew;
}

export function onRosterChange(listener: (crew: CrewMember[]) => void): void {
  listeners.push(listener);
}

export function setUpRoster(panel: HTMLElement): void {
  const search = field('roster', 'search', 'Search crew', {
    type: 'search',
    placeholder: 'Name, role, email or key',
  });
  panel.append(
    el(
      'div',
      { class: 'toolbar' },
      search,
      el('button', { type: 'button', id: 'add-crew', class: 'primary' }, 'Add crew member'),
    ),
    el(
      'form',
      { id: 'find-crew', class: 'find', role: 'search', novalidate: true },
      field('find', 'contact', 'Find by phone or email', {
        type: 'search',
        placeholder: '(310) 555-0101 or name@example.com',
      }),
      el('button', { type: 'submit', id: 'find-crew-button' }, 'Find'),
      el('p', { id: 'find-result', 'aria-live': 'polite' }),
    ),
    el('div', { id: 'crew-form-host' }),
    el('section', {
      id: 'key-warnings',
      class: 'warnings',
      'aria-labelledby': 'key-warnings-title',
      hidden: true,
    }),
    el('p', { id: 'roster-count', class: 'muted', 'aria-live': 'polite' }),
    el(
      'table',
      { id: 'roster', class: 'roster', role: 'table' },
      el('caption', { class: 'sr-only' }, 'Crew roster, by cascade level then name'),
      el(
        'thead',
        { class: 'sr-only' },
        el(
          'tr',
          { role: 'row' },
          ...[
            'Name',
            'Role',
            'Level',
            'Phone',
            'Email',
            'Availability key',
            'Active',
            'Actions',
          ].map((h) => el('th', { scope: 'col', role: 'columnheader' }, h)),
        ),
      ),
      el('tbody', { id: 'roster-body' }),
    ),
  );
  setUpCrewForm(
    byId('crew-form-host'),
    () => void loadRoster(),
    (crewId) => crew.find((m) => m.crew_id === crewId)?.name,
  );
  byId('add-crew').addEventListener('click', () => openCrewForm(null));
  byId('roster-search').addEventListener('input', () => renderRoster());
  byId('find-crew').addEventListener('submit', (event) => {
    event.preventDefault();
    void findCrew();
  });
  // A note about the last contact typed is stale once the box changes.
  byId('find-contact').addEventListener('input', () =>
    clearFieldProblems(byId<HTMLFormElement>('find-crew')),
  );
}

/**
 * Asks the edge API who holds a phone or an email (the roster list holds phones only
 * as E.164, so "(310) 555-0101" would match nobody there), then shows them in the
 * list, highlighted, with their edit form open.
 */
async function findCrew(): Promise<void> {
  const form = byId<HTMLFormElement>('find-crew');
  const result = byId('find-result');
  clearFieldProblems(form);
  result.textContent = '';
  result.className = '';
  found = null;
  const contact = byId<HTMLInputElement>('find-contact').value;
  const answer = await call(
    'sidebarFindCrew',
    [contact],
    byId<HTMLButtonElement>('find-crew-button'),
  );
  if (!answer.ok) {
    renderRoster();
    const { unplaced } = showFieldProblems(form, 'find', answer.fields);
    if (answer.fields.length === 0 || unplaced.length > 0) {
      result.textContent = answer.message;
      result.className = 'error';
    }
    return;
  }
  const member = answer.crew;
  if (!crew.some((m) => m.crew_id === member.crew_id)) await loadRoster();
  found = member.crew_id;
  result.textContent = `${member.name} (${member.role}, level ${member.cascade_level}) has the ${answer.matched_by} ${member[answer.matched_by]}.`;
  result.className = 'ok';
  // Clear the filter so the person found is in the list.
  byId<HTMLInputElement>('roster-search').value = '';
  renderRoster();
  openCrewForm(crew.find((m) => m.crew_id === member.crew_id) ?? member);
}

export async function loadRoster(): Promise<void> {
  const answer = await call('sidebarLoadRoster', []);
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    return;
  }
  crew = [...answer.crew].sort(compareRosterOrder);
  keys = answer.keys;
  confirming = null;
  if (found && !crew.some((m) => m.crew_id === found)) found = null;
  renderRoster();
  renderWarnings();
  suggestKeys(keys.headersWithoutCrew.map((h) => h.header));
  suggestRoles(answer.roles);
  for (const listener of listeners) listener(crew);
}

function matches(member: CrewMember, query: string): boolean {
  if (query === '') return true;
  return [member.name, member.role, member.email, member.availability_key].some((text) =>
    text.toLowerCase().includes(query),
  );
}

function cell(label: string, className: string, ...content: Array<Node | string>): HTMLElement {
  return el('td', { role: 'cell', 'data-label': label, class: className }, ...content);
}

function renderRoster(): void {
  const query = byId<HTMLInputElement>('roster-search').value.trim().toLowerCase();
  const shown = crew.filter((m) => matches(m, query));
  const body = byId('roster-body');
  clear(body);
  for (const member of shown) body.appendChild(row(member));
  byId('roster-count').textContent =
    query === '' ? `${crew.length} crew members` : `Showing ${shown.length} of ${crew.length}`;
}

/** "captain (also mate 3, skipper 2)": the role, then any further seats at their levels. */
function roleText(member: CrewMember): string {
  const also = (member.also_qualified ?? []).map((q) => `${q.role} ${q.cascade_level}`);
  return also.length ? `${member.role} (also ${also.join(', ')})` : member.role;
}

function row(member: CrewMember): HTMLElement {
  return el(
    'tr',
    {
      role: 'row',
      'data-crew-id': member.crew_id,
      class: `${member.active ? 'crew' : 'crew inactive'}${member.crew_id === found ? ' found' : ''}`,
      ...(member.crew_id === found ? { 'aria-current': 'true' } : {}),
    },
    cell('Name', 'name', member.name),
    cell('Role', 'role', roleText(member)),
    cell('Level', 'level', String(member.cascade_level)),
    cell('Phone', 'phone', member.phone),
    cell('Email', 'email', member.email),
    cell('Key', 'key', member.availability_key),
    cell(
      'Active',
      'active',
      el(
        'span',
        { class: member.active ? 'badge ok' : 'badge off' },
        member.active ? 'active' : 'inactive',
      ),
      el(
        'span',
        { class: 'rate' },
        `${money(member.day_rate.amount_cents, member.day_rate.currency)}/day`,
      ),
    ),
    cell('Actions', 'actions', ...actions(member)),
  );
}

function actions(member: CrewMember): HTMLElement[] {
  const edit = el('button', { type: 'button', 'aria-label': `Edit ${member.name}` }, 'Edit');
  edit.addEventListener('click', () => openCrewForm(member));
  if (!member.active) return [edit];
  if (confirming !== member.crew_id) {
    const deactivate = el(
      'button',
      { type: 'button', class: 'danger', 'aria-label': `Deactivate ${member.name}` },
      'Deactivate',
    );
    deactivate.addEventListener('click', () => {
      confirming = member.crew_id;
      renderRoster();
      document.getElementById(`confirm-${member.crew_id}`)?.focus();
    });
    return [edit, deactivate];
  }
  const yes = el(
    'button',
    { type: 'button', class: 'danger', id: `confirm-${member.crew_id}` },
    'Yes, deactivate',
  );
  const no = el('button', { type: 'button' }, 'Keep');
  yes.addEventListener('click', () => void deactivate(member, yes));
  no.addEventListener('click', () => {
    confirming = null;
    renderRoster();
  });
  return [
    el(
      'p',
      { class: 'confirm', role: 'alert' },
      `Deactivate ${member.name}? They get no more crew calls (you can make them active again with Edit).`,
    ),
    yes,
    no,
  ];
}

async function deactivate(member: CrewMember, button: HTMLButtonElement): Promise<void> {
  const answer = await call('sidebarDeactivateCrew', [member.crew_id], button);
  confirming = null;
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    renderRoster();
    return;
  }
  closeCrewForm();
  showStatus(`${answer.member.name} is now inactive.`, 'ok');
  await loadRoster();
}

function renderWarnings(): void {
  const box = byId('key-warnings');
  clear(box);
  box.append(el('h2', { id: 'key-warnings-title' }, 'Availability keys'));
  if (keys.tabs.length === 0) {
    box.append(
      el(
        'p',
        {},
        'No month tabs (named like "December 2026") were found, so the keys were not checked.',
      ),
    );
    box.hidden = false;
    return;
  }
  const tabs = keys.tabs.join(', ');
  const missing = keys.keysWithoutHeader;
  const unmatched = keys.headersWithoutCrew;
  if (missing.length === 0 && unmatched.length === 0) {
    box.append(el('p', { class: 'muted' }, `Every key matches a header in ${tabs}.`));
    box.className = 'warnings ok';
    box.hidden = false;
    return;
  }
  box.className = 'warnings';
  if (missing.length > 0) {
    box.append(
      el(
        'p',
        {},
        'No column header in the month tabs matches these keys, so their availability is unknown:',
      ),
      el(
        'ul',
        { id: 'keys-without-header' },
        ...missing.map((key) => {
          const names = crew
            .filter((m) => m.active && m.availability_key === key)
            .map((m) => m.name);
          return el('li', {}, el('strong', {}, key), names.length ? ` (${names.join(', ')})` : '');
        }),
      ),
    );
  }
  if (unmatched.length > 0) {
    box.append(
      el('p', {}, 'These headers in the month tabs match nobody on the roster:'),
      el(
        'ul',
        { id: 'headers-without-crew' },
        ...unmatched.map((h) => el('li', {}, el('strong', {}, h.header), ` in ${h.tab}`)),
      ),
    );
  }
  box.append(el('p', { class: 'muted' }, `Month tabs checked: ${tabs}.`));
  box.hidden = false;
}
