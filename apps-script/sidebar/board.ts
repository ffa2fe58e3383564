// Board tab: upcoming charters, seats per role (needed / confirmed / pending),
// where the cascade is and when the next level opens, and "Escalate now".
import type { ApiCharter, CallSummary } from '../../shared/api/index.js';
import { byId, clear, el, showStatus, when } from './dom.js';
import { call } from './server.js';

export function setUpBoard(panel: HTMLElement): void {
  panel.append(
    el(
      'div',
      { class: 'toolbar' },
      el('p', { class: 'muted' }, 'Charters in the next 60 days.'),
      el('button', { type: 'button', id: 'board-refresh' }, 'Refresh'),
    ),
    el('div', { id: 'board-list' }),
  );
  byId('board-refresh').addEventListener('click', () => void loadBoard());
}

export async function loadBoard(): Promise<void> {
  const answer = await call('sidebarLoadBoard', [], byId<HTMLButtonElement>('board-refresh'));
  const list = byId('board-list');
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    return;
  }
  clear(list);
  if (answer.charters.length === 0) {
    list.append(el('p', {}, 'No charters in the next 60 days.'));
    return;
  }
  for (const { charter, call: summary } of answer.charters)
    list.append(charterCard(charter, summary));
}

function charterCard(charter: ApiCharter, summary: CallSummary | null): HTMLElement {
  const titleId = `charter-${charter.charter_id}`;
  return el(
    'article',
    { class: 'card charter', 'aria-labelledby': titleId, 'data-charter-id': charter.charter_id },
    el('h2', { id: titleId }, charter.charter_id),
    el(
      'p',
      { class: 'muted' },
      `${charter.vessel} · ${charter.date} ${charter.start}–${charter.end}`,
    ),
    ...(summary ? callDetails(charter, summary) : [el('p', {}, 'No crew call yet.')]),
  );
}

function cascadeWords(charter: ApiCharter, s: CallSummary): string {
  if (s.status === 'cancelled') return 'Cancelled.';
  const open = s.roles.some((r) => r.filled < r.needed);
  if (!open) return 'Every seat is filled.';
  if (s.short_handed) {
    const seats = s.roles
      .filter((r) => r.filled < r.needed)
      .map((r) => `${r.role} ${r.needed - r.filled}`)
      .join(', ');
    const why =
      s.short_handed === 'everyone_asked' ? 'everyone was asked' : 'the charter leaves soon';
    return `Short-handed: ${seats} open; ${why}.`;
  }
  if (s.current_level === null) return 'Nobody called yet.';
  const now = `Calling level ${s.current_level}`;
  if (s.next_level === null) return `${now}, the last level.`;
  const closes = s.current_window_closes_at;
  return closes
    ? `${now}; level ${s.next_level} opens ${when(closes, charter.time_zone)}.`
    : `${now}; level ${s.next_level} is next.`;
}

function names(people: Array<{ name: string }>): string {
  return people.map((p) => p.name).join(', ');
}

function callDetails(charter: ApiCharter, s: CallSummary): HTMLElement[] {
  const rows = s.roles.map((r) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, r.role),
      el('td', {}, String(r.needed)),
      el('td', {}, String(r.confirmed.length)),
      el('td', {}, String(r.pending.length)),
    ),
  );
  const people = s.roles.flatMap((r) => [
    r.confirmed.length ? el('li', {}, `${r.role} confirmed: ${names(r.confirmed)}`) : null,
    r.pending.length
      ? el(
          'li',
          {},
          `${r.role} asked: ${r.pending.map((p) => `${p.name} (L${p.level})`).join(', ')}`,
        )
      : null,
    r.standby.length ? el('li', {}, `${r.role} standby: ${names(r.standby)}`) : null,
    r.declined.length ? el('li', {}, `${r.role} declined: ${names(r.declined)}`) : null,
  ]);
  const parts: HTMLElement[] = [
    el('p', { class: s.short_handed ? 'cascade short' : 'cascade' }, cascadeWords(charter, s)),
    el(
      'table',
      { class: 'seats' },
      el('caption', { class: 'sr-only' }, `Seats for ${charter.charter_id}`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Role'),
          el('th', { scope: 'col' }, 'Needed'),
          el('th', { scope: 'col' }, 'Confirmed'),
          el('th', { scope: 'col' }, 'Pending'),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  ];
  const list = people.filter((p) => p !== null);
  if (list.length) parts.push(el('ul', { class: 'people' }, ...list));
  const open = s.roles.some((r) => r.filled < r.needed);
  if (s.status !== 'cancelled' && open && s.next_level !== null && s.current_level !== null) {
    const button = el(
      'button',
      { type: 'button', class: 'primary', 'aria-label': `Escalate ${charter.charter_id} now` },
      `Escalate now (open level ${s.next_level})`,
    );
    button.addEventListener('click', () => void escalate(charter, s, button));
    parts.push(el('div', { class: 'buttons' }, button));
  }
  return parts;
}

async function escalate(
  charter: ApiCharter,
  s: CallSummary,
  button: HTMLButtonElement,
): Promise<void> {
  // The level this board shows as current: a second click elsewhere then opens nothing more.
  const answer = await call('sidebarEscalateNow', [s.call_id, s.current_level as number], button);
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    return;
  }
  showStatus(
    answer.level === null
      ? `${charter.charter_id}: no level left to open.`
      : `${charter.charter_id}: opened level ${answer.level}; ${answer.emails} email(s) go out with the next sync.`,
    'ok',
  );
  await loadBoard();
}
