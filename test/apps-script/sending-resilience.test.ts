import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isKilled } from '../apps-script-harness/index.js';
import {
  charterRow,
  type EdgeServer,
  openOffice,
  PUBLIC_API_URL,
  startEdgeServer,
} from './support/office.js';

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;
beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(() => edge?.stop());

/** Level 2 of 2026-12-05 asks three people (Liam, Marisol, Kenji). */
const threeAsked = (id: string) =>
  charterRow(id, '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2');

function recipients(office: ReturnType<typeof openOffice>) {
  return office.harness.outbox.flatMap((m) => m.to).sort();
}

describe('sending that survives the real world', () => {
  it('sends each email exactly once when a run is killed half-way and run again', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-KILLED')]);
    office.harness.select('Charters', 'A2:M2');
    office.harness.killAfterSends(1);
    expect(isKilled(office.harness.clickMenu('Crew', 'Send crew call for selected charters'))).toBe(
      true,
    );
    expect(office.harness.outbox).toHaveLength(1);

    // A minute on, the timer cannot tell a killed run from one still sending: it leaves the emails.
    await office.setClock(new Date(start.getTime() + 60_000));
    office.harness.runTrigger('tick');
    expect(office.harness.outbox).toHaveLength(1);
    // Past the 10-minute send lease they are a crashed run's leftovers: the timer sends the rest.
    await office.setClock(new Date(start.getTime() + 11 * 60_000));
    office.harness.runTrigger('tick');
    expect(recipients(office)).toEqual([
      'kenji.watanabe@example.com',
      'liam.brennan@example.com',
      'marisol.vega@example.com',
    ]);
    office.harness.runTrigger('tick');
    expect(office.harness.outbox).toHaveLength(3);
    // The next test's office starts at `start`; SigV4 refuses clocks 5 minutes apart.
    await edge.setClock(start);
    await office.harness.close();
  });

  it('sends what the daily quota allows and leaves the rest for the next run', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-QUOTA')]);
    office.harness.emailQuota = 2;
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.outbox).toHaveLength(2);
    expect(office.harness.alerts.at(-1)?.prompt).toContain(
      "1 email(s) wait for tomorrow's Gmail quota",
    );

    await office.setClock(new Date(start.getTime() + 11 * 60_000));
    office.harness.runTrigger('tick');
    expect(office.harness.outbox).toHaveLength(2);
    office.harness.emailQuota = 100;
    office.harness.runTrigger('tick');
    expect(recipients(office)).toEqual([
      'kenji.watanabe@example.com',
      'liam.brennan@example.com',
      'marisol.vega@example.com',
    ]);
    await edge.setClock(start);
    await office.harness.close();
  });

  it('never lets two runs overlap', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-LOCKED')]);
    office.harness.locks.hold('script');
    office.harness.calls.reset();
    office.harness.runTrigger('tick');
    expect(office.harness.calls.count('UrlFetchApp.fetch')).toBe(0);
    office.harness.locks.release('script');
    await office.harness.close();
  });
});

describe('bad sheet input', () => {
  it('skips unreadable rows naming the cells, and lists unreadable availability in the Problems tab', async () => {
    const december = openOffice(edge, start, [
      charterRow('CH-BAD-ROW', '2026-12-05', 'noon-ish', '13:00', 'a few deckhands'),
      charterRow('CH-NO-TAB', '2027-02-03', '09:00', '13:00', 'deckhand 1'),
      threeAsked('CH-GOOD-ROW'),
    ]);
    const h = december.harness;
    h.range('December 2026', 'C6').setValue('#REF!');
    h.select('Charters', 'A2:M4');
    h.clickMenu('Crew', 'Send crew call for selected charters');
    const summary = h.alerts.at(-1)?.prompt ?? '';
    expect(summary).toContain('Sent 1 crew call: CH-GOOD-ROW');
    expect(summary).toContain('CH-BAD-ROW: C2: "noon-ish" is not a time like 09:30; H2:');
    expect(summary).toContain('CH-NO-TAB: no availability tab for February 2027');
    const problems = h.sheetValues('Problems');
    expect(
      problems.some(
        (row) =>
          row[0] === 'December 2026' &&
          row[1] === 'C6' &&
          String(row[3]).includes('spreadsheet error'),
      ),
    ).toBe(true);
    expect(statusOf(h.sheetValues('Charters'), 'CH-BAD-ROW')).toBe('');
    await h.close();
  });

  it('explains a missing setting instead of failing obscurely', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-NOSETUP')]);
    office.harness.properties.script.deleteProperty('CREWCALL_SECRET_ACCESS_KEY');
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.alerts.at(-1)?.prompt).toBe(
      'crewcall is not set up yet: the secret access key is missing. Use Crew › Settings to enter them.',
    );
    await office.harness.close();
  });

  it('explains a wrong secret in the edge API’s words', async () => {
    const office = openOffice(edge, start, [threeAsked('CH-BADKEY')]);
    office.harness.properties.script.setProperty(
      'CREWCALL_SECRET_ACCESS_KEY',
      'not-the-right-secret-0000000',
    );
    office.harness.select('Charters', 'A2:M2');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    expect(office.harness.alerts.at(-1)?.prompt).toContain(
      'The edge API refused the credentials (403)',
    );
    expect(office.harness.outbox).toHaveLength(0);
    await office.harness.close();
  });
});

describe('settings', () => {
  it('asks for each setting, never shows the secret back, and tests the connection', async () => {
    const office = openOffice(edge, start, []);
    const h = office.harness;
    const secret = h.properties.script.getProperty('CREWCALL_SECRET_ACCESS_KEY') as string;
    h.properties.script.deleteAllProperties();
    h.ui.queuePrompt(PUBLIC_API_URL);
    h.ui.queuePrompt('us-west-2');
    h.ui.queuePrompt('AKIDCREWCALLLOCALDEV');
    h.ui.queuePrompt(secret);
    h.clickMenu('Crew', 'Settings…');
    expect(h.alerts.at(-1)?.prompt).toMatch(
      /^Settings saved\. Connection works: the edge API answered with \d+ captain/,
    );
    // Asked again: the secret is not shown, and a blank answer keeps it.
    h.ui.queuePrompt('');
    h.ui.queuePrompt('');
    h.ui.queuePrompt('');
    h.ui.queuePrompt('');
    h.clickMenu('Crew', 'Settings…');
    expect(h.ui.prompts.map((p) => p.prompt).join('\n')).not.toContain(secret);
    expect(h.properties.script.getProperty('CREWCALL_SECRET_ACCESS_KEY')).toBe(secret);
    h.ui.queuePrompt('not a url');
    h.ui.queuePrompt('');
    h.ui.queuePrompt('');
    h.ui.queuePrompt('');
    h.clickMenu('Crew', 'Settings…');
    expect(h.alerts.at(-1)?.prompt).toBe(
      'Settings not saved: the edge API URL "not a url" is not a web address.',
    );
    await h.close();
  });
});

describe('triggers and the bundle', () => {
  it('installs the timer once however often it is installed, and removes it', async () => {
    const office = openOffice(edge, start, []);
    office.harness.clickMenu('Crew', 'Install triggers');
    office.harness.clickMenu('Crew', 'Install triggers');
    expect(office.harness.triggers.map((t) => t.handler)).toEqual(['tick', 'monthlyReportTrigger']);
    expect(office.harness.alerts.at(-1)?.prompt).toContain('already installed');
    office.harness.clickMenu('Crew', 'Remove triggers');
    expect(office.harness.triggers).toEqual([]);
    await office.harness.close();
  });

  it('builds one script of top-level functions that uses no Node API', () => {
    const code = readFileSync('dist/apps-script/Code.js', 'utf8');
    for (const name of [
      'onOpen',
      'onInstall',
      'tick',
      'menuSendCrewCall',
      'menuPreviewCrewCall',
      'menuCancelCharter',
    ]) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
    expect(code).not.toMatch(
      /\brequire\(|\bprocess\.|\bBuffer\b|\bsetTimeout\(|\bTextEncoder\b|\bglobalThis\.fetch\b/,
    );
    const manifest = JSON.parse(readFileSync('dist/apps-script/appsscript.json', 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).not.toContain('https://mail.google.com/');
    // The monthly report creates spreadsheets (spreadsheets) and its Drive files (drive.file);
    // never the whole Drive.
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/drive.file');
  });
});

function statusOf(values: unknown[][], id: string): string {
  return String(values.find((row) => row[0] === id)?.[10] ?? '');
}
