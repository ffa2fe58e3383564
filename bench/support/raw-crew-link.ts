import { decisionTiming } from '../../edge-api/src/crew-calls/crew-responses.js';
import type { Db } from '../../edge-api/src/db/client.js';
import {
  acceptItems,
  type CrewActionItems,
  currentLink,
  getCrewActionItems,
  getLink,
  type LinkRecord,
  transact,
} from '../../edge-api/src/db/dispatch-table/index.js';

/**
 * The DynamoDB operations behind GET and POST /m/:token, issued with the data
 * layer's own reads and transaction builders (the same items, conditions and
 * order as openCrewLink and acceptSeat) with no HTTP, routing, JWT or page rendering.
 */

export interface RawView extends CrewActionItems {
  link: LinkRecord;
}

/** openCrewLink's reads: GetItem LINK, then one BatchGetItem of the response, the call and the charter. */
export async function rawPageView(db: Db, linkHash: string): Promise<RawView> {
  const link = await getLink(db, linkHash, false);
  if (!link) throw new Error(`bench raw: no link record for ${linkHash}`);
  const items = await getCrewActionItems(db, link);
  if (!items.response || !items.call || !items.charter) {
    throw new Error(`bench raw: call ${link.call_id} is missing an item`);
  }
  return { link, ...items };
}

/** acceptSeat's DynamoDB work: the page view's reads and its one transaction. */
export async function rawAccept(db: Db, linkHash: string, now = new Date()): Promise<void> {
  const { link, response: r, call, charter } = await rawPageView(db, linkHash);
  if (!r || !call || !charter) throw new Error('bench raw: unreachable');
  // The app would mark the call filled with the last seat; the bench keeps seats open so it never does.
  if (call.seats_open === undefined || call.seats_open <= 1) {
    throw new Error(`bench raw: call ${call.call_id} is about to fill; the bench keeps seats open`);
  }
  const at = now.toISOString();
  const timing = decisionTiming(r, now);
  const result = await transact(
    db,
    acceptItems(db, {
      linkHash: link.link_hash,
      response: r,
      who: { first_name: r.first_name, role: r.role },
      seatsOpen: { kept: true, open: call.seats_open },
      startsAt: charter.starts_at,
      at,
      timing,
      confirmation: {
        notice_id: `confirm-${r.crew_id}-${r.link_issue}`,
        call_id: r.call_id,
        crew_id: r.crew_id,
        kind: 'confirmation',
        link: currentLink(r),
        sequence: r.next_sequence,
        created_at: at,
      },
      change: {
        at,
        type: 'response',
        charter_id: charter.charter_id,
        call_id: r.call_id,
        crew_id: r.crew_id,
        name: r.name,
        role: r.role,
        state: 'confirmed',
        level: r.level,
        decided_within_a_minute: timing.decided_within_a_minute,
      },
    }),
  );
  if (!result.ok) throw new Error(`bench raw: accept refused by ${[...result.failed].join(', ')}`);
}
