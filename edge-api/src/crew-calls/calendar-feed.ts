import type { FeedLinkAnswer, RevokeLinkAnswer } from '../../../shared/api/links.js';
import {
  type FeedPointer,
  getFeedLookup,
  getFeedPointer,
  recordFeed,
  revokeFeed,
} from '../db/dispatch-table/index.js';
import { getCrewMember } from '../db/roster-table.js';
import { notFound, UserError } from '../errors/index.js';
import { FEED_TOKEN, feedToken, feedTokenHash } from '../magic-links/feed-token.js';
import type { CallDeps } from './call-deps.js';
import { notActive } from './not-active.js';

/** Where a feed token is served: `/cal/<token>.ics`. */
const feedPath = (token: string) => `/cal/${token}.ics`;

const answerFor = (deps: CallDeps, pointer: FeedPointer, token: string): FeedLinkAnswer => {
  const url = `${deps.publicBaseUrl}${feedPath(token)}`;
  return {
    crew_id: pointer.crew_id,
    url,
    webcal_url: url.replace(/^https?:/, 'webcal:'),
    issue: pointer.issue,
  };
};

/**
 * Issues a crew member's calendar feed, or a new one in place of the current one
 * (whose URL then stops answering). Guarded by the issue read: of two at once, one wins.
 */
export async function issueFeed(deps: CallDeps, crewId: string): Promise<FeedLinkAnswer> {
  const member = await getCrewMember(deps.db, crewId);
  if (!member) throw notFound(`crew member ${crewId}`);
  if (!member.active) throw notActive(member, 'a calendar feed');
  return replaceFeed(deps, crewId, await getFeedPointer(deps.db, crewId));
}

/** Writes the next feed after `previous` (as the caller read it); a 409 if it changed since. */
async function replaceFeed(
  deps: CallDeps,
  crewId: string,
  previous: FeedPointer | undefined,
): Promise<FeedLinkAnswer> {
  const kid = deps.linkKeys[0]?.kid as string;
  const issue = (previous?.issue ?? 0) + 1;
  const token = feedToken(deps.linkKeys, { crew_id: crewId, issue, kid }) as string;
  const pointer: FeedPointer = {
    crew_id: crewId,
    issue,
    kid,
    state: 'live',
    issued_at: deps.now().toISOString(),
    token_hash: feedTokenHash(token),
  };
  if (!(await recordFeed(deps.db, pointer, previous)))
    throw new UserError(
      409,
      'link_changed',
      'another calendar feed was issued or revoked at the same moment; try again',
    );
  return answerFor(deps, pointer, token);
}

/** The portal's "Get my calendar link": a feed only if the person has none live (a second press changes nothing). */
export async function ensureFeed(deps: CallDeps, crewId: string): Promise<void> {
  const current = await getFeedPointer(deps.db, crewId);
  if (current?.state === 'live' && feedToken(deps.linkKeys, current)) return;
  try {
    // Guarded by what was read here: a press racing another leaves the winner's feed alone.
    await replaceFeed(deps, crewId, current);
  } catch (error) {
    // Another press (or the office) issued one at the same moment: that one stands.
    if (!(error instanceof UserError && error.code === 'link_changed')) throw error;
  }
}

/** Stops a crew member's feed: its URL answers 404 from now on. */
export async function revokeCrewFeed(deps: CallDeps, crewId: string): Promise<RevokeLinkAnswer> {
  const member = await getCrewMember(deps.db, crewId);
  if (!member) throw notFound(`crew member ${crewId}`);
  const current = await getFeedPointer(deps.db, crewId);
  if (!current)
    throw new UserError(404, 'not_found', `${member.name} (${crewId}) has no calendar feed`);
  if (current.state === 'revoked')
    return { crew_id: crewId, kind: 'feed', issue: current.issue, revoked: false };
  if (!(await revokeFeed(deps.db, current, deps.now().toISOString())))
    throw new UserError(
      409,
      'link_changed',
      'the calendar feed was reissued or revoked at the same moment; look again',
    );
  return { crew_id: crewId, kind: 'feed', issue: current.issue, revoked: true };
}

/** How often stopping a feed is tried again when a reissue lands between its read and write. */
const STOP_RETRIES = 3;

/**
 * Stops a person's feed if one is live (deactivation); true when this call stopped it.
 * Safe to run again: a revoked feed is left as it is.
 */
export async function stopFeed(
  deps: Pick<CallDeps, 'db' | 'now'>,
  crewId: string,
): Promise<boolean> {
  for (let attempt = 0; attempt <= STOP_RETRIES; attempt++) {
    const current = await getFeedPointer(deps.db, crewId);
    if (current?.state !== 'live') return false;
    if (await revokeFeed(deps.db, current, deps.now().toISOString())) return true;
  }
  throw new UserError(
    409,
    'link_changed',
    'the calendar feed kept being reissued while it was being revoked; try again',
  );
}

/**
 * The person's live feed URL for their portal page, recomputed from the stored issue
 * and key id. Undefined when there is none, or when its key was retired (a reissue
 * is then needed; the old URL keeps working until then, as the lookup needs no key).
 */
export async function currentFeed(
  deps: CallDeps,
  crewId: string,
): Promise<FeedLinkAnswer | undefined> {
  const pointer = await getFeedPointer(deps.db, crewId);
  if (pointer?.state !== 'live') return undefined;
  const token = feedToken(deps.linkKeys, pointer);
  return token ? answerFor(deps, pointer, token) : undefined;
}

/** Whose feed a token opens, or undefined (malformed, revoked, reissued, never issued). */
export async function feedOwner(deps: CallDeps, token: string): Promise<string | undefined> {
  if (!FEED_TOKEN.test(token)) return undefined;
  return (await getFeedLookup(deps.db, feedTokenHash(token)))?.crew_id;
}

/** The portal's calendar section: the live feed's addresses, or where to ask for one. */
export interface CalendarFeedModel {
  feed?: { url: string; webcal_url: string };
  /** Where the "Get my calendar link" form posts. */
  get_path: string;
}

export async function calendarFeedModel(
  deps: CallDeps,
  crewId: string,
  getPath: string,
): Promise<CalendarFeedModel> {
  const feed = await currentFeed(deps, crewId);
  return {
    ...(feed ? { feed: { url: feed.url, webcal_url: feed.webcal_url } } : {}),
    get_path: getPath,
  };
}
