import { describeStoredCharterTime } from '../../../shared/charter/zoned-time.js';
import type { CallPartition, Notice, StoredCharter } from '../db/dispatch-table/index.js';
import { compareNames } from './name-order.js';
import {
  type OfficeAlert,
  openSeats,
  type ShortHandedReason,
  shortHandedNoticeId,
} from './short-handed.js';

/**
 * The office's short-handed email, apart from the rules that say when one is due: it tells the
 * charter's time with Intl, which a timer run with no email to write never loads.
 */

const STATE_WORDS: Record<string, string> = {
  asked: 'asked, no answer yet',
  confirmed: 'confirmed',
  declined: 'declined',
  standby: 'on standby',
  dropped: 'dropped out',
};

/** The office's email: which seats are open, who was asked, who declined and why. Pure. */
export function renderShortHandedAlert(
  charter: StoredCharter,
  p: CallPartition,
  notice: Notice,
  office: { email: string },
): OfficeAlert {
  const reason: ShortHandedReason =
    notice.notice_id === shortHandedNoticeId('departs_soon') ? 'departs_soon' : 'everyone_asked';
  const open = openSeats(p);
  const seats = open.map((s) => `${s.role} ${s.open}`).join(', ');
  // From the stored instants with Intl (the same text as luxon's): the timer's path stays without luxon.
  const when = describeStoredCharterTime(charter);
  const why =
    reason === 'everyone_asked'
      ? 'Everyone the crew call could ask has been asked, and the last answer window has passed.'
      : 'The charter leaves soon and seats are still open.';
  const asked = [...p.responses].sort(
    (a, b) => a.level - b.level || compareNames(a.role, b.role) || compareNames(a.name, b.name),
  );
  const askedLines = asked.map(
    (r) =>
      `- ${r.name} (${r.role}, level ${r.level}): ${STATE_WORDS[r.state] ?? r.state}${
        r.state === 'declined' ? (r.reason ? `: "${r.reason}"` : ': no reason given') : ''
      }`,
  );
  const declined = asked.filter((r) => r.state === 'declined');
  const lines = [
    `Charter ${charter.charter_id} (${when}) is short-handed.`,
    why,
    '',
    `Open seats: ${seats}`,
    '',
    `Asked (${asked.length}):`,
    ...(askedLines.length ? askedLines : ['- nobody']),
    '',
    `Declined: ${declined.length === 0 ? 'nobody' : declined.map((r) => `${r.name}${r.reason ? ` ("${r.reason}")` : ''}`).join(', ')}`,
    '',
    'To fill the seats: Crew > Call more crew re-reads the month tab, or ask one person by hand.',
  ];
  const text = lines.join('\n');
  const html = `<div style="font-family:sans-serif;font-size:15px">${lines
    .map((l) => (l === '' ? '<br>' : `<div>${escapeHtml(l)}</div>`))
    .join('')}</div>`;
  return {
    notification_id: `${notice.call_id}/${notice.notice_id}`,
    call_id: notice.call_id,
    charter_id: charter.charter_id,
    reason,
    open_seats: open,
    to: office.email,
    subject: `Short-handed: ${charter.charter_id} ${when}: ${seats} open`,
    text,
    html,
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
