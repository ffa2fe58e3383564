// Links tab: reissue or revoke a person's portal link and calendar feed (to send by hand),
// and inspect a pasted link (whose, for which call, expired or used) without its secret.

import type { CrewMember, LinkInspection, RevokeLinkAnswer } from '../../shared/api/index.js';
import { askFirst, dismiss } from './ask-first.js';
import { byId, clear, el, showStatus, when } from './dom.js';
import { currentCrew, onRosterChange } from './roster.js';
import { call } from './server.js';

export function setUpLinks(panel: HTMLElement): void {
  const pair = (what: string, reissueId: string, revokeId: string) =>
    el(
      'div',
      { class: 'buttons' },
      el(
        'button',
        { type: 'button', id: reissueId, class: 'primary', 'aria-label': `Reissue ${what}` },
        'Reissue',
      ),
      el('button', { type: 'button', id: revokeId, 'aria-label': `Revoke ${what}` }, 'Revoke'),
    );
  panel.append(
    el(
      'section',
      { class: 'card', 'aria-labelledby': 'issue-title' },
      el('h2', { id: 'issue-title' }, 'Personal links for one person'),
      el('label', { for: 'link-crew' }, 'Crew member'),
      el('select', { id: 'link-crew', name: 'crew' }),
      el('h3', {}, 'Portal link'),
      el(
        'p',
        { class: 'muted' },
        'Their personal page with every call for them. Send it yourself, e.g. to someone just added. Reissuing replaces their old one; revoking stops it.',
      ),
      pair('portal link', 'issue-link', 'revoke-portal'),
      el('div', { id: 'issued', hidden: true, 'aria-live': 'polite' }),
      el('h3', {}, 'Calendar feed'),
      el(
        'p',
        { class: 'muted' },
        'A private calendar address with the charters they are confirmed on. Reissuing gives a new address and stops the old one; revoking stops it.',
      ),
      pair('calendar feed', 'issue-feed', 'revoke-feed'),
      el('div', { id: 'feed-issued', hidden: true, 'aria-live': 'polite' }),
      el('p', { class: 'field-error', id: 'links-error', hidden: true, 'aria-live': 'polite' }),
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
  byId('issue-link').addEventListener('click', () => void issuePortal());
  byId('revoke-portal').addEventListener('click', () => askToRevoke('portal'));
  byId('issue-feed').addEventListener('click', () => void issueFeed());
  byId('revoke-feed').addEventListener('click', () => askToRevoke('feed'));
  // A question names the person: choosing someone else takes it away unanswered.
  byId('link-crew').addEventListener('change', dismissQuestions);
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

/** The chosen person, or undefined (with the reason shown) when nobody is chosen. */
function chosen(): { crewId: string; name: string } | undefined {
  const select = byId<HTMLSelectElement>('link-crew');
  if (!select.value) {
    showError('Choose a crew member first.');
    return undefined;
  }
  const label = select.selectedOptions[0]?.textContent ?? select.value;
  return { crewId: select.value, name: label.replace(/ \(.*\)$/, '') };
}

function showError(message: string): void {
  const error = byId('links-error');
  error.textContent = message;
  error.hidden = false;
  showStatus(message, 'error');
}

function clearOutcome(): void {
  const error = byId('links-error');
  error.hidden = true;
  error.textContent = '';
}

/** An outcome in its box: what happened, and a URL to copy when there is one. */
function showOutcome(boxId: string, lines: string[], url?: { label: string; value: string }) {
  const box = byId(boxId);
  clear(box);
  for (const line of lines) box.append(el('p', {}, line));
  if (url) {
    const input = el('input', {
      id: `${boxId}-url`,
      type: 'text',
      readonly: true,
      value: url.value,
      'aria-label': url.label,
    });
    const copy = el('button', { type: 'button' }, 'Copy');
    copy.addEventListener('click', () => {
      input.select();
      const copied = navigator.clipboard?.writeText(url.value);
      if (copied)
        copied
          .then(() => showStatus('Link copied.', 'ok'))
          .catch(() => showStatus('Press Ctrl+C to copy the selected link.'));
      else showStatus('Press Ctrl+C to copy the selected link.');
    });
    box.insertBefore(el('div', { class: 'copy-row' }, input, copy), box.childNodes[1] ?? null);
  }
  box.hidden = false;
}

async function issuePortal(): Promise<void> {
  const who = chosen();
  if (!who) return;
  clearOutcome();
  const answer = await call(
    'sidebarIssueLink',
    [who.crewId],
    byId<HTMLButtonElement>('issue-link'),
  );
  if (!answer.ok) return showError(answer.message);
  showOutcome(
    'issued',
    [
      `New portal link for ${who.name} (issue ${answer.issue}); any earlier one no longer opens.`,
      `Expires ${when(answer.expires_at, undefined, true)}.`,
    ],
    { label: 'Portal link', value: answer.url },
  );
  showStatus('Portal link issued. Send it to them yourself.', 'ok');
}

async function issueFeed(): Promise<void> {
  const who = chosen();
  if (!who) return;
  clearOutcome();
  const answer = await call(
    'sidebarIssueFeed',
    [who.crewId],
    byId<HTMLButtonElement>('issue-feed'),
  );
  if (!answer.ok) return showError(answer.message);
  showOutcome(
    'feed-issued',
    [
      `New calendar feed for ${who.name} (issue ${answer.issue}); any earlier address no longer works.`,
      'Their portal page shows it too, with how to subscribe.',
    ],
    { label: 'Calendar feed address', value: answer.url },
  );
  showStatus('Calendar feed issued. Send it to them yourself.', 'ok');
}

const REVOKED_WORDS: Record<RevokeLinkAnswer['kind'], string> = {
  portal: 'Portal link',
  feed: 'Calendar feed',
};

const QUESTIONS: Record<RevokeLinkAnswer['kind'], (name: string) => string> = {
  portal: (name) =>
    `Revoke ${name}’s portal link? It stops opening their page; you can issue a new one later.`,
  feed: (name) => `Revoke ${name}’s calendar feed? Subscribed calendars stop updating.`,
};
const askingId = (kind: RevokeLinkAnswer['kind']) => `ask-revoke-${kind}`;

function dismissQuestions(): void {
  dismiss(askingId('portal'));
  dismiss(askingId('feed'));
}

/** Revoke's first step: the question in place; nothing is revoked until its Revoke. */
function askToRevoke(kind: RevokeLinkAnswer['kind']): void {
  const who = chosen();
  if (!who) return;
  clearOutcome();
  const asker = byId(kind === 'portal' ? 'revoke-portal' : 'revoke-feed');
  askFirst({
    id: askingId(kind),
    after: asker.parentElement as HTMLElement,
    asker,
    text: QUESTIONS[kind](who.name),
    confirm: 'Revoke',
    onConfirm: () => void revoke(kind, who),
  });
}

async function revoke(
  kind: RevokeLinkAnswer['kind'],
  who: { crewId: string; name: string },
): Promise<void> {
  const answer =
    kind === 'portal'
      ? await call(
          'sidebarRevokePortalLink',
          [who.crewId],
          byId<HTMLButtonElement>('revoke-portal'),
        )
      : await call('sidebarRevokeFeed', [who.crewId], byId<HTMLButtonElement>('revoke-feed'));
  if (!answer.ok) return showError(answer.message);
  const what = REVOKED_WORDS[answer.kind];
  const line = answer.revoked
    ? `${what} of ${who.name} revoked (issue ${answer.issue}): it no longer works.`
    : `${what} of ${who.name} was already revoked (issue ${answer.issue}): nothing changed.`;
  showOutcome(kind === 'portal' ? 'issued' : 'feed-issued', [line]);
  showStatus(line, 'ok');
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
        ['Expires', when(i.expires_at, undefined, true)],
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
