// The admin sidebar's page script (Crew › Admin sidebar). Bundled by
// scripts/build.mjs into dist/apps-script/AdminSidebar.html; it reaches the
// server only through google.script.run (see server.ts).
import { loadBoard, setUpBoard } from './board.js';
import { loadChat, setUpChat } from './chat.js';
import { byId } from './dom.js';
import { setUpLinks } from './links.js';
import { loadRoster, setUpRoster } from './roster.js';
import { loadSettings, setUpSettings } from './settings.js';

const TABS = ['roster', 'links', 'board', 'chat', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** What a tab loads the first time it is shown (the board reloads every time: it moves). */
const loaders: Record<Tab, { load: () => Promise<void>; every: boolean }> = {
  roster: { load: loadRoster, every: false },
  links: { load: async () => {}, every: false },
  board: { load: loadBoard, every: true },
  chat: { load: () => loadChat(), every: true },
  settings: { load: loadSettings, every: false },
};
const loaded = new Set<Tab>();

function select(tab: Tab, focus = false): void {
  for (const other of TABS) {
    const button = byId(`tab-${other}`);
    const selected = other === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${other}`).hidden = !selected;
  }
  if (focus) byId(`tab-${tab}`).focus();
  const loader = loaders[tab];
  if (loader.every || !loaded.has(tab)) {
    loaded.add(tab);
    void loader.load();
  }
}

function setUpTabs(): void {
  TABS.forEach((tab, index) => {
    const button = byId(`tab-${tab}`);
    button.addEventListener('click', () => select(tab));
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      select(TABS[(index + step + TABS.length) % TABS.length] as Tab, true);
    });
  });
}

function start(): void {
  setUpRoster(byId('panel-roster'));
  setUpLinks(byId('panel-links'));
  setUpBoard(byId('panel-board'));
  setUpChat(byId('panel-chat'));
  setUpSettings(byId('panel-settings'));
  setUpTabs();
  select('roster');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
