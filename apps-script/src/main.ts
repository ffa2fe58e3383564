import { recordOfficeEdit } from './availability/office-edits.js';
import { askOneCrewMember, callMoreCrew } from './crew-calls/call-more-crew.js';
import { cancelCharters } from './crew-calls/cancel-charter.js';
import { previewCrewCall } from './crew-calls/preview-crew-call.js';
import { sendCrewCalls } from './crew-calls/send-crew-calls.js';
import { pendingLines } from './mail/deliver.js';
import { addCrewMenu } from './menu/crew-menu.js';
import {
  BUSY_MESSAGE,
  PERSON_LOCK_WAIT_MS,
  runFromMenu,
  toast,
  whileNoOtherRun,
} from './office-run.js';
import { askForMonthlyReport, monthlyReportFromTrigger } from './reports/monthly-report.js';
import { askForSettings } from './settings/settings-dialog.js';
import { openAdminSidebar } from './sidebar/admin-sidebar.js';
import { sidebarFunctions } from './sidebar/sidebar-api.js';
import { installTriggers, noteTimerRun, removeTriggers } from './triggers/install.js';
import { runTick } from './triggers/tick.js';

/**
 * Every function Apps Script calls by name: simple triggers, menu items, the
 * timer. The build turns each key into a real top-level function of Code.js.
 * Each one that sends email, records sends or writes the report holds the
 * script lock (see office-run.ts): Send, Cancel (after its question), Sync
 * now, Monthly report (after its questions), the timer, the monthly trigger,
 * and Install/Remove triggers (which keep who runs the timer).
 */
export const entryPoints = {
  onOpen: () => addCrewMenu(),
  onInstall: () => addCrewMenu(),
  onEdit: (e: GoogleAppsScript.Events.SheetsOnEdit) => recordOfficeEdit(e),
  tick: () => {
    noteTimerRun();
    return runTick();
  },
  menuSendCrewCall: () => runFromMenu('Send crew call', () => whileNoOtherRun(sendCrewCalls)),
  menuPreviewCrewCall: () => runFromMenu('Preview crew call', previewCrewCall),
  menuCancelCharter: () => runFromMenu('Cancel charter', cancelCharters),
  menuCallMoreCrew: () => runFromMenu('Call more crew', callMoreCrew),
  menuAskOneCrewMember: () => runFromMenu('Ask one crew member', askOneCrewMember),
  menuSyncNow: () =>
    runFromMenu('Sync now', () => {
      const s = runTick(PERSON_LOCK_WAIT_MS);
      if (s.skippedBecauseBusy) return BUSY_MESSAGE;
      const text = `Escalated ${s.escalated} call(s), sent ${s.sent} email(s), updated ${s.chartersUpdated} charter row(s).`;
      toast(text);
      return [text, ...pendingLines(s), ...(s.monthlyReport ? [s.monthlyReport] : [])].join('\n');
    }),
  menuMonthlyReport: () => runFromMenu('Monthly report', askForMonthlyReport),
  monthlyReportTrigger: () => monthlyReportFromTrigger(),
  menuInstallTriggers: () =>
    runFromMenu('Install triggers', () => whileNoOtherRun(installTriggers)),
  menuRemoveTriggers: () => runFromMenu('Remove triggers', () => whileNoOtherRun(removeTriggers)),
  menuOpenSidebar: () =>
    runFromMenu('Admin sidebar', () => {
      openAdminSidebar();
      return undefined;
    }),
  menuSettings: () => runFromMenu('Settings', askForSettings),
  // Called by the admin sidebar through google.script.run (sidebar/contract.ts).
  ...sidebarFunctions,
};
