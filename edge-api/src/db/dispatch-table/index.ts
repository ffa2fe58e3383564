/** The crew-dispatch table: one module per kind of item, one import for callers. */
export * from './calls.js';
export * from './changes.js';
export * from './charters.js';
export * from './idempotency.js';
export * from './links.js';
export * from './notices.js';
