import { afterAll, describe, expect, it } from 'vitest';
import { isKilled } from './index.js';
import { harnessFor, removeTempScripts } from './load-script.js';

afterAll(removeTempScripts);

const NOW = new Date('2025-06-02T16:00:00Z');

/** A batch sender: lenient (no lock) or careful (the script lock, a bounded wait). */
const senders = `
  function pending() {
    var props = PropertiesService.getScriptProperties();
    return ['a@example.com', 'b@example.com', 'c@example.com'].filter(function (to) {
      return !props.getProperty('sent:' + to);
    });
  }
  function sendAll() {
    pending().forEach(function (to) {
      MailApp.sendEmail(to, 'Crew call', 'Can you crew?');
      PropertiesService.getScriptProperties().setProperty('sent:' + to, 'yes');
    });
    return 'done';
  }
  function sendAllLocked() {
    var lock = LockService.getScriptLock();
    if (!lock.tryLock(10000)) return 'busy';
    sendAll();
    return 'done';
  }
  function who() {
    return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()];
  }`;

describe('overlapping executions', () => {
  it('starts a second execution inside the first one’s service call: lenient code sends twice', () => {
    const h = harnessFor(senders, { now: NOW });
    h.during('MailApp.sendEmail', 1, () => h.runTrigger('sendAll'));
    expect(h.run('sendAll')).toBe('done');
    // The timer ran right after the first email (before it was written down) and sent all
    // three; the first run, having read its list before, sent b and c again.
    expect(h.outbox.map((m) => m.to[0])).toEqual([
      'a@example.com',
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(h.executions.map((e) => [e.functionName, e.mode, e.outcome])).toEqual([
      ['sendAll', 'manual', 'completed'],
      ['sendAll', 'trigger', 'completed'],
    ]);
  });

  it('shares the script lock between executions: the second one waits, then gives up', () => {
    const h = harnessFor(senders, { now: NOW });
    let second: unknown;
    let waitedFrom = 0;
    h.during('MailApp.sendEmail', 1, () => {
      waitedFrom = h.clock.time;
      second = h.runTrigger('sendAllLocked');
    });
    expect(h.run('sendAllLocked')).toBe('done');
    expect(second).toBe('busy');
    expect(h.clock.time - waitedFrom).toBeGreaterThanOrEqual(10_000); // tryLock(10000) waited
    expect(h.outbox.map((m) => m.to[0])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(h.locks.isHeld('script')).toBe(false); // released when the first execution ended
  });

  it('throws Google’s lock timeout from waitLock, and hasLock is per execution', () => {
    const h = harnessFor(
      `function holder() {
         var lock = LockService.getScriptLock();
         lock.waitLock(1000);
         PropertiesService.getScriptProperties().setProperty('x', '1');
         return lock.hasLock();
       }
       function waiter() {
         var lock = LockService.getScriptLock();
         try { lock.waitLock(2000); return 'got it'; }
         catch (e) { return [e.name, e.message, lock.hasLock()]; }
       }
       function userLock() { return LockService.getUserLock().tryLock(0); }
       function documentLock() { return LockService.getDocumentLock().tryLock(0); }
       function holdDocumentLock() {
         LockService.getDocumentLock().waitLock(1000);
         PropertiesService.getScriptProperties().setProperty('z', '1');
       }
       function holdUserLock() {
         LockService.getUserLock().waitLock(1000);
         PropertiesService.getScriptProperties().setProperty('y', '1');
       }`,
      { now: NOW },
    );
    let waited: unknown;
    h.during('PropertiesService.Properties.setProperty', 1, () => {
      waited = h.as('office2@example.com').run('waiter');
    });
    expect(h.run('holder')).toBe(true);
    expect(waited).toEqual([
      'Exception',
      'Lock timeout: another process was holding the lock for too long.',
      false,
    ]);
    // A user lock is the user's: another user gets their own; the same user waits.
    const got: unknown[] = [];
    h.during('PropertiesService.Properties.setProperty', 1, () => {
      got.push(h.as('office2@example.com').run('userLock'), h.run('userLock'));
    });
    h.run('holdUserLock');
    expect(got).toEqual([true, false]);
    // The document lock is the sheet's: every user of it waits.
    const doc: unknown[] = [];
    h.during('PropertiesService.Properties.setProperty', 1, () => {
      doc.push(h.as('office2@example.com').run('documentLock'));
    });
    h.run('holdDocumentLock');
    expect(doc).toEqual([false]);
    expect(h.run('documentLock')).toBe(true); // released when its execution ended
  });
});

describe('users and their triggers', () => {
  const code = `${senders}
    function install() { ScriptApp.newTrigger('who').timeBased().everyMinutes(5).create(); }
    function mine() { return ScriptApp.getProjectTriggers().map(function (t) { return t.getUniqueId(); }); }
    function removeThis(trigger) {
      try { ScriptApp.deleteTrigger(trigger); return 'deleted'; } catch (e) { return e.message; }
    }
    function removeAll() {
      ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); });
      return ScriptApp.getProjectTriggers().length;
    }`;

  it('runs as the user at the sheet, or as the trigger’s owner', () => {
    const h = harnessFor(code, { now: NOW, userEmail: 'office@example.com' });
    expect(h.run('who')).toEqual(['office@example.com', 'office@example.com']);
    expect(h.as('office2@example.com').run('who')).toEqual([
      'office2@example.com',
      'office2@example.com',
    ]);
    h.as('office2@example.com').run('install');
    expect(h.runTrigger('who')).toEqual(['office2@example.com', 'office2@example.com']);
  });

  it('shows each user only their own triggers, so a second user’s install and remove miss the first’s', () => {
    const h = harnessFor(code, { now: NOW });
    h.run('install');
    const office2 = h.as('office2@example.com');
    // Lenient code that checks getProjectTriggers() before installing installs a second timer.
    expect(office2.run('mine')).toEqual([]);
    office2.run('install');
    expect(h.triggers.map((t) => [t.handler, t.owner])).toEqual([
      ['who', 'office@example.com'],
      ['who', 'office2@example.com'],
    ]);
    // …and "remove all" removes only one's own.
    expect(office2.run('removeAll')).toBe(0);
    expect(h.triggers.map((t) => t.owner)).toEqual(['office@example.com']);
    // Handed the first user's trigger anyway, deleting it fails.
    const first = h.triggers[0]?.id as string;
    expect(office2.run('removeThis', h.triggerHandle(first))).toBe(
      `Cannot delete trigger ${first}: it belongs to another user (office@example.com).`,
    );
    expect(h.run('removeThis', h.triggerHandle(first))).toBe('deleted');
    expect(h.triggers).toEqual([]);
  });
});

describe('the execution clock', () => {
  const code = `
    function sendMany(n) {
      for (var i = 0; i < n; i++) MailApp.sendEmail('crew' + i + '@example.com', 'Call', 'Hi');
      return 'all sent';
    }
    function sendWithinBudget(n) {
      var started = Date.now();
      var sent = 0;
      for (var i = 0; i < n; i++) {
        if (Date.now() - started > 5 * 60 * 1000) break;
        MailApp.sendEmail('crew' + i + '@example.com', 'Call', 'Hi');
        sent++;
      }
      return sent;
    }
    function onOpen() {
      var range = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1');
      for (var i = 0; i < 2000; i++) range.getValues();
      return 'opened';
    }`;

  it('kills a run past 6 minutes the way Google does: nothing more of it runs', () => {
    const h = harnessFor(code, { now: NOW, dailyEmailQuota: 1000 });
    expect(h.run('sendMany', 3)).toBe('all sent');
    // Each MailApp.sendEmail costs about a second: a 400-email loop never finishes.
    const long = h.run('sendMany', 400);
    expect(isKilled(long) && long.reason).toBe('Exceeded maximum execution time');
    expect(h.outbox.length).toBeGreaterThan(300 + 3);
    expect(h.outbox.length).toBeLessThan(400);
    const record = h.executions.at(-1);
    expect(record?.outcome).toBe('killed');
    expect(record?.error).toBe('Exceeded maximum execution time');
    expect(
      (record?.endedAt?.getTime() ?? 0) - (record?.startedAt.getTime() ?? 0),
    ).toBeLessThanOrEqual(6 * 60_000);
    expect(h.logs.at(-1)).toMatchObject({
      level: 'error',
      message: 'Exceeded maximum execution time',
    });
  });

  it('lets a run that keeps a time budget finish, and gives a simple trigger 30 seconds', () => {
    const h = harnessFor(code, { now: NOW, dailyEmailQuota: 1000 });
    const sent = h.run('sendWithinBudget', 400) as number;
    expect(sent).toBeGreaterThan(250);
    expect(sent).toBeLessThan(400);
    expect(h.executions.at(-1)?.outcome).toBe('completed');
    const opened = h.runSimpleTrigger('onOpen');
    expect(isKilled(opened) && opened.reason).toBe('Exceeded maximum execution time');
  });
});
