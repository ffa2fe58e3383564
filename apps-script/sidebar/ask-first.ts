// A two-step confirmation in place, under the button that asked. Not window.confirm: the
// sidebar runs in a sandboxed cross-origin iframe inside Sheets (Apps Script "HTML Service:
// Restrictions", developers.google.com/apps-script/guides/html/restrictions), and Chrome has
// already once switched off alert/confirm/prompt in cross-origin iframes and means to again
// (Chrome's intent to remove them, 2021; rolled back for now): a confirm there may never show.

import { el, showStatus } from './dom.js';

export interface Question {
  /** Id of the box; one box per id, asking again replaces it. */
  id: string;
  /** Placed right after this element (the buttons that asked). */
  after: HTMLElement;
  /** Where the focus returns when the person keeps things as they are. */
  asker: HTMLElement;
  text: string;
  confirm: string;
  onConfirm: () => void;
}

/** Shows the question with [confirm] [Keep]; Keep (focused, so Enter keeps) and Escape change nothing. */
export function askFirst(q: Question): void {
  dismiss(q.id);
  const questionId = `${q.id}-question`;
  const yes = el('button', { type: 'button', class: 'danger' }, q.confirm);
  const keep = el('button', { type: 'button', class: 'primary' }, 'Keep');
  const box = el(
    'div',
    { id: q.id, class: 'ask-first', role: 'group', 'aria-labelledby': questionId },
    el('p', { id: questionId }, q.text),
    el('div', { class: 'buttons' }, yes, keep),
  );
  const kept = () => {
    box.remove();
    q.asker.focus();
    showStatus('Nothing revoked.', 'info');
  };
  yes.addEventListener('click', () => {
    box.remove();
    q.onConfirm();
  });
  keep.addEventListener('click', kept);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') kept();
  });
  q.after.after(box);
  keep.focus();
}

/** Takes a question away unanswered (the person chose someone else). */
export function dismiss(id: string): void {
  document.getElementById(id)?.remove();
}
