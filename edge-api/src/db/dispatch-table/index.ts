/** The crew-dispatch table: one module per kind of item, one import for callers. */

export { type NamedItems, type TransactResult, transact } from '../transact.js';
export * from './availability-marks.js';
export * from './calendar-feeds.js';
export * from './call-changes.js';
export * from './call-writes.js';
export * from './calls.js';
export * from './changes.js';
export * from './charters.js';
export * from './crew-actions.js';
export * from './idempotency.js';
export * from './keys.js';
export * from './links.js';
export * from './notices.js';
export * from './office-settings.js';
export * from './responses.js';
