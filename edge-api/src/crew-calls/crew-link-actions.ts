import { isDynamoDbUnavailable } from '../db/unavailable.js';
import { UserError } from '../errors/index.js';
import { ensureFeed } from './calendar-feed.js';
import type { CallDeps } from './call-deps.js';
import { type OpenView, openCrewLink } from './crew-link-view.js';
import { type CrewPageModel, type LinkProblem, pageOf, problemOf } from './crew-page-model.js';
import {
  acceptSeat,
  declineCall,
  joinStandby,
  postCrewChat,
  type ResponseOutcome,
} from './crew-responses.js';
import { dropOut } from './drop-out.js';

// The buttons of a crew page (POST /m/:token...): apart from crew-page-model.ts, so a cold
// start that only shows a page does not load the code that writes.

export interface CrewForm {
  action: string;
  reason: string;
  message: string;
  /** The role whose seat an accept takes, for someone offered several (empty: the first open one). */
  seat?: string;
}

/** How a button press ended, for the route to answer. */
export type CrewAnswer =
  /** Show the page again (a portal has no buttons; a chat post lands on the chat). */
  | { kind: 'show'; anchor?: 'chat' }
  | { kind: 'answered'; outcome: ResponseOutcome }
  | ({ kind: 'problem' } & LinkProblem)
  /** Refused as typed (nothing written): the page as read, with why. */
  | { kind: 'refused'; status: 400 | 403; page: CrewPageModel; message: string }
  /**
   * The write was sent and DynamoDB stopped answering: whether it landed is unknown
   * until it answers again. (A read failing first leaves nothing written: that one throws.)
   */
  | { kind: 'unknown'; error: Error };

/** How a refused form field is named on the page. */
const FIELD_WORDS: Record<string, string> = { message: 'Your message', seat: 'The seat' };

/** POST /m/:token: presses one button, once. */
export async function answerCrewLink(
  deps: CallDeps,
  token: string,
  form: CrewForm,
): Promise<CrewAnswer> {
  const view = await openCrewLink(deps, token);
  if (view.kind === 'portal') return { kind: 'show' };
  if (view.kind !== 'open') return { kind: 'problem', ...problemOf(view) };
  try {
    const outcome = await press(deps, view, form);
    if (outcome === 'chat') return { kind: 'show', anchor: 'chat' };
    if (outcome === 'cancelled')
      return {
        kind: 'problem',
        problem: 'cancelled',
        vessel: view.charter.vessel,
        date: view.charter.date,
      };
    if (outcome === 'replaced') return { kind: 'problem', problem: 'replaced' };
    return { kind: 'answered', outcome };
  } catch (error) {
    if (isDynamoDbUnavailable(error)) return { kind: 'unknown', error: error as Error };
    if (!(error instanceof UserError)) throw error;
    // Refused before anything was written: the page as this request read it is still true.
    const message = error.fields[0]
      ? `${FIELD_WORDS[error.fields[0].field] ?? 'The reason'} ${error.fields[0].message}.`
      : error.message;
    return {
      kind: 'refused',
      status: error.status === 403 ? 403 : 400,
      page: await pageOf(deps, view),
      message,
    };
  }
}

async function press(
  deps: CallDeps,
  view: OpenView,
  form: CrewForm,
): Promise<ResponseOutcome | 'chat'> {
  switch (form.action) {
    case 'accept':
      return acceptSeat(deps, view, form.seat);
    case 'decline':
      return declineCall(deps, view, form.reason);
    case 'standby':
      return joinStandby(deps, view);
    case 'dropout':
      return dropOut(deps, view, form.reason);
    case 'chat':
      if (view.response.state !== 'confirmed')
        throw new UserError(
          403,
          'not_confirmed',
          'Only confirmed crew can post in the charter chat.',
        );
      await postCrewChat(deps, view, form.message);
      return 'chat';
    default:
      throw new UserError(
        400,
        'invalid_input',
        'That button is not one this page knows. Reload the page and try again.',
      );
  }
}

/**
 * POST /m/:token/calendar: the portal's "Get my calendar link". Creates the person's
 * feed if they have none live; a second press (or a reload) changes nothing.
 */
export async function askForCalendarFeed(
  deps: CallDeps,
  token: string,
): Promise<{ kind: 'show' } | ({ kind: 'problem' } & LinkProblem)> {
  const view = await openCrewLink(deps, token);
  if (view.kind === 'portal') {
    await ensureFeed(deps, view.crew_id);
    return { kind: 'show' };
  }
  if (view.kind !== 'open') return { kind: 'problem', ...problemOf(view) };
  return { kind: 'show' };
}
