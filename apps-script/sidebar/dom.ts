// Small DOM helpers. Text always goes in as text (textContent), never as markup.
import type { FieldProblem } from '../../shared/api/index.js';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

/** An element with attributes (true = present, false/undefined = absent) and text or node children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The shared status line: what just happened, or what went wrong. */
export function showStatus(text: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const status = byId('status');
  status.textContent = text;
  status.className = `status ${kind}`;
  status.hidden = text === '';
}

/** Words for the edge API's field names. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  role: 'Role',
  cascade_level: 'Cascade level',
  availability_key: 'Availability key',
  day_rate: 'Day rate',
  'day_rate.amount_cents': 'Day rate',
  'day_rate.currency': 'Currency',
  active: 'Active',
  contact: 'Phone or email',
  also_qualified: 'Also qualified as',
};

/**
 * The form input a field problem belongs to: the rate's parts all go to the rate box,
 * every `also_qualified.N.*` to the one "Also qualified as" box.
 */
export function inputNameFor(field: string): string {
  if (field.startsWith('day_rate')) return 'day_rate';
  if (field.startsWith('also_qualified')) return 'also_qualified';
  return field;
}

/** A field's words; `also_qualified.1.role` is "Also qualified as entry 2" (the box holds them all). */
function labelFor(field: string): string {
  const entry = /^also_qualified\.(\d+)\./.exec(field);
  if (entry) return `${FIELD_LABELS.also_qualified} entry ${Number(entry[1]) + 1}`;
  return FIELD_LABELS[field] ?? field;
}

/** "Email is already used by another crew member (…)". */
export function describeProblem(problem: FieldProblem): string {
  const label = labelFor(problem.field);
  const message = problem.message.replace(/[.\s]+$/, '');
  return `${label} ${message}.`;
}

/**
 * Puts each problem next to its field in `form` (an element with id
 * `${prefix}-${name}-error`); returns the labels of the fields it placed and
 * the problems it could not place.
 */
export function showFieldProblems(
  form: HTMLFormElement,
  prefix: string,
  problems: FieldProblem[],
): { placed: string[]; unplaced: FieldProblem[] } {
  clearFieldProblems(form);
  const placed: string[] = [];
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    const name = inputNameFor(problem.field);
    const box = document.getElementById(`${prefix}-${name}-error`);
    const input = form.elements.namedItem(name);
    if (!box || !(input instanceof HTMLElement)) {
      unplaced.push(problem);
      continue;
    }
    box.textContent = box.textContent
      ? `${box.textContent} ${describeProblem(problem)}`
      : describeProblem(problem);
    box.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    const label = labelFor(problem.field);
    if (!placed.includes(label)) placed.push(label);
  }
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
  return { placed, unplaced };
}

export function clearFieldProblems(form: HTMLFormElement): void {
  for (const box of Array.from(form.querySelectorAll<HTMLElement>('.field-error'))) {
    box.textContent = '';
    box.hidden = true;
  }
  for (const input of Array.from(form.querySelectorAll('[aria-invalid]'))) {
    input.removeAttribute('aria-invalid');
  }
}

/** A labelled input with its error box below; the input is described by the error. */
export function field(
  prefix: string,
  name: string,
  label: string,
  attrs: Attrs = {},
  hint?: string,
): HTMLElement {
  const id = `${prefix}-${name}`;
  const input = el('input', {
    id,
    name,
    type: 'text',
    autocomplete: 'off',
    'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}`,
    ...attrs,
  });
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, label),
    input,
    hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    el('p', { class: 'field-error', id: `${id}-error`, hidden: true, 'aria-live': 'polite' }),
  );
}

/** "$450.00" from cents. */
export function money(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/**
 * A moment in a zone, e.g. "Sat, Dec 5, 9:00 PM"; `withYear` for moments that may be a year
 * away, such as a portal link's expiry ("Sun, Nov 28, 2027, 5:00 PM").
 */
export function when(iso: string | null | undefined, timeZone?: string, withYear = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(date);
  }
}
