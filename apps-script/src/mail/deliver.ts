import type { Notification } from '../../../shared/api/index.js';
import type { EdgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { sendNotifications } from './send-notifications.js';
import { readJournal, reportSent } from './sent-journal.js';

export interface Delivered {
  sent: number;
  leftForLater: number;
  waitingForTime: number;
  alreadySent: number;
  /** Sent but not recorded with the edge API (the journal keeps them; the next run records them). */
  unrecorded: number;
  /** Why recording failed. */
  recordingFailed?: string;
}

/**
 * Sends and records a batch of emails; returns counts. A failure to record
 * (POST /notified) after the emails went out is reported, not thrown: the
 * emails were sent, and the journal keeps them from going out twice.
 */
export function deliver(
  client: EdgeApiClient,
  notifications: Notification[],
  sender: string,
): Delivered {
  const journal = readJournal();
  const result = sendNotifications(notifications, sender, journal);
  const delivered: Delivered = {
    sent: result.sent.length,
    leftForLater: result.leftForLater.length,
    waitingForTime: result.waitingForTime.length,
    alreadySent: result.alreadySent.length,
    unrecorded: 0,
  };
  try {
    reportSent(client, journal);
  } catch (error) {
    if (!(error instanceof OfficeError)) throw error;
    delivered.recordingFailed = error.message;
    delivered.unrecorded = readJournal().ids().length;
  }
  return delivered;
}

/** What the office reads about sends that are not (yet) done, in every summary alike. */
export function pendingLines(counts: {
  leftForLater: number;
  waitingForTime: number;
  unrecorded: number;
  recordingFailed?: string;
}): string[] {
  return [
    ...(counts.leftForLater
      ? [`${counts.leftForLater} email(s) wait for tomorrow's Gmail quota; the timer sends them.`]
      : []),
    ...(counts.waitingForTime
      ? [
          `${counts.waitingForTime} email(s) wait: this run stopped sending before Apps Script's 6-minute limit; the timer sends them in its next run.`,
        ]
      : []),
    ...(counts.recordingFailed
      ? [
          `Recording ${counts.unrecorded} sent email(s) with the edge API failed (${counts.recordingFailed}); the timer records them, and nobody is emailed twice.`,
        ]
      : []),
  ];
}
