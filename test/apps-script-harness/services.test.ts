import { createHash, createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readHarnessPdf } from './index.js';
import { harnessFor, removeTempScripts } from './load-script.js';

afterAll(removeTempScripts);

const NOW = new Date('2025-06-02T16:00:00Z');
const unsigned = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff));

describe('PropertiesService and CacheService', () => {
  it('keeps properties across runs and caches by the harness clock', () => {
    const h = harnessFor(
      `function save() {
        var props = PropertiesService.getScriptProperties();
        props.setProperties({ cursor: '7', mode: 'live' });
        props.deleteProperty('mode');
        CacheService.getScriptCache().put('token', 'abc', 60);
        return [props.getProperty('API_URL'), props.getKeys().sort(), props.getProperty('nope')];
      }
      function read() {
        return [PropertiesService.getScriptProperties().getProperty('cursor'),
                CacheService.getScriptCache().get('token')];
      }
      function tooBig() { PropertiesService.getUserProperties().setProperty('x', new Array(9300).join('y')); }`,
      { scriptProperties: { API_URL: 'http://127.0.0.1:8787' }, now: NOW },
    );
    expect(h.run('save')).toEqual(['http://127.0.0.1:8787', ['API_URL', 'cursor'], null]);
    expect(h.run('read')).toEqual(['7', 'abc']);
    h.clock.advance(61_000);
    expect(h.run('read')).toEqual(['7', null]);
    expect(() => h.run('tooBig')).toThrow('Argument too large: value');
    expect(h.properties.script.getProperties()).toEqual({
      API_URL: 'http://127.0.0.1:8787',
      cursor: '7',
    });
  });
});

describe('LockService', () => {
  const code = `
    function tick() {
      var lock = LockService.getScriptLock();
      if (!lock.tryLock(5000)) return 'busy';
      return lock.hasLock() ? 'ran' : 'no lock';
    }
    function strict() { LockService.getScriptLock().waitLock(30000); return 'ran'; }`;

  it('lets a test hold the script lock to simulate an overlapping run', () => {
    const h = harnessFor(code, { now: NOW });
    h.locks.hold('script');
    expect(h.run('tick')).toBe('busy');
    // tryLock waited its full timeout (plus the calls' own small cost on the clock)
    expect(h.clock.time - NOW.getTime()).toBeGreaterThanOrEqual(5000);
    expect(h.clock.time - NOW.getTime()).toBeLessThan(5100);
    expect(() => h.run('strict')).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    h.locks.release('script');
    expect(h.run('tick')).toBe('ran');
    expect(h.locks.isHeld('script')).toBe(false); // released when the run ended
  });
});

describe('ScriptApp', () => {
  const code = `
    function install() {
      ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); });
      ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger('monthlyReport').timeBased().onMonthDay(1).atHour(6).create();
      ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
      return ScriptApp.getProjectTriggers().map(function (t) {
        return [t.getHandlerFunction(), String(t.getEventType()),
                t.getEventType() === ScriptApp.EventType.CLOCK];
      });
    }
    function badInterval() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(7).create(); }
    function tick(e) { SpreadsheetApp.getUi(); }
    function onOpen(e) { UrlFetchApp.fetch('http://127.0.0.1:9/'); }
    function onOpenAuth(e) { return [String(e.authMode), e.source.getName()]; }`;

  it('creates, lists and deletes installable triggers', () => {
    const h = harnessFor(code);
    const listed = [
      ['tick', 'CLOCK', true],
      ['monthlyReport', 'CLOCK', true],
      ['onEditInstalled', 'ON_EDIT', false],
    ];
    expect(h.run('install')).toEqual(listed);
    expect(h.run('install')).toEqual(listed);
    expect(h.triggers.map((t) => [t.handler, t.schedule])).toEqual([
      ['tick', { everyMinutes: 5 }],
      ['monthlyReport', { onMonthDay: 1, atHour: 6 }],
      ['onEditInstalled', {}],
    ]);
    expect(() => h.run('badInterval')).toThrow('everyMinutes(7)');
  });

  it('runs triggers in their context: no UI in a trigger, no authorization in onOpen', () => {
    const h = harnessFor(code, { spreadsheetName: 'Crew availability' });
    expect(() => h.runTrigger('tick')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(() => h.runSimpleTrigger('onOpen')).toThrow(
      'You do not have permission to call UrlFetchApp.fetch.',
    );
    expect(h.runSimpleTrigger('onOpenAuth')).toEqual(['LIMITED', 'Crew availability']);
  });
});

describe('Utilities', () => {
  const code = `
    function digest(text) { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text); }
    function hmac(value, key) { return Utilities.computeHmacSha256Signature(value, key); }
    function encode(text) {
      var bytes = Utilities.newBlob(text).getBytes();
      return [Utilities.base64Encode(text), Utilities.base64EncodeWebSafe(bytes),
              Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode(text))).getDataAsString()];
    }
    function format(d, tz, pattern) { return Utilities.formatDate(d, tz, pattern); }`;

  it('computes digests and HMACs as signed bytes', () => {
    const h = harnessFor(code);
    const text = 'crew call ✓ 42';
    const sha = h.run('digest', text) as number[];
    expect(sha.some((b) => b < 0)).toBe(true);
    expect(unsigned(sha)).toEqual(createHash('sha256').update(text, 'utf8').digest());
    const expected = createHmac('sha256', 'secret-key').update(text).digest();
    expect(unsigned(h.run('hmac', text, 'secret-key') as number[])).toEqual(expected);
    const asBytes = (s: string) => [...Buffer.from(s)].map((b) => (b > 127 ? b - 256 : b));
    expect(unsigned(h.run('hmac', asBytes(text), asBytes('secret-key')) as number[])).toEqual(
      expected,
    );
    expect(() => h.run('hmac', text, asBytes('secret-key'))).toThrow("don't match the method");
  });

  it('encodes base64 (web-safe keeps padding) and formats dates like SimpleDateFormat', () => {
    const h = harnessFor(code);
    expect(h.run('encode', 'ÿ?>~')).toEqual(['w78/Pn4=', 'w78_Pn4=', 'ÿ?>~']);
    const d = new Date('2025-03-09T17:05:09Z');
    expect(
      h.run('format', d, 'America/Los_Angeles', "EEE, MMM d yyyy 'at' h:mm a (HH:mm:ss Z)"),
    ).toBe('Sun, Mar 9 2025 at 10:05 AM (10:05:09 -0700)');
    expect(h.run('format', d, 'Europe/Berlin', 'yyyy-MM-dd HH:mm EEEE MMMM')).toBe(
      '2025-03-09 18:05 Sunday March',
    );
    expect(h.run('format', d, 'Not/AZone', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      '2025-03-09T17:05:09Z',
    );
    expect(() => h.run('format', '2025-03-09', 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('HtmlService and DriveApp', () => {
  it('evaluates templates from the built project into a recorded sidebar', () => {
    const h = harnessFor(
      `function showRoster() {
        var t = HtmlService.createTemplateFromFile('Roster');
        t.crew = ['Crew <A>', 'Crew B'];
        SpreadsheetApp.getUi().showSidebar(t.evaluate().setTitle('Roster'));
      }
      function missing() { HtmlService.createHtmlOutputFromFile('Nope'); }`,
      {},
      {
        Roster:
          '<ul><? crew.forEach(function (c) { ?><li><?= c ?></li><? }); ?></ul><?!= "<hr>" ?>',
      },
    );
    h.run('showRoster');
    expect(h.ui.dialogs).toEqual([
      {
        kind: 'sidebar',
        title: 'Roster',
        html: '<ul><li>Crew &lt;A&gt;</li><li>Crew B</li></ul><hr>',
        width: 300,
        height: 400,
      },
    ]);
    expect(() => h.run('missing')).toThrow('No HTML file named Nope was found.');
  });

  it('keeps folders and files (blobs from Utilities.newBlob) in memory', () => {
    const h = harnessFor(`
      function archive() {
        var it = DriveApp.getFoldersByName('Crewcall reports');
        var folder = it.hasNext() ? it.next() : DriveApp.createFolder('Crewcall reports');
        folder.createFile(Utilities.newBlob('a,b\\n1,2', 'text/csv', 'June.csv'));
        var files = folder.getFilesByName('June.csv');
        var names = [];
        while (files.hasNext()) names.push(files.next().getBlob().getDataAsString());
        return names;
      }`);
    expect(h.run('archive')).toEqual(['a,b\n1,2']);
    expect(h.run('archive')).toEqual(['a,b\n1,2', 'a,b\n1,2']);
    expect([...h.drive.folders.values()].map((f) => f.getName())).toEqual([
      'My Drive',
      'Crewcall reports',
    ]);
  });
});

describe('more than one spreadsheet, and spreadsheets as Drive files', () => {
  const code = `
    function report() {
      var folder = DriveApp.getRootFolder().createFolder('Reports');
      var book = SpreadsheetApp.create('June report');
      book.setSpreadsheetTimeZone('America/Los_Angeles');
      var summary = book.getSheets()[0].setName('Summary');
      var range = summary.getRange(1, 1, 2, 2);
      range.setNumberFormats([['@', '@'], ['@', '"$"#,##0.00']]);
      range.setValues([['Vessel', 'Revenue'], ['Sea Lark', -1234.5]]);
      book.insertSheet('Detail').getRange('A1').setValue('not in the PDF');
      DriveApp.getFileById(book.getId()).moveTo(folder);
      var temp = SpreadsheetApp.create('temp');
      var copy = summary.copyTo(temp);
      temp.deleteSheet(temp.getSheets()[0]);
      copy.setName('Summary');
      folder.createFile(temp.getAs(MimeType.PDF).setName('June summary.pdf'));
      DriveApp.getFileById(temp.getId()).setTrashed(true);
      var again = SpreadsheetApp.openById(book.getId());
      var files = folder.getFilesByName('June report');
      return [again.getName(), files.next().getMimeType(), copy.getName(), temp.getSheets().length];
    }
    function openMissing() { SpreadsheetApp.openById('nope'); }`;

  it('creates, moves, copies between and exports spreadsheets; counts calls per sheet', () => {
    const h = harnessFor(code, { now: NOW, accountTimeZone: 'Europe/London' });
    expect(h.run('report')).toEqual([
      'June report',
      'application/vnd.google-apps.spreadsheet',
      'Summary',
      1,
    ]);
    const [book, temp] = h.createdSpreadsheets;
    if (!book || !temp) throw new Error('two spreadsheets expected');
    const report = h.workbook(book);
    expect(report.sheetNames()).toEqual(['Summary', 'Detail']);
    expect(report.timeZone).toBe('America/Los_Angeles');
    expect(h.workbook(temp).timeZone).toBe('Europe/London');
    expect(report.displayValues('Summary')).toEqual([
      ['Vessel', 'Revenue'],
      ['Sea Lark', '-$1,234.50'],
    ]);
    expect(report.calls('Summary').count('SpreadsheetApp.Range.setValues')).toBe(1);
    expect(report.calls('Detail').count('SpreadsheetApp.Range.setValues')).toBe(0);
    expect(report.calls('Detail').count('SpreadsheetApp.Range.setValue')).toBe(1);

    const folder = h.drive.folderAt('Reports');
    if (!folder) throw new Error('no Reports folder');
    const files = h.drive.filesIn(folder);
    expect(files.map((f) => f.getName())).toEqual(['June report', 'June summary.pdf']);
    const pdf = readHarnessPdf(files[1]?._blob._data ?? '');
    expect(pdf.sheets).toEqual([
      {
        name: 'Summary',
        values: [
          ['Vessel', 'Revenue'],
          ['Sea Lark', '-$1,234.50'],
        ],
      },
    ]);
    expect(h.drive.files.get(temp._id)?.isTrashed()).toBe(true);
    expect(() => h.run('openMissing')).toThrow('openById');
  });

  it('keeps SpreadsheetApp.create and openById from a simple trigger', () => {
    const h = harnessFor(`function onOpen() { SpreadsheetApp.create('x'); }`);
    expect(() => h.runSimpleTrigger('onOpen')).toThrow(
      'Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });
});
