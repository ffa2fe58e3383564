import type { CancelAnswer } from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { type Delivered, deliver, pendingLines } from '../mail/deliver.js';
import { whileNoOtherRun } from '../office-run.js';
import { senderName } from '../settings/office-settings.js';
import { readChartersTab, writeSystemColumns } from '../sheet/charters-tab.js';
import { selectedCharterRows } from './selected-charters.js';

const emails = (n: number) => `${n} cancellation email${n === 1 ? '' : 's'}`;

/**
 * Crew › Cancel charter: after a yes, cancels each selected charter and emails calendar
 * cancellations. The question is asked before taking the script lock (a person may take
 * their time to answer); the cancelling and sending run under it.
 */
export function cancelCharters(): string | undefined {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const table = readChartersTab(spreadsheet);
  const rows = selectedCharterRows(spreadsheet, table);
  const ids = rows.map((r) => String(table.values[r]?.[table.columns.id as number]).trim());
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    'Cancel charter',
    `Cancel ${ids.join(', ')}? Everyone asked or confirmed gets a cancellation, and their links stop working.`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return undefined;
  return whileNoOtherRun(() => {
    const client = edgeApiClient();
    const sender = senderName();
    const updates = new Map<number, { status: string; crew: string }>();
    const lines: string[] = [];
    const pending = { leftForLater: 0, waitingForTime: 0, unrecorded: 0, recordingFailed: '' };
    rows.forEach((row, i) => {
      const id = ids[i] as string;
      const result = client.post<CancelAnswer>(`/api/charters/${id}/cancel`, {});
      const delivered = deliver(client, result.notifications, sender);
      pending.leftForLater += delivered.leftForLater;
      pending.waitingForTime += delivered.waitingForTime;
      if (delivered.recordingFailed) {
        pending.recordingFailed = delivered.recordingFailed;
        pending.unrecorded = delivered.unrecorded;
      }
      updates.set(row, { status: 'cancelled', crew: '' });
      lines.push(`${id}: ${describeCancel(result.already_cancelled === true, delivered)}`);
    });
    writeSystemColumns(table, updates, new Date());
    return [...lines, ...pendingLines(pending)].join('\n');
  });
}

function describeCancel(alreadyCancelled: boolean, delivered: Delivered): string {
  if (!alreadyCancelled) return `cancelled, ${emails(delivered.sent)} sent`;
  if (delivered.sent === 0) {
    return 'was already cancelled; no cancellation emails sent this time (everyone asked had theirs).';
  }
  return `was already cancelled; sent the ${emails(delivered.sent)} still owed from the first time.`;
}
