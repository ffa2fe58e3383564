// Settings tab: edge API URL, region, credentials, and what x means in the month tabs. The secret is write-only: the
// server never sends it and this page never shows or keeps it. Below it, the office's settings (office-settings.ts).

import type { SettingsInput, SettingsView } from '../src/sidebar/contract.js';
import { byId, el, field, showStatus } from './dom.js';
import { setUpOfficeSettings, showOfficeSettings } from './office-settings.js';
import { call } from './server.js';

export function setUpSettings(panel: HTMLElement): void {
  const form = el(
    'form',
    {
      id: 'settings-form',
      class: 'card form',
      novalidate: true,
      'aria-labelledby': 'settings-title',
    },
    el('h2', { id: 'settings-title' }, 'Connection to the edge API'),
    field('settings', 'apiUrl', 'Edge API URL', { type: 'url', inputmode: 'url' }),
    field('settings', 'region', 'AWS region', {}, 'e.g. us-west-2'),
    field('settings', 'accessKeyId', 'Access key id'),
    field(
      'settings',
      'secretAccessKey',
      'Secret access key',
      { type: 'password', autocomplete: 'new-password' },
      'Never shown. Leave blank to keep the one stored.',
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'settings-xMeans' }, 'What x means in the month tabs'),
      el(
        'select',
        { id: 'settings-xMeans', name: 'xMeans', 'aria-describedby': 'settings-xMeans-hint' },
        el('option', { value: 'yes' }, 'available (a tick)'),
        el('option', { value: 'no' }, 'not available (off)'),
      ),
      el(
        'p',
        { class: 'hint', id: 'settings-xMeans-hint' },
        'Every summary that read an x says how it was read.',
      ),
    ),
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary', id: 'settings-save' }, 'Save and test'),
      el('button', { type: 'button', id: 'settings-test' }, 'Test connection'),
    ),
    el('p', { id: 'connection', class: 'connection', 'aria-live': 'polite', hidden: true }),
  );
  panel.append(form);
  setUpOfficeSettings(panel);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(form);
  });
  byId('settings-test').addEventListener('click', () => void test());
}

function input(name: keyof SettingsInput): HTMLInputElement {
  return byId<HTMLInputElement>(`settings-${name}`);
}

function show(settings: SettingsView): void {
  input('apiUrl').value = settings.apiUrl;
  input('region').value = settings.region;
  input('accessKeyId').value = settings.accessKeyId;
  const secret = input('secretAccessKey');
  secret.value = '';
  secret.placeholder = settings.secretSet ? 'stored (hidden)' : 'not set';
  byId<HTMLSelectElement>('settings-xMeans').value = settings.xMeans;
}

function showConnection(text: string, ok: boolean): void {
  const box = byId('connection');
  box.textContent = text;
  box.className = `connection ${ok ? 'ok' : 'error'}`;
  box.hidden = false;
}

export async function loadSettings(): Promise<void> {
  const answer = await call('sidebarLoadSettings', []);
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    return;
  }
  show(answer.settings);
  showOfficeSettings(answer.office);
}

async function save(form: HTMLFormElement): Promise<void> {
  const values: SettingsInput = {};
  for (const name of ['apiUrl', 'region', 'accessKeyId', 'secretAccessKey'] as const) {
    const value = input(name).value.trim();
    if (value) values[name] = value;
  }
  values.xMeans = byId<HTMLSelectElement>('settings-xMeans').value;
  const button = byId<HTMLButtonElement>('settings-save');
  const answer = await call('sidebarSaveSettings', [values], button);
  // Whatever happened, the secret leaves the page.
  input('secretAccessKey').value = '';
  if (!answer.ok) {
    showStatus(answer.message, 'error');
    showConnection(answer.message, false);
    // The save may have gone through and only the test failed: show what is stored now.
    await loadSettings();
    return;
  }
  show(answer.settings);
  showConnection(answer.connection, true);
  showStatus('Settings saved.', 'ok');
  form.querySelector<HTMLElement>('#settings-apiUrl')?.focus();
}

async function test(): Promise<void> {
  const answer = await call('sidebarTestConnection', [], byId<HTMLButtonElement>('settings-test'));
  if (!answer.ok) {
    showConnection(answer.message, false);
    showStatus('The connection does not work yet.', 'error');
    return;
  }
  showConnection(answer.connection, true);
  showStatus('Connection works.', 'ok');
}
