import type { Notification } from '../../../shared/api/index.js';
import { executionBudget, type SendBudget } from '../run-budget.js';
import { readJournal, type SentJournal } from './sent-journal.js';

export interface SendResult {
  sent: Notification[];
  /** Not sent because the day's email quota ran out; the next run sends them. */
  leftForLater: Notification[];
  /** Not sent because this run is near Apps Script's 6-minute limit; the next timer run sends them. */
  waitingForTime: Notification[];
  /** Sent by an earlier run that did not get to report them. */
  alreadySent: Notification[];
}

/**
 * Sends the edge API's emails: HTML body, plain-text alternative, the .ics
 * invite attached. Checks the day's remaining quota first and sends only what
 * fits, and starts no send once the run is near its time limit. Each send is
 * journaled before the next.
 *
 * MailApp rather than GmailApp: both send the same message, but GmailApp
 * needs the full-mailbox scope (https://mail.google.com/) while MailApp needs
 * only script.send_mail, and crewcall never reads anyone's mail.
 */
export function sendNotifications(
  notifications: Notification[],
  senderName: string,
  journal: SentJournal = readJournal(),
  budget: SendBudget = executionBudget(),
): SendResult {
  const result: SendResult = { sent: [], leftForLater: [], waitingForTime: [], alreadySent: [] };
  let quota = MailApp.getRemainingDailyQuota();
  for (const n of notifications) {
    if (journal.has(n.notification_id)) {
      result.alreadySent.push(n);
      continue;
    }
    if (quota <= 0) {
      result.leftForLater.push(n);
      continue;
    }
    if (!budget.canStartSend()) {
      result.waitingForTime.push(n);
      continue;
    }
    MailApp.sendEmail(n.to, n.subject, n.text, {
      htmlBody: n.html,
      name: senderName,
      attachments: [
        Utilities.newBlob(
          n.ics.content,
          `text/calendar; charset=utf-8; method=${n.ics.method}`,
          n.ics.filename,
        ),
      ],
    });
    quota--;
    journal.add(n.notification_id);
    result.sent.push(n);
  }
  return result;
}
