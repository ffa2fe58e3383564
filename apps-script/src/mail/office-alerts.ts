import type { OfficeAlert } from '../../../shared/api/index.js';
import { executionBudget, type SendBudget } from '../run-budget.js';
import { readJournal, type SentJournal } from './sent-journal.js';

/**
 * Sends the office's own emails (a call is short-handed). Journaled like crew
 * emails, so a run that dies before reporting them never sends them again, and
 * the edge API lists each only until it is reported sent: one email per call
 * and reason, whatever the timer's retries.
 */
export function sendOfficeAlerts(
  alerts: readonly OfficeAlert[],
  senderName: string,
  journal: SentJournal = readJournal(),
  budget: SendBudget = executionBudget(),
): number {
  let sent = 0;
  for (const a of alerts) {
    if (journal.has(a.notification_id)) continue;
    if (MailApp.getRemainingDailyQuota() <= 0 || !budget.canStartSend()) break;
    MailApp.sendEmail(a.to, a.subject, a.text, { htmlBody: a.html, name: senderName });
    journal.add(a.notification_id);
    sent++;
  }
  return sent;
}
