import { afterAll, describe, expect, it } from 'vitest';
import { harnessFor, removeTempScripts } from './load-script.js';

afterAll(removeTempScripts);

const caught = `
  function caught(fn) {
    try { return ['ok', fn()]; } catch (e) { return [e.name, e.message]; }
  }`;

describe('Properties are limited by bytes', () => {
  const code = `${caught}
    function setValue(text) {
      return caught(function () { PropertiesService.getScriptProperties().setProperty('K', text); return 'stored'; });
    }
    function fill(n, size, key) {
      return caught(function () {
        var props = PropertiesService.getUserProperties();
        for (var i = 0; i < n; i += 1) props.setProperty(key + i, new Array(size + 1).join('x'));
        return props.getKeys().length;
      });
    }`;

  it('refuses a value over 9 KB in UTF-8 bytes, though it has fewer characters', () => {
    const h = harnessFor(code);
    // 4,700 characters, 9,400 bytes: under 9 KB by length, over it by bytes.
    expect(h.run('setValue', 'é'.repeat(4700))).toEqual(['Exception', 'Argument too large: value']);
    expect(h.properties.script.getProperty('K')).toBeNull();
    expect(h.run('setValue', 'é'.repeat(4600))).toEqual(['ok', 'stored']);
  });

  it('refuses a store over 500 KB, keys included, and keeps what was stored', () => {
    const h = harnessFor(code);
    // 62 × (8,000 + 4) bytes fit in 512,000; the 64th does not.
    expect(h.run('fill', 62, 8000, 'k00')).toEqual(['ok', 62]);
    expect(h.run('fill', 64, 8000, 'k01')).toEqual([
      'Exception',
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    ]);
    expect(h.properties.user.getKeys().filter((k) => k.startsWith('k01'))).toHaveLength(1);
  });
});

describe('Sheets are limited by their grid and by 10 million cells', () => {
  const code = `${caught}
    function outside() {
      return caught(function () { return SpreadsheetApp.getActive().getSheetByName('Tab').getRange(1000, 1, 2, 1).getValues(); });
    }
    function grow(rows) {
      return caught(function () {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Tab');
        sheet.insertRowsAfter(sheet.getMaxRows(), rows);
        return sheet.getMaxRows();
      });
    }`;

  it('throws past the last row, and refuses to grow the spreadsheet past 10,000,000 cells', () => {
    const h = harnessFor(code, { sheets: { Tab: [['a']] } });
    // The one sheet, Tab: 1,000 rows × 26 columns.
    expect(h.run('outside')).toEqual([
      'Exception',
      'The coordinates of the range are outside the dimensions of the sheet.',
    ]);
    expect(h.run('grow', 380_000)).toEqual(['ok', 381_000]);
    // 381,000 × 26 = 9,906,000 cells; 3,700 more rows would make 10,002,200.
    expect(h.run('grow', 3_700)).toEqual([
      'Exception',
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    ]);
    expect(h.sheet('Tab').getMaxRows()).toBe(381_000);
  });
});

describe('MailApp draws from the daily recipient quota', () => {
  it('says how many are left and refuses a send past it', () => {
    const h = harnessFor(
      `${caught}
       function send(to) {
         return caught(function () { MailApp.sendEmail(to, 'Crew call', 'Body'); return MailApp.getRemainingDailyQuota(); });
       }`,
      { dailyEmailQuota: 2 },
    );
    expect(h.run('send', 'a@example.com')).toEqual(['ok', 1]);
    expect(h.run('send', 'b@example.com,c@example.com')).toEqual([
      'Exception',
      'Service invoked too many times for one day: email.',
    ]);
    expect(h.outbox).toHaveLength(1);
  });
});
