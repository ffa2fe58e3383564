import type { CallDeps } from '../crew-calls/call-deps.js';
import { crewLinkPage, type ResponseOutcome } from '../crew-calls/crew-page-model.js';
import { CrewPage } from './crew-page.js';
import { crewErrorAnswer } from './error-pages.js';
import { htmlAnswer, type PageAnswer } from './page-answer.js';
import { CREW_PAGE_HEADERS } from './page-headers.js';
import { linkProblemPage } from './problem-pages.js';

const OUTCOMES = new Set<ResponseOutcome>([
  'confirmed',
  'filled',
  'declined',
  'standby',
  'dropped',
  'already_answered',
  'departed',
  'not_confirmed',
]);

/** A GET (or HEAD) of a crew link, as both the Hono route and the Lambda fast path see it. */
export interface CrewLinkRequest {
  method: string;
  /** The link's token, as the route's `:token`. */
  token: string;
  /** The path requested, without its query: where error pages' "Reload" leads. */
  ownPage: string;
  /** One query value (`result` on a charter's page, `saved` on a portal). */
  query: (name: string) => string | undefined;
}

/**
 * GET /m/:token: the page a link leads to (a charter's page, a portal, or why the link leads
 * nowhere), with every crew page header. Writes nothing. Failures answer as crew pages too
 * (DynamoDB away: 503 with Retry-After), so this never throws.
 */
export async function answerCrewLinkPage(
  deps: CallDeps,
  request: CrewLinkRequest,
): Promise<PageAnswer> {
  const office = { name: deps.office.name, phone: deps.office.phone };
  const path = `/m/${request.token}`;
  let answer: PageAnswer;
  try {
    const shown = await crewLinkPage(deps, request.token);
    if (shown.kind === 'portal') {
      // Its availability form's dates need luxon, which a charter's own page never loads.
      const { portalPage } = await import('./portal-answer.js');
      const page = await portalPage(deps, office, path, shown.portal, request.query('saved'));
      answer = await htmlAnswer(200, page);
    } else if (shown.kind === 'problem') {
      const { status, page } = linkProblemPage(office, shown);
      answer = await htmlAnswer(status, page);
    } else {
      const result = request.query('result') as ResponseOutcome | undefined;
      answer = await htmlAnswer(
        200,
        <CrewPage
          page={shown.page}
          office={office}
          path={path}
          result={result && OUTCOMES.has(result) ? result : undefined}
        />,
      );
    }
  } catch (error) {
    const failed = { method: request.method, path: request.ownPage, reload: request.ownPage };
    answer = await crewErrorAnswer(office, failed, error);
  }
  return { ...answer, headers: { ...answer.headers, ...CREW_PAGE_HEADERS } };
}
