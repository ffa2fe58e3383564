import type { StoredCharter } from '../db/dispatch-table/charters.js';
import type { CallPartition, Notice, NoticeKind } from '../db/dispatch-table/index.js';
import { signLinkToken } from '../magic-links/link-token.js';
import {
  type RenderedNotification,
  renderNotification,
} from '../notifications/render-notification.js';
import type { CallDeps } from './call-deps.js';
import { offeredSeats, seatWords } from './offered-seats.js';

/** An email the office side must send, rendered by the edge API. */
export interface OutgoingNotification extends RenderedNotification {
  /** Report this id to POST /api/calls/:callId/notified once sent. */
  notification_id: string;
  call_id: string;
  charter_id: string;
  crew_id: string;
  kind: Exclude<NoticeKind, 'short_handed'>;
  link_url?: string;
}

/**
 * How long an email handed out in a start, escalate, cancel or reissue answer is
 * left to that caller: GET /api/calls/due lists it only after this, as a crashed
 * run's leftover. Longer than any office run (Apps Script stops a run at 6 minutes).
 */
export const SEND_LEASE_MS = 10 * 60_000;

export const sendLeaseUntil = (now: Date) => new Date(now.getTime() + SEND_LEASE_MS).toISOString();

export const notificationId = (n: Pick<Notice, 'call_id' | 'notice_id'>) =>
  `${n.call_id}/${n.notice_id}`;

/**
 * The link a notice carries, from what is stored (the notice's link stamp and the call's
 * charter): the same notice always gives the same link, so it is never stored.
 */
export async function crewPageUrl(
  deps: Pick<CallDeps, 'linkKeys' | 'publicBaseUrl'>,
  n: Notice,
  charterId: string,
): Promise<string | undefined> {
  if (!n.link) return undefined;
  const ids = { call_id: n.call_id, crew_id: n.crew_id };
  const token = await signLinkToken(
    deps.linkKeys,
    { ...ids, ...n.link },
    { kind: 'call', ...ids, charter_id: charterId },
  );
  return `${deps.publicBaseUrl}/m/${token}`;
}

/** Renders stored notices; the same notice always renders the same link. */
export async function renderNotices(
  deps: Pick<CallDeps, 'linkKeys' | 'publicBaseUrl' | 'office' | 'now'>,
  charter: StoredCharter,
  partition: CallPartition,
  notices: readonly Notice[],
): Promise<OutgoingNotification[]> {
  const out: OutgoingNotification[] = [];
  for (const n of notices) {
    // The office's own emails are rendered apart (short-handed.ts).
    const kind = n.kind;
    if (kind === 'short_handed') continue;
    const r = partition.responses.find((x) => x.crew_id === n.crew_id);
    if (!r) continue;
    const link_url = await crewPageUrl(deps, n, partition.call.charter_id);
    // A crew call offers every seat the person may take, due when the latest level offering one closes.
    const offered = offeredSeats(r);
    const respondBy =
      n.kind === 'crew_call'
        ? partition.call.opened.find((l) => l.level === Math.max(...offered.map((s) => s.level)))
            ?.closes_at
        : undefined;
    const role = n.kind === 'crew_call' && r.state === 'asked' ? seatWords(r) : r.role;
    const rendered = renderNotification({
      kind,
      charter,
      recipient: { crew_id: r.crew_id, name: r.name, email: r.email, role },
      pay: r.day_rate,
      ...(link_url ? { link_url } : {}),
      ...(respondBy ? { respond_by: respondBy } : {}),
      office: deps.office,
      sequence: n.sequence,
      ...(n.changed ? { changed: n.changed } : {}),
      ...(partition.call.calendar_round ? { calendar_round: partition.call.calendar_round } : {}),
      stamp: new Date(n.created_at),
      now: deps.now(),
    });
    out.push({
      notification_id: notificationId(n),
      call_id: n.call_id,
      charter_id: charter.charter_id,
      crew_id: n.crew_id,
      kind,
      ...rendered,
      ...(link_url ? { link_url } : {}),
    });
  }
  return out;
}
