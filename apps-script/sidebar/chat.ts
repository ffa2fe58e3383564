// Chat tab: one charter's crew chat, read and posted to as the office (posts show
// under the office's name). The charters are the board's: the next 60 days.
import type { ApiCharter, ChatPost, FieldProblem } from '../../shared/api/index.js';
import { byId, clear, el, showStatus, when } from './dom.js';
import { call } from './server.js';

let charters: ApiCharter[] | null = null;

export function setUpChat(panel: HTMLElement): void {
  panel.append(
    el(
      'div',
      { class: 'toolbar' },
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'chat-charter' }, 'Charter'),
        el('select', { id: 'chat-charter', name: 'charter' }),
      ),
      el('button', { type: 'button', id: 'chat-refresh' }, 'Refresh'),
    ),
    el('p', { class: 'muted', id: 'chat-about' }, 'The crew’s chat for this charter.'),
    el('ol', { id: 'chat-posts', class: 'chat-posts', 'aria-label': 'Messages' }),
    el(
      'form',
      { class: 'card', id: 'chat-form', novalidate: true, 'aria-label': 'Post to the chat' },
      el('label', { for: 'chat-text' }, 'Message to the crew'),
      el('textarea', {
        id: 'chat-text',
        name: 'text',
        rows: '3',
        maxlength: '500',
        'aria-describedby': 'chat-text-hint chat-text-error',
      }),
      el(
        'p',
        { class: 'hint', id: 'chat-text-hint' },
        'Posted under the office’s name; confirmed crew see it on their crew page.',
      ),
      el('p', { class: 'field-error', id: 'chat-text-error', hidden: true, 'aria-live': 'polite' }),
      el(
        'div',
        { class: 'buttons' },
        el('button', { type: 'submit', id: 'chat-post', class: 'primary' }, 'Post as the office'),
      ),
    ),
  );
  byId('chat-charter').addEventListener('change', () => void loadPosts());
  byId('chat-refresh').addEventListener('click', () => void loadChat(true));
  byId('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void post();
  });
}

/** Shown each time the tab opens: the charter list the first time (or on Refresh), then the posts. */
export async function loadChat(refreshCharters = false): Promise<void> {
  if (charters === null || refreshCharters) {
    const answer = await call('sidebarLoadBoard', [], byId<HTMLButtonElement>('chat-refresh'));
    if (!answer.ok) {
      showStatus(answer.message, 'error');
      return;
    }
    charters = answer.charters.map((c) => c.charter);
    fillPicker(charters);
  }
  await loadPosts();
}

function fillPicker(list: ApiCharter[]): void {
  const select = byId<HTMLSelectElement>('chat-charter');
  const chosen = select.value;
  select.replaceChildren(
    ...list.map((c) =>
      el('option', { value: c.charter_id }, `${c.charter_id} · ${c.vessel} ${c.date}`),
    ),
  );
  if (chosen && list.some((c) => c.charter_id === chosen)) select.value = chosen;
  const none = list.length === 0;
  byId<HTMLButtonElement>('chat-post').disabled = none;
  if (none) byId('chat-about').textContent = 'No charters in the next 60 days.';
}

function chosenCharter(): ApiCharter | undefined {
  const id = byId<HTMLSelectElement>('chat-charter').value;
  return charters?.find((c) => c.charter_id === id);
}

async function loadPosts(): Promise<void> {
  const charter = chosenCharter();
  const list = byId('chat-posts');
  if (!charter) {
    clear(list);
    return;
  }
  const answer = await call(
    'sidebarLoadChat',
    [charter.charter_id],
    byId<HTMLButtonElement>('chat-refresh'),
  );
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    return;
  }
  showPosts(charter, answer.posts);
}

function showPosts(charter: ApiCharter, posts: ChatPost[]): void {
  byId('chat-about').textContent =
    `${charter.vessel} · ${charter.date} ${charter.start}–${charter.end}: ${posts.length === 0 ? 'no messages yet' : `${posts.length} message(s), oldest first`}.`;
  const list = byId('chat-posts');
  clear(list);
  for (const p of posts) {
    list.append(
      el(
        'li',
        { class: p.author_crew_id ? 'chat-post' : 'chat-post office' },
        el('span', { class: 'who' }, p.author),
        ' ',
        el('time', { class: 'muted', datetime: p.posted_at }, when(p.posted_at, charter.time_zone)),
        el('p', { class: 'text' }, p.text),
      ),
    );
  }
}

function showTextProblem(problems: FieldProblem[], message: string): void {
  const box = byId('chat-text-error');
  const text = problems.find((f) => f.field === 'text');
  box.textContent = text ? `The message ${text.message.replace(/[.\s]+$/, '')}.` : message;
  box.hidden = false;
  const input = byId<HTMLTextAreaElement>('chat-text');
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

async function post(): Promise<void> {
  const charter = chosenCharter();
  if (!charter) return;
  const input = byId<HTMLTextAreaElement>('chat-text');
  const box = byId('chat-text-error');
  box.hidden = true;
  box.textContent = '';
  input.removeAttribute('aria-invalid');
  const answer = await call(
    'sidebarPostChat',
    [charter.charter_id, input.value],
    byId<HTMLButtonElement>('chat-post'),
  );
  if (!answer.ok) {
    showTextProblem(answer.fields, answer.message);
    return;
  }
  input.value = '';
  showPosts(charter, answer.posts);
  showStatus(`${charter.charter_id}: posted to the crew chat as ${answer.post.author}.`, 'ok');
}
