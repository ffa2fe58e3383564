import { afterAll, describe, expect, it } from 'vitest';
import { HarnessError, type Manifest, SCOPES } from './index.js';
import { harnessFor, removeTempScripts } from './load-script.js';
import { ScopeGate } from './scopes.js';

afterAll(removeTempScripts);

const withScopes = (...oauthScopes: string[]): Manifest => ({ oauthScopes });
const DRIVE_V3: Manifest['dependencies'] = {
  enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }],
};

describe('OAuth scopes, checked on every call against appsscript.json', () => {
  it('refuses DriveApp under drive.file, as Google does', () => {
    const h = harnessFor(
      'function root() { return DriveApp.getRootFolder().getName(); }',
      {},
      {},
      withScopes(SCOPES.driveFile, SCOPES.spreadsheets),
    );
    expect(() => h.run('root')).toThrow(
      `Specified permissions are not sufficient to call DriveApp.getRootFolder. Required permissions: (${SCOPES.driveReadonly} || ${SCOPES.drive})`,
    );
  });

  it('checks triggers and sidebar calls too, and the script sees an Exception it can catch', () => {
    const h = harnessFor(
      `function install() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create(); }
       function sidebarFetch() {
         try { UrlFetchApp.fetch('http://127.0.0.1:9/'); return 'fetched'; }
         catch (e) { return [e instanceof Error, e.name, e.message]; }
       }`,
      {},
      {},
      withScopes(SCOPES.spreadsheets),
    );
    expect(() => h.runTrigger('install')).toThrow(
      'Specified permissions are not sufficient to call ScriptApp.newTrigger',
    );
    expect(h.run('sidebarFetch')).toEqual([
      true,
      'Exception',
      `Specified permissions are not sufficient to call UrlFetchApp.fetch. Required permissions: ${SCOPES.externalRequest}`,
    ]);
  });

  it('needs userinfo.email for the user, which a simple trigger gets blank', () => {
    const code = `function who() { return Session.getActiveUser().getEmail(); }
                  function onOpen() { return Session.getEffectiveUser().getEmail(); }`;
    const narrow = harnessFor(code, {}, {}, withScopes(SCOPES.spreadsheets));
    expect(() => narrow.run('who')).toThrow(
      `Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: ${SCOPES.userinfoEmail}`,
    );
    const h = harnessFor(
      code,
      { userEmail: 'office@example.com' },
      {},
      withScopes(SCOPES.userinfoEmail),
    );
    expect(h.run('who')).toBe('office@example.com');
    expect(narrow.runSimpleTrigger('onOpen')).toBe('office@example.com');
  });

  it('keeps AuthMode.LIMITED in simple triggers whatever the manifest grants', () => {
    const h = harnessFor('function onOpen() { SpreadsheetApp.create("x"); }');
    expect(() => h.runSimpleTrigger('onOpen')).toThrow(
      `You do not have permission to call SpreadsheetApp.create. Required permissions: ${SCOPES.spreadsheets}`,
    );
  });

  it('fails the test for a method the table does not know', () => {
    const gate = new ScopeGate(withScopes(SCOPES.spreadsheets));
    expect(() => gate.check('SpreadsheetApp.Range.getBandings', 'manual')).toThrow(HarnessError);
    expect(() => gate.check('SpreadsheetApp.Range.getValues', 'manual')).not.toThrow();
  });

  it('refuses to run a script without its appsscript.json', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { createHarness } = await import('./index.js');
    const dir = mkdtempSync(join(tmpdir(), 'no-manifest-'));
    writeFileSync(join(dir, 'Code.js'), 'function f() {}');
    expect(() => createHarness().load(join(dir, 'Code.js'))).toThrow('No appsscript.json');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the Advanced Drive service (Drive API v3)', () => {
  const code = `
    function typeOfDrive() { return typeof Drive; }
    function makeTree() {
      var top = Drive.Files.create({ name: 'crewcall', mimeType: 'application/vnd.google-apps.folder' });
      var pdf = Drive.Files.create({ name: 'a.pdf', parents: [top.id] },
        Utilities.newBlob('%PDF-1.4', 'application/pdf', 'a.pdf'), { fields: 'id,name,parents,mimeType' });
      Drive.Files.update({ trashed: true }, pdf.id);
      var found = Drive.Files.list({ q: "name = 'crewcall' and 'root' in parents and trashed = false",
        fields: 'files(id,name)' });
      return { top: top, pdf: pdf, found: found.files,
               trashed: Drive.Files.get(pdf.id, { fields: 'trashed' }).trashed };
    }
    function open(id) {
      try { return Drive.Files.get(id, { fields: 'id,name' }).name; }
      catch (e) { return e.name + ': ' + e.message; }
    }
    function listAll() { return Drive.Files.list({ fields: 'files(name)' }).files.map(function (f) { return f.name; }); }
    function made() { return SpreadsheetApp.create('Made by SpreadsheetApp').getId(); }
    function pdfOnce(text) {
      return Drive.Files.create({ name: 'b.pdf' }, Utilities.newBlob(text, 'application/pdf', 'b.pdf'),
        { fields: 'id,webViewLink' });
    }
    function rewrite(id, text) {
      try { return Drive.Files.update({}, id, Utilities.newBlob(text, 'application/pdf', 'x.pdf'),
        { fields: 'id,name' }); }
      catch (e) { return e.name + ': ' + e.message; }
    }
    function trash(id) { Drive.Files.update({ trashed: true }, id); }
    function newSheet() {
      return Drive.Files.create({ name: 'c', mimeType: 'application/vnd.google-apps.spreadsheet' }).id;
    }`;

  it('exists only when appsscript.json enables it', () => {
    const off = harnessFor(code, {}, {}, withScopes(SCOPES.driveFile));
    expect(off.run('typeOfDrive')).toBe('undefined');
    const on = harnessFor(
      code,
      {},
      {},
      { ...withScopes(SCOPES.driveFile), dependencies: DRIVE_V3 },
    );
    expect(on.run('typeOfDrive')).toBe('object');
  });

  it('under drive.file sees only what the script created: any other id is "File not found"', () => {
    const h = harnessFor(
      code,
      {},
      {},
      { ...withScopes(SCOPES.driveFile, SCOPES.spreadsheets), dependencies: DRIVE_V3 },
    );
    const tree = h.run('makeTree') as {
      top: { id: string; name: string; mimeType: string };
      pdf: { id: string; parents: string[]; mimeType: string };
      found: Array<{ id: string; name: string }>;
      trashed: boolean;
    };
    expect(tree.top).toEqual({
      kind: 'drive#file',
      id: tree.top.id,
      name: 'crewcall',
      mimeType: 'application/vnd.google-apps.folder',
    });
    expect(tree.pdf.parents).toEqual([tree.top.id]);
    expect(tree.found).toEqual([{ id: tree.top.id, name: 'crewcall' }]);
    expect(tree.trashed).toBe(true);
    expect(h.drive.folderAt('crewcall')?._id).toBe(tree.top.id);

    // A folder the office made by hand, and the sheet the script is bound to.
    const byHand = h.drive.addFolder('Office reports', h.drive.root);
    expect(h.run('open', byHand._id)).toBe(
      `GoogleJsonResponseException: API call to drive.files.get failed with error: File not found: ${byHand._id}.`,
    );
    expect(h.run('open', h.spreadsheet._id)).toContain('File not found');
    // Nor is a spreadsheet from SpreadsheetApp.create (see README: the harness takes the strict side).
    expect(h.run('open', h.run('made'))).toContain('File not found');
    expect(h.run('listAll')).toEqual(['crewcall', 'a.pdf']);
  });

  it("new content for a file keeps its id and link; a trashed file's link opens nothing", () => {
    const h = harnessFor(
      code,
      {},
      {},
      { ...withScopes(SCOPES.driveFile, SCOPES.spreadsheets), dependencies: DRIVE_V3 },
    );
    const pdf = h.run('pdfOnce', '%PDF-1.4 first') as { id: string; webViewLink: string };
    expect(h.drive.openLink(pdf.webViewLink)._blob._data.toString()).toBe('%PDF-1.4 first');
    expect(h.run('rewrite', pdf.id, '%PDF-1.4 second')).toEqual({
      id: pdf.id,
      name: 'b.pdf',
    });
    const opened = h.drive.openLink(pdf.webViewLink);
    expect(opened._blob._data.toString()).toBe('%PDF-1.4 second');
    expect(opened.getMimeType()).toBe('application/pdf');
    // A Google Sheets file takes no uploaded content (the harness does not convert).
    expect(h.run('rewrite', h.run('newSheet'), 'x')).toContain(
      'API call to drive.files.update failed with error: Only a file with content',
    );
    h.run('trash', pdf.id);
    expect(() => h.drive.openLink(pdf.webViewLink)).toThrow(
      'Sorry, the file you have requested does not exist.',
    );
    expect(() => h.drive.openLink('https://drive.google.com/file/d/1NoSuchFile/view')).toThrow(
      'does not open',
    );
  });

  it('sees every file with the full drive scope, and answers 403 without any Drive scope', () => {
    const full = harnessFor(code, {}, {}, { ...withScopes(SCOPES.drive), dependencies: DRIVE_V3 });
    const byHand = full.drive.addFolder('Office reports', full.drive.root);
    expect(full.run('open', byHand._id)).toBe('Office reports');
    const none = harnessFor(
      code,
      {},
      {},
      { ...withScopes(SCOPES.spreadsheets), dependencies: DRIVE_V3 },
    );
    expect(none.run('open', byHand._id)).toBe(
      'GoogleJsonResponseException: API call to drive.files.get failed with error: Request had insufficient authentication scopes.',
    );
  });
});
