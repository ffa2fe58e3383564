/** What an email is about; the office side sends the rendered text as it is. */
export type NotificationKind =
  | 'crew_call'
  | 'standby_offer'
  | 'confirmation'
  | 'cancellation'
  /** To the crew member who dropped out: they are off the charter, which still sails. */
  | 'dropped_out'
  /** Withdraws a tentative hold: the person declined. */
  | 'declined'
  /** Withdraws a tentative hold: the call filled before they answered. */
  | 'filled'
  | 'reminder'
  /** To confirmed crew: the charter's details (meeting point, notes, times…) changed. */
  | 'charter_updated';

/** The calendar invite attached to an email. */
export interface CalendarAttachment {
  filename: string;
  /** PUBLISH for a hold or a seat (no calendar replies: the crew page answers), CANCEL to withdraw it. */
  method: 'PUBLISH' | 'CANCEL';
  content: string;
}

/**
 * An email the edge API rendered for the office to send as-is (start, escalate,
 * cancel, reissue answers and GET /api/calls/due). Report it sent with
 * POST /api/calls/:callId/notified.
 */
export interface Notification {
  notification_id: string;
  call_id: string;
  charter_id: string;
  crew_id: string;
  kind: NotificationKind;
  to: string;
  subject: string;
  /** A complete small HTML email: inline styles only. */
  html: string;
  /** Plain-text alternative with the link on its own line. */
  text: string;
  ics: CalendarAttachment;
  /** The crew member's magic link, when the email carries one. */
  link_url?: string;
}
