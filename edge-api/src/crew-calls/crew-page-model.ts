import { type ZonedClock, zonedClockFor } from '../../../shared/charter/zoned-clock.js';
import { describeStoredCharterTime } from '../../../shared/charter/zoned-time.js';
import { COMMON_ROLES } from '../../../shared/crew/index.js';
import { formatMoney } from '../../../shared/money/index.js';
import { type ChatPost, readChat } from '../db/chats-table.js';
import { isDynamoDbUnavailable } from '../db/unavailable.js';
import type { CalendarFeedModel } from './calendar-feed.js';
import type { CallDeps } from './call-deps.js';
import { type CrewLinkView, type OpenView, openCrewLink } from './crew-link-view.js';
import type { ResponseOutcome } from './crew-responses.js';
import { offeredSeats, openOfferedRoles, seatWords } from './offered-seats.js';

/**
 * What a crew page shows one person, and nothing more: the charter as they need
 * it, who else is confirmed by first name, and what they may do now. No other
 * candidate's email or phone ever reaches a page.
 */
export type CrewState = 'asked' | 'confirmed' | 'declined' | 'standby' | 'dropped';

/** What the person may do now; `nothing` says why in `reason`. */
export type CrewChoice =
  | { may: 'decide' }
  | { may: 'standby' }
  | { may: 'drop_out' }
  | { may: 'nothing'; reason: 'departed' | 'answered' };

export interface ChatLine {
  author: string;
  /** Local time in the charter's zone, e.g. "5 Dec 08:12". */
  when: string;
  text: string;
}

export interface CrewPageModel {
  first_name: string;
  vessel: string;
  /** e.g. "Sat 5 Dec 2026, 09:00–13:00 PST". */
  when: string;
  /** Their seat; "captain or mate" while they may still choose among several. */
  role: string;
  /** The roles they may accept a seat in now, when they were offered more than one. */
  seats?: string[];
  /** e.g. "$300.00". */
  pay: string;
  meeting_point: string;
  guests: number;
  client: string;
  notes: string;
  /** When their answer is due (their level's window), while they may still decide. */
  answer_by?: string;
  /** Everyone else confirmed, by first name and role. */
  confirmed_others: Array<{ first_name: string; role: string }>;
  state: CrewState;
  choice: CrewChoice;
  /** The charter's chat, for confirmed crew only. */
  chat?: ChatLine[];
}

export interface PortalPageModel {
  crew_id: string;
  first_name: string;
  calendar: CalendarFeedModel;
  entries: Array<{
    vessel: string;
    role: string;
    when: string;
    /** The charter's local date, YYYY-MM-DD. */
    date: string;
    state: CrewState;
    path: string;
  }>;
}

/** A link that leads to no page of its own: why. */
export type LinkProblem =
  | { problem: 'invalid' }
  | { problem: 'expired' }
  | { problem: 'replaced' }
  | { problem: 'withdrawn' }
  | { problem: 'cancelled'; vessel: string; date: string };

export type CrewLinkPage =
  | { kind: 'page'; page: CrewPageModel }
  | { kind: 'portal'; portal: PortalPageModel }
  | ({ kind: 'problem' } & LinkProblem);

export function problemOf(
  view: Exclude<CrewLinkView, { kind: 'open' } | { kind: 'portal' }>,
): LinkProblem {
  return view.kind === 'cancelled'
    ? { problem: 'cancelled', vessel: view.charter.vessel, date: view.charter.date }
    : { problem: view.kind };
}

function choiceOf(view: OpenView): CrewChoice {
  const { response, departed, role_full, link } = view;
  if (departed && response.state !== 'confirmed') return { may: 'nothing', reason: 'departed' };
  if (link.state === 'live' && !departed) return role_full ? { may: 'standby' } : { may: 'decide' };
  if (response.state === 'confirmed' && !departed) return { may: 'drop_out' };
  return { may: 'nothing', reason: departed ? 'departed' : 'answered' };
}

/** The page model of an open link: pure, from what the link view read. */
export function crewPageModel(
  view: OpenView,
  clock: ZonedClock,
  chat?: readonly ChatPost[],
): CrewPageModel {
  const { charter, response, call } = view;
  const choice = choiceOf(view);
  const offer = offerOnPage(view, choice);
  const closes = call.opened.find((l) => l.level === offer.answer_level)?.closes_at;
  const others = Object.entries(call.confirmed ?? {})
    .filter(([crewId]) => crewId !== response.crew_id)
    .map(([, who]) => ({ first_name: who.first_name, role: who.role }))
    .sort(byRoleThenName);
  return {
    first_name: response.first_name,
    vessel: charter.vessel,
    when: clock.charterTime(),
    role: offer.role,
    ...(offer.seats ? { seats: offer.seats } : {}),
    pay: formatMoney(response.day_rate),
    meeting_point: charter.meeting_point,
    guests: charter.guests,
    client: charter.client,
    notes: charter.notes,
    ...(choice.may === 'decide' && closes && response.state === 'asked'
      ? { answer_by: clock.dayTimeZone(closes) }
      : {}),
    confirmed_others: others,
    state: response.state,
    choice,
    ...(chat
      ? {
          chat: chat.map((p) => ({
            author: p.author,
            when: clock.dayTime(p.posted_at),
            text: p.text,
          })),
        }
      : {}),
  };
}

const ROLE_ORDER: readonly string[] = COMMON_ROLES;
const roleRank = (role: string) => {
  const i = ROLE_ORDER.indexOf(role);
  return i === -1 ? ROLE_ORDER.length : i;
};
// Code points, not localeCompare: a collator's first use costs ~7 ms of a cold start.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Captain, skipper, mate, deckhand, then other roles A-Z; within a role by first name. */
export function byRoleThenName(
  a: { first_name: string; role: string },
  b: { first_name: string; role: string },
): number {
  return (
    roleRank(a.role) - roleRank(b.role) ||
    cmp(a.role, b.role) ||
    cmp(a.first_name.toLowerCase(), b.first_name.toLowerCase()) ||
    cmp(a.first_name, b.first_name)
  );
}

/**
 * Someone offered several seats who may still decide sees them all and a
 * button per seat still open; their answer is due when the latest level that
 * offered them a seat closes.
 */
function offerOnPage(view: OpenView, choice: CrewChoice) {
  const { response, call } = view;
  const offered = offeredSeats(response);
  const answer_level = Math.max(...offered.map((s) => s.level));
  if (offered.length < 2 || response.state !== 'asked' || choice.may !== 'decide') {
    return { role: response.role, answer_level };
  }
  return { role: seatWords(response), seats: openOfferedRoles(call, response), answer_level };
}

/** The page model with what it shows beyond the link view: the chat, for confirmed crew. */
export async function pageOf(deps: CallDeps, view: OpenView): Promise<CrewPageModel> {
  const chat =
    view.response.state === 'confirmed'
      ? await readChat(deps.db, view.charter.charter_id)
      : undefined;
  const instants = [
    ...view.call.opened.map((l) => l.closes_at),
    ...(chat ?? []).map((p) => p.posted_at),
  ];
  return crewPageModel(view, await zonedClockFor(view.charter, instants), chat);
}

/** GET /m/:token: the page a link leads to. Writes nothing. */
export async function crewLinkPage(deps: CallDeps, token: string): Promise<CrewLinkPage> {
  const view = await openCrewLink(deps, token);
  if (view.kind === 'portal') {
    return {
      kind: 'portal',
      portal: {
        crew_id: view.crew_id,
        first_name: view.crew_name.split(/\s+/)[0] ?? view.crew_name,
        entries: view.entries.map((e) => ({
          vessel: e.charter.vessel,
          role: e.response.role,
          when: describeStoredCharterTime(e.charter),
          date: e.charter.date,
          state: e.response.state,
          path: new URL(e.url).pathname,
        })),
        calendar: await (await import('./calendar-feed.js')).calendarFeedModel(
          deps,
          view.crew_id,
          `/m/${token}/calendar`,
        ),
      },
    };
  }
  if (view.kind !== 'open') return { kind: 'problem', ...problemOf(view) };
  return { kind: 'page', page: await pageOf(deps, view) };
}

/** Whether DynamoDB did not answer (an outage, not a refusal or a bug). */
export const dynamoDbUnavailable = (error: unknown) => isDynamoDbUnavailable(error);

export { CHAT_MAX_LENGTH } from '../db/chats-table.js';
export type { ResponseOutcome };
