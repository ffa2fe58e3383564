import { edgeApiClient } from '../edge-api/client.js';
import type { Notification } from '../mail/notification.js';
import { scriptSetting } from '../office-run.js';
import { readChartersTab, writeSystemColumns } from '../sheet/charters-tab.js';
import { selectedCharterRows } from './selected-charters.js';
import { deliver } from './send-crew-calls.js';

/** Crew › Cancel charter: after a yes, cancels each selected charter and emails calendar cancellations. */
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
  const client = edgeApiClient();
  const sender = scriptSetting('CREWCALL_SENDER_NAME', spreadsheet.getName());
  const updates = new Map<number, { status: string; crew: string }>();
  const lines: string[] = [];
  rows.forEach((row, i) => {
    const id = ids[i] as string;
    const result = client.post<{ notifications: Notification[] }>(`/api/charters/${id}/cancel`, {});
    const delivered = deliver(client, result.notifications, sender);
    updates.set(row, { status: 'cancelled', crew: '' });
    lines.push(
      `${id}: cancelled, ${delivered.sent} cancellation email${delivered.sent === 1 ? '' : 's'} sent`,
    );
  });
  writeSystemColumns(table, updates, new Date());
  return lines.join('\n');
}
