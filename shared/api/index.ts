// The admin API's wire contract, declared once: every request and answer body
// of /api/... (and /healthz). The edge API checks its answers against these
// types; the Apps Script side, the sidebar, the CLI and the tests read them.
// Types only: the zod request schemas live in ./input.ts (edge API only).
export type * from './availability.js';
export type * from './changes.js';
export type * from './charters.js';
export type * from './crew-calls.js';
export type * from './errors.js';
export type * from './health.js';
export type * from './links.js';
export type * from './notifications.js';
export type * from './reports.js';
export type * from './roster.js';
export type * from './settings.js';
