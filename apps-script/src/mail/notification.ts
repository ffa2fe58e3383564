/** An email the edge API rendered for the office to send (see GET /api/calls/due). */
export interface Notification {
  notification_id: string;
  call_id: string;
  charter_id: string;
  crew_id: string;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  ics: { filename: string; method: 'PUBLISH' | 'CANCEL'; content: string };
  link_url?: string;
}
