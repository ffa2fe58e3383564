import { afterAll, describe, expect, it } from 'vitest';
import { isKilled } from './index.js';
import { harnessFor, removeTempScripts } from './load-script.js';

afterAll(removeTempScripts);

const NOW = new Date('2025-06-02T16:00:00Z'); // 09:00 in Los Angeles

describe('the vm context', () => {
  it('holds the Apps Script globals and the JS built-ins, nothing from Node', () => {
    const h = harnessFor(`
      function probe() {
        return {
          node: [typeof require, typeof process, typeof Buffer, typeof fetch, typeof setTimeout,
                 typeof setInterval, typeof queueMicrotask, typeof module, typeof global],
          gas: [typeof SpreadsheetApp, typeof GmailApp, typeof MailApp, typeof DriveApp,
                typeof UrlFetchApp, typeof PropertiesService, typeof LockService, typeof CacheService,
                typeof ScriptApp, typeof HtmlService, typeof Utilities, typeof Session,
                typeof Logger, typeof console, typeof MimeType],
          builtins: [typeof JSON, typeof Math, typeof Intl, typeof Map, typeof Promise],
          internals: [typeof SpreadsheetApp.spreadsheet, typeof SpreadsheetApp.runtime],
        };
      }`);
    const result = h.run('probe') as Record<string, string[]>;
    expect(result.node).toEqual(Array(9).fill('undefined'));
    expect(result.gas).toEqual(Array(15).fill('object'));
    expect(result.builtins).toEqual(['object', 'object', 'object', 'function', 'function']);
    expect(result.internals).toEqual(['undefined', 'undefined']);
  });

  it('starts every run from a fresh context, like each Apps Script execution', () => {
    const h = harnessFor('var runs = 0; function count() { runs += 1; return runs; }');
    expect(h.run('count')).toBe(1);
    expect(h.run('count')).toBe(1);
    expect(() => h.run('nope')).toThrow('Script function not found: nope');
  });

  it('gives the script the harness clock and its own time zone', () => {
    const h = harnessFor(
      `function now() {
        var d = new Date(2025, 0, 5, 10, 30);
        return [Date.now(), new Date().getTime(), new Date().getHours(), d.toISOString(),
                new Date() instanceof Date];
      }
      function nap() { Utilities.sleep(90000); return new Date().getTime(); }`,
      { now: NOW, timeZone: 'America/Los_Angeles' },
    );
    expect(h.run('now')).toEqual([
      NOW.getTime(),
      NOW.getTime(),
      9,
      '2025-01-05T18:30:00.000Z',
      true,
    ]);
    expect(h.run('nap')).toBe(NOW.getTime() + 90_000);
    h.clock.advance(60_000);
    expect((h.run('now') as number[])[0]).toBe(NOW.getTime() + 150_000);
  });
});

describe('SpreadsheetApp', () => {
  const code = `
    function onOpen() {
      SpreadsheetApp.getUi().createMenu('Crew')
        .addItem('Send crew call', 'sendCall')
        .addSeparator()
        .addSubMenu(SpreadsheetApp.getUi().createMenu('Admin').addItem('Roster', 'showRoster'))
        .addToUi();
    }
    function sendCall() {
      var range = SpreadsheetApp.getActiveRange();
      SpreadsheetApp.getActiveSpreadsheet().toast('Calling ' + range.getA1Notation(), 'Crew', 5);
    }
    function copyDates() {
      var sheet = SpreadsheetApp.getActive().getSheetByName('June');
      var values = sheet.getDataRange().getValues();
      var isDate = values[1][1] instanceof Date;
      values[1][0] = 'changed in memory only';
      var again = sheet.getRange(2, 1).getValue();
      sheet.getRange(2, 3, 1, 2).setValues([[values[1][1], values[1][1].getTime()]]);
      return [isDate, again, sheet.getLastRow(), sheet.getLastColumn(), Array.isArray(values)];
    }
    function mismatch(rows) {
      var range = SpreadsheetApp.getActive().getSheetByName('June').getRange('A1:B2');
      try {
        range.setValues(rows);
      } catch (e) {
        return [e instanceof Error, e.name, e.message, String(e)];
      }
    }
    function write(a1, value, format) {
      var range = SpreadsheetApp.getActive().getSheetByName('June').getRange(a1);
      if (format) range.setNumberFormat(format);
      range.setValue(value);
    }
    function append(row) { SpreadsheetApp.getActive().getSheetByName('June').appendRow(row); }
    function badRange() { SpreadsheetApp.getActive().getSheetByName('June').getRange(undefined, 1); }`;
  const june = () => [
    ['Crew', 'Available'],
    ['Crew A', new Date('2025-06-14T15:00:00Z')],
  ];

  it('records menus and runs the function behind a menu item, on the selection', () => {
    const h = harnessFor(code, { now: NOW, sheets: { June: june() } });
    h.runSimpleTrigger('onOpen');
    expect(h.menus).toEqual([
      {
        caption: 'Crew',
        items: [
          { caption: 'Send crew call', functionName: 'sendCall' },
          { separator: true },
          {
            subMenu: {
              caption: 'Admin',
              items: [{ caption: 'Roster', functionName: 'showRoster' }],
            },
          },
        ],
      },
    ]);
    h.select('June', 'A2:B2');
    h.clickMenu('Crew', 'Send crew call');
    expect(h.toasts).toEqual([
      {
        message: 'Calling A2:B2',
        title: 'Crew',
        timeoutSeconds: 5,
        visible: true,
        at: expect.any(Date), // NOW plus the calls' cost on the clock
      },
    ]);
  });

  it('round-trips Dates through getValues/setValues and returns copies', () => {
    const h = harnessFor(code, { sheets: { June: june() } });
    expect(h.run('copyDates')).toEqual([true, 'Crew A', 2, 4, true]);
    const available = new Date('2025-06-14T15:00:00Z');
    expect(h.sheetValues('June')).toEqual([
      ['Crew', 'Available', '', ''],
      ['Crew A', available, available, available.getTime()],
    ]);
    const copy = h.range('June', 'C2').getValue() as Date;
    copy.setFullYear(2000);
    expect(h.range('June', 'C2').getValue()).toEqual(available);
  });

  it('checks setValues dimensions with Apps Script messages, as the vm realm Error', () => {
    const h = harnessFor(code, { sheets: { June: june() } });
    expect(h.run('mismatch', [[1, 2]])).toEqual([
      true,
      'Exception',
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
    expect((h.run('mismatch', [[1, 2], [3]]) as string[])[2]).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(h.sheetValues('June')[0]).toEqual(['Crew', 'Available']);
    expect(() => h.run('badRange')).toThrow(
      "The parameters (null,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  it('stores text starting with = (or + / -) as a formula unless it is @-formatted or quoted', () => {
    const h = harnessFor(code, { sheets: { June: june() } });
    h.run('write', 'A3', '=1+1');
    h.run('write', 'B3', "'=1+1");
    h.run('write', 'C3', '=1+1', '@');
    h.run('write', 'D3', '+1 555 0100');
    h.run('write', 'E3', '0042');
    h.run('write', 'F3', '2025-06-14');
    h.run('append', ['=HYPERLINK("https://example.com")', 'TRUE', '-', "'0042"]);
    expect(h.formulas('June').slice(2)).toEqual([
      ['=1+1', '', '', '=+1 555 0100', '', ''],
      ['=HYPERLINK("https://example.com")', '', '', '', '', ''],
    ]);
    expect(h.sheetValues('June').slice(2)).toEqual([
      ['#ERROR!', '=1+1', '=1+1', '#ERROR!', 42, new Date('2025-06-14T07:00:00Z')],
      ['#ERROR!', true, '-', '0042', '', ''],
    ]);
    expect(h.cell('June', 'C3')?.numberFormat).toBe('@');
    expect(h.displayValues('June')[2]?.[5]).toBe('6/14/2025');
  });
});

describe('the UI', () => {
  it('answers alerts and prompts as the test scripted them, and records dialogs', () => {
    const h = harnessFor(`
      function confirmSend() {
        var ui = SpreadsheetApp.getUi();
        var name = ui.prompt('Charter', 'Charter name?', ui.ButtonSet.OK_CANCEL);
        if (name.getSelectedButton() !== ui.Button.OK) return 'cancelled';
        var answer = ui.alert('Send', 'Call crew for ' + name.getResponseText() + '?', ui.ButtonSet.YES_NO);
        ui.alert('Done');
        ui.showModalDialog(HtmlService.createHtmlOutput('<b>sent</b>').setWidth(200), 'Result');
        return answer === ui.Button.YES ? 'sent' : 'kept';
      }`);
    h.ui.queuePrompt('Sunset cruise');
    h.ui.queueAlert('YES');
    expect(h.run('confirmSend')).toBe('sent');
    expect(h.ui.prompts.map((p) => [p.prompt, p.buttons, p.responseText])).toEqual([
      ['Charter name?', 'OK_CANCEL', 'Sunset cruise'],
    ]);
    expect(h.alerts.map((a) => [a.title, a.prompt, a.buttons, a.response])).toEqual([
      ['Send', 'Call crew for Sunset cruise?', 'YES_NO', 'YES'],
      ['', 'Done', 'OK', 'OK'],
    ]);
    expect(h.ui.dialogs[0]).toMatchObject({
      kind: 'modal',
      title: 'Result',
      html: '<b>sent</b>',
      width: 200,
    });
    h.ui.queuePrompt('', 'CANCEL');
    expect(h.run('confirmSend')).toBe('cancelled');
    h.ui.queuePrompt('Whale watch');
    expect(() => h.run('confirmSend')).toThrow('queueAlert() first'); // a YES_NO nobody answered
  });

  it('shows values through their number formats', () => {
    const h = harnessFor(
      `function fmt() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange('A1:D1').setValues([[new Date(Date.UTC(2025, 5, 14, 15, 5)), 3.5, 0.25, 1234.5]]);
        sheet.getRange('A1:D1').setNumberFormats([['ddd yyyy-mm-dd h:mm am/pm', '0.00', '0%', '#,##0.00']]);
        return sheet.getRange('A1:D1').getDisplayValues()[0];
      }`,
      { timeZone: 'America/Los_Angeles' },
    );
    expect(h.run('fmt')).toEqual(['Sat 2025-06-14 8:05 AM', '3.50', '25%', '1,234.50']);
  });
});

describe('GmailApp and MailApp', () => {
  const code = `
    function send(to, cc) {
      var blob = Utilities.newBlob('BEGIN:VCALENDAR', 'text/calendar', 'charter.ics');
      GmailApp.sendEmail(to, 'Crew call', 'Plain body', {
        cc: cc, htmlBody: '<p>Hi</p>', name: 'Crewcall Office', replyTo: 'office@example.com',
        attachments: [blob],
      });
      return MailApp.getRemainingDailyQuota();
    }
    function sendMany(n) {
      for (var i = 0; i < n; i++) {
        try { MailApp.sendEmail('crew' + i + '@example.com', 'Call ' + i, 'Body'); } catch (e) {}
      }
      PropertiesService.getScriptProperties().setProperty('finished', 'yes');
    }`;

  it('sends to an outbox and draws every recipient from the shared daily quota', () => {
    const h = harnessFor(code, { dailyEmailQuota: 3, now: NOW });
    expect(h.run('send', 'crew1@example.com', 'crew2@example.com')).toBe(1);
    expect(h.outbox).toHaveLength(1);
    expect(h.outbox[0]).toMatchObject({
      via: 'GmailApp',
      to: ['crew1@example.com'],
      cc: ['crew2@example.com'],
      subject: 'Crew call',
      htmlBody: '<p>Hi</p>',
      name: 'Crewcall Office',
      sentAt: expect.any(Date),
      attachments: [{ name: 'charter.ics', contentType: 'text/calendar', text: 'BEGIN:VCALENDAR' }],
    });
    expect(() => h.run('send', 'crew3@example.com', 'crew4@example.com')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    h.emailQuota = 0;
    expect(() => h.run('send', 'crew3@example.com', '')).toThrow('Service invoked too many times');
    expect(() => h.run('send', 'not-an-address', '')).toThrow('Invalid email: not-an-address');
    expect(h.outbox).toHaveLength(1);
  });

  it('kills a run mid-send: the script cannot catch its way past it', () => {
    const h = harnessFor(code);
    h.killAfterSends(2);
    expect(isKilled(h.run('sendMany', 5))).toBe(true);
    expect(h.outbox.map((m) => m.subject)).toEqual(['Call 0', 'Call 1']);
    expect(h.properties.script.getProperty('finished')).toBeNull();
    expect(h.run('sendMany', 1)).toBeUndefined();
    expect(h.properties.script.getProperty('finished')).toBe('yes');
  });
});

describe('call counting', () => {
  it('counts every service call by Service.Class.method', () => {
    const h = harnessFor(`
      function read() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        for (var i = 1; i <= 3; i++) sheet.getRange(i, 1).getValues();
        Logger.log('read %s rows', 3);
      }`);
    h.run('read');
    expect(h.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
    expect(h.calls.count('SpreadsheetApp.Spreadsheet.getSheets')).toBe(1);
    expect(h.calls.count('SpreadsheetApp.Sheet.getRange')).toBe(3);
    expect(h.calls.count('SpreadsheetApp.Range.getValues')).toBe(3);
    expect(h.calls.total('SpreadsheetApp.')).toBe(8);
    expect(h.logs.map((l) => l.message)).toEqual(['read 3 rows']);
    h.calls.reset();
    expect(h.calls.total()).toBe(0);
  });
});
