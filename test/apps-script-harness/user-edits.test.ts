import { afterAll, describe, expect, it } from 'vitest';
import { harnessFor, removeTempScripts } from './load-script.js';

afterAll(removeTempScripts);

// The onEdit event as Google gives it to a simple trigger
// (https://developers.google.com/apps-script/guides/triggers/events#edit).
const script = `
  function onEdit(e) {
    var log = PropertiesService.getDocumentProperties();
    log.setProperty('edits', (log.getProperty('edits') || '') + JSON.stringify({
      mode: String(e.authMode), a1: e.range.getA1Notation(), tab: e.range.getSheet().getName(),
      value: e.value, oldValue: e.oldValue, hasValue: 'value' in e, hasOld: 'oldValue' in e,
      source: e.source.getName()
    }) + '\\n');
  }
  function mailFromOnEdit(e) { MailApp.sendEmail('a@example.com', 's', 'b'); }
  function scriptWrites() {
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Dec').getRange('B2').setValue('N');
  }`;

const edits = (h: ReturnType<typeof harnessFor>) =>
  (h.properties.document._store.get('edits') ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('a person typing into cells (typeInto)', () => {
  it('stores the value as typed text is stored and fires onEdit in AuthMode.LIMITED', () => {
    const h = harnessFor(script, {
      sheets: {
        Dec: [
          ['Date', 'Teresa'],
          ['', 'Y'],
        ],
      },
    });
    h.typeInto('Dec', 'B2', [['14:00']]);
    // Typed "14:00" is a time at Google, not text.
    expect(h.range('Dec', 'B2').getValue()).toBeInstanceOf(Date);
    expect(edits(h)).toEqual([
      expect.objectContaining({
        mode: 'LIMITED',
        a1: 'B2',
        tab: 'Dec',
        hasValue: true,
        oldValue: 'Y',
      }),
    ]);
  });

  it('a multi-cell paste gives the whole range and no value or oldValue', () => {
    const h = harnessFor(script, { sheets: { Dec: [['Date', 'Teresa', 'Abdul']] } });
    h.typeInto('Dec', 'B2:C3', [
      ['Y', 'N'],
      ['AM', 'PM'],
    ]);
    expect(edits(h)).toEqual([
      expect.objectContaining({ a1: 'B2:C3', hasValue: false, hasOld: false }),
    ]);
  });

  it("a script's own writes fire no onEdit", () => {
    const h = harnessFor(script, { sheets: { Dec: [['Date', 'Teresa']] } });
    h.run('scriptWrites');
    expect(h.range('Dec', 'B2').getValue()).toBe('N');
    expect(edits(h)).toEqual([]);
  });

  it('a simple trigger may not send mail (LIMITED)', () => {
    const h = harnessFor(script, { sheets: { Dec: [['Date']] } });
    expect(() => h.runSimpleTrigger('mailFromOnEdit')).toThrow(/permission/);
  });
});
