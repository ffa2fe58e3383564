// Links tab: issue a personal portal link to send by hand, and inspect a pasted
// link (whose, for which call, expired or used) without ever showing its secret.

import type { CrewMember, LinkInspection } from '../../shared/api/index.js';
import { byId, clear, el, showStatus, when } from './dom.js';
import { currentCrew, onRosterChange } from './roster.js';
import { call } from './server.js';

export function setUpLinks(panel: HTMLElement): void {
  panel.append(
    el(
      'section',
      { class: 'card', 'aria-labelledby': 'issue-title' },
      el('h2', { id: 'issue-title' }, 'Portal link for one person'),
      el(
        'p',
        { class: 'muted' },
        'Their personal page with every call for them. Send it yourself, e.g. to someone just added. A new link replaces their old one.',
      ),
      el('label', { for: 'link-crew' }, 'Crew member'),
      el('select', { id: 'link-crew', name: 'crew' }),
      el(
        'div',
        { class: 'buttons' },
        el('button', { type: 'button', id: 'issue-link', class: 'primary' }, 'Issue link'),
      ),
      el('div', { id: 'issued', hidden: true }),
    ),
    el(
      'form',
      { class: 'card', id: 'inspect-form', novalidate: true, 'aria-labelledby': 'inspect-title' },
      el('h2', { id: 'inspect-title' }, 'Inspect a link'),
      el('label', { for: 'inspect-text' }, 'Paste a crew link'),
      el('textarea', {
        id: 'inspect-text',
        name: 'link',
        rows: '3',
        spellcheck: 'false',
        'aria-describedby': 'inspect-text-error',
      }),
      el('p', {
        class: 'field-error',
        id: 'inspect-text-error',
        hidden: true,
        'aria-live': 'polite',
      }),
      el(
        'div',
        { class: 'buttons' },
        el('button', { type: 'submit', id: 'inspect-link' }, 'Inspect'),
      ),
      el('dl', { id: 'inspection', class: 'facts', hidden: true }),
    ),
  );
  fillPicker(currentCrew());
  onRosterChange(fillPicker);
  byId('issue-link').addEventListener('click', () => void issue());
  byId('inspect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void inspect();
  });
}

function fillPicker(crew: CrewMember[]): void {
  const select = byId<HTMLSelectElement>('link-crew');
  const chosen = select.value;
  select.replaceChildren(
    ...crew
      .filter((m) => m.active)
      .map((m) =>
        el('option', { value: m.crew_id }, `${m.name} (${m.role}, level ${m.cascade_level})`),
      ),
  );
  if (chosen) select.value = chosen;
}

async function issue(): Promise<void> {
  const select = byId<HTMLSelectElement>('link-crew');
  const crewId = select.value;
  if (!crewId) {
    showStatus('Choose a crew member first.', 'error');
    return;
  }
  const name = select.selectedOptions[0]?.textContent ?? crewId;
  const answer = await call('sidebarIssueLink', [crewId], byId<HTMLButtonElement>('issue-link'));
  const box = byId('issued');
  clear(box);
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    box.hidden = true;
    return;
  }
  const url = el('input', {
    id: 'issued-url',
    type: 'text',
    readonly: true,
    value: answer.url,
    'aria-label': 'Portal link',
  });
  const copy = el('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', () => {
    url.select();
    const copied = navigator.clipboard?.writeText(answer.url);
    if (copied)
      copied
        .then(() => showStatus('Link copied.', 'ok'))
        .catch(() => showStatus('Press Ctrl+C to copy the selected link.'));
    else showStatus('Press Ctrl+C to copy the selected link.');
  });
  box.append(
    el('p', {}, `Link for ${name}:`),
    el('div', { class: 'copy-row' }, url, copy),
    el('p', { class: 'muted' }, `Expires ${when(answer.expires_at)}.`),
  );
  box.hidden = false;
  showStatus('Portal link issued. Send it to them yourself.', 'ok');
}

function stateWords(i: LinkInspection): string {
  if (i.expired) return `expired${i.state && i.state !== 'live' ? ` (and ${i.state})` : ''}`;
  switch (i.state) {
    case 'live':
      return i.current === false ? 'live, but a newer link replaced it' : 'live';
    case 'used':
      return `used${i.decision ? `: ${i.decision}` : ''}${i.used_at ? ` on ${when(i.used_at)}` : ''}`;
    case 'revoked':
      return `revoked${i.revoked_because ? ` (${i.revoked_because})` : ''}`;
    default:
      return 'unknown: no record of it (it may have been cleaned up)';
  }
}

async function inspect(): Promise<void> {
  const text = byId<HTMLTextAreaElement>('inspect-text');
  const error = byId('inspect-text-error');
  const out = byId('inspection');
  error.hidden = true;
  text.removeAttribute('aria-invalid');
  out.hidden = true;
  if (text.value.trim() === '') {
    error.textContent = 'Paste a link first.';
    error.hidden = false;
    text.setAttribute('aria-invalid', 'true');
    return;
  }
  const answer = await call(
    'sidebarInspectLink',
    [text.value.trim()],
    byId<HTMLButtonElement>('inspect-link'),
  );
  clear(out);
  if (!answer.ok) {
    const problem = answer.fields.find((f) => f.field === 'link');
    error.textContent = problem ? `The link ${problem.message}.` : answer.message;
    error.hidden = false;
    text.setAttribute('aria-invalid', 'true');
    return;
  }
  const i = answer.inspection;
  const facts: Array<[string, string]> = i.valid_signature
    ? [
        ['Whose', i.crew ? `${i.crew.name} (${i.crew.crew_id})` : 'unknown'],
        ['Kind', i.kind === 'portal' ? 'portal (all their calls)' : 'crew call'],
        ...(i.kind === 'call'
          ? ([['For', `${i.charter_id ?? '?'} (call ${i.call_id ?? '?'})`]] as Array<
              [string, string]
            >)
          : []),
        ['State', stateWords(i)],
        ['Issued', when(i.issued_at)],
        ['Expires', when(i.expires_at)],
      ]
    : [
        [
          'State',
          'not a crewcall link: the signature does not match (mistyped, cut short or forged)',
        ],
      ];
  for (const [term, detail] of facts) out.append(el('dt', {}, term), el('dd', {}, detail));
  out.hidden = false;
  showStatus('Link inspected.', 'ok');
}
