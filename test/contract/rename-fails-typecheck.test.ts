// The wire contract is checked by the compiler on both sides: a field renamed on
// one side only (in memory, nothing written) makes `npm run typecheck` fail, and
// names the file that broke the contract.
//
// Where the error appears: the answers are declared once (shared/api, and
// apps-script/src/sidebar/contract.ts for google.script.run). A producer that
// renames a field no longer satisfies the contract, so the error is at the
// producer's `satisfies` (the route, or `sidebarFunctions`); renaming the field in
// the contract breaks every consumer that reads it (Apps Script, the CLI, the page).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Checker, type CompileError, REPO } from './typecheck.js';

/** The edge API's routes and the CLI (root tsconfig). */
const edge = new Checker('root', [
  'edge-api/src/crew-calls/routes.ts',
  'edge-api/src/roster/routes.ts',
  'cli/src/commands/roster.ts',
  'cli/src/commands/link.ts',
]);
/** The Apps Script bundle (apps-script/tsconfig.json). */
const office = new Checker('office', ['apps-script/src/main.ts']);
/** The sidebar page (apps-script/sidebar/tsconfig.json). */
const page = new Checker('page', ['apps-script/sidebar/admin-sidebar.ts']);

/** `file`'s text with every `from` replaced by `to`; `from` must occur. */
function renamed(file: string, from: string | RegExp, to: string): { file: string; text: string } {
  const text = readFileSync(resolve(REPO, file), 'utf8');
  const changed =
    typeof from === 'string' ? text.replaceAll(from, to) : text.replace(new RegExp(from, 'g'), to);
  if (changed === text) throw new Error(`${String(from)} does not occur in ${file}`);
  return { file, text: changed };
}

const filesOf = (errors: CompileError[]) => [...new Set(errors.map((e) => e.file))].sort();
const describeErrors = (errors: CompileError[]) =>
  errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n');

/**
 * Asserts there are errors in each of `files` (only there, unless `alsoElsewhere`),
 * and that in each file one of them names `field`.
 */
function expectErrorsIn(
  errors: CompileError[],
  files: string[],
  field: string,
  alsoElsewhere = false,
): void {
  if (alsoElsewhere)
    expect(filesOf(errors), describeErrors(errors)).toEqual(expect.arrayContaining(files));
  else expect(filesOf(errors), describeErrors(errors)).toEqual([...files].sort());
  for (const file of files) {
    const named = errors.filter((e) => e.file === file && e.message.includes(field));
    expect(named.length, `${file} names ${field}:\n${describeErrors(errors)}`).toBeGreaterThan(0);
  }
}

// The unmodified programs: also the `oldProgram` every later check starts from.
beforeAll(() => {
  for (const checker of [edge, office, page]) expect(describeErrors(checker.errors())).toBe('');
}, 120_000);

describe('the /calls/due answer (edge API → the Apps Script timer)', () => {
  it('fails when due-work.ts renames pending_notifications in what listDue answers', () => {
    const change = renamed(
      'edge-api/src/crew-calls/due-work.ts',
      'pending_notifications',
      'pending_emails',
    );
    expectErrorsIn(
      edge.errors(change),
      ['edge-api/src/crew-calls/routes.ts'],
      'pending_notifications',
    );
  });

  it('fails for a field the timer does not read too (window_closed_at): the answer is checked whole', () => {
    const change = renamed(
      'edge-api/src/crew-calls/due-work.ts',
      'window_closed_at',
      'window_ended_at',
    );
    expectErrorsIn(edge.errors(change), ['edge-api/src/crew-calls/routes.ts'], 'window_closed_at');
  });

  it('fails on both sides when the contract renames it: the route and triggers/tick.ts', () => {
    const change = renamed('shared/api/crew-calls.ts', 'pending_notifications', 'pending_emails');
    expectErrorsIn(edge.errors(change), ['edge-api/src/crew-calls/routes.ts'], 'pending_emails');
    expectErrorsIn(
      office.errors(change),
      ['apps-script/src/triggers/tick.ts'],
      'pending_notifications',
    );
  });
});

describe('the roster answer (edge API → the CLI and the sidebar)', () => {
  it('fails when the route answers the roster under another name', () => {
    const change = renamed(
      'edge-api/src/roster/routes.ts',
      '{ crew } satisfies',
      '{ members: crew } satisfies',
    );
    expectErrorsIn(edge.errors(change), ['edge-api/src/roster/routes.ts'], 'members');
  });

  it('fails in the CLI and in the office callers when the contract renames `crew`', () => {
    const change = renamed(
      'shared/api/roster.ts',
      /\bcrew: CrewMember\[\]/,
      'members: CrewMember[]',
    );
    expectErrorsIn(
      edge.errors(change),
      ['cli/src/commands/roster.ts', 'edge-api/src/roster/routes.ts'],
      'crew',
    );
    // ...and in every other office caller that reads the roster (preview, send, settings).
    expectErrorsIn(office.errors(change), ['apps-script/src/sidebar/sidebar-api.ts'], 'crew', true);
  });

  it('fails in the sidebar page when a crew member field is renamed in the contract', () => {
    const change = renamed(
      'shared/api/roster.ts',
      /\bavailability_key: string;/,
      'sheet_column: string;',
    );
    const pageErrors = page.errors(change);
    expect(filesOf(pageErrors), describeErrors(pageErrors)).toContain(
      'apps-script/sidebar/roster.ts',
    );
    expect(describeErrors(pageErrors)).toContain('availability_key');
  });
});

describe('the sidebar server functions (Apps Script → the sidebar page)', () => {
  it('fails when sidebar-api.ts renames a field of its answer (keys)', () => {
    const change = renamed(
      'apps-script/src/sidebar/sidebar-api.ts',
      'keys: keyWarnings(',
      'warnings: keyWarnings(',
    );
    expectErrorsIn(office.errors(change), ['apps-script/src/sidebar/sidebar-api.ts'], 'keys');
  });

  it('fails in the page (roster.ts reads answer.keys) and the server when the contract renames it', () => {
    const change = renamed(
      'apps-script/src/sidebar/contract.ts',
      'keys: KeyWarnings',
      'warnings: KeyWarnings',
    );
    expectErrorsIn(page.errors(change), ['apps-script/sidebar/roster.ts'], 'keys');
    expectErrorsIn(office.errors(change), ['apps-script/src/sidebar/sidebar-api.ts'], 'warnings');
  });

  it('fails when a server function is renamed on one side only', () => {
    const server = renamed(
      'apps-script/src/sidebar/sidebar-api.ts',
      'sidebarLoadRoster',
      'sidebarReadRoster',
    );
    expectErrorsIn(
      office.errors(server),
      ['apps-script/src/sidebar/sidebar-api.ts'],
      'sidebarLoadRoster',
    );
    const contract = renamed(
      'apps-script/src/sidebar/contract.ts',
      'sidebarLoadRoster',
      'sidebarReadRoster',
    );
    expectErrorsIn(page.errors(contract), ['apps-script/sidebar/roster.ts'], 'sidebarLoadRoster');
  });
});
