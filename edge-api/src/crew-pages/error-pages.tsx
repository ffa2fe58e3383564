import type { Context, ErrorHandler } from 'hono';
import { telLink } from '../../../shared/phone/index.js';
import type { AppEnv } from '../app-env.js';
import { dynamoDbUnavailable } from '../crew-calls/crew-page-model.js';
import { UserError } from '../errors/index.js';
import { logError, RETRY_AFTER_SECONDS } from '../errors/respond.js';
import { Layout, type Office } from './layout.js';
import { htmlAnswer, type PageAnswer } from './page-answer.js';

/** A crew page for a failure: what happened, what to do, and the office's number. */
function TroublePage(props: {
  office: Office;
  title: string;
  lines: string[];
  /** A link back to the crew member's own page (never carries `?result`). */
  reload?: string;
}) {
  return (
    <Layout title={props.title} office={props.office}>
      <section class="warning" role="alert">
        {props.lines.map((line) => (
          <p>{line}</p>
        ))}
        {props.reload ? (
          <p>
            <a href={props.reload}>Reload your page</a>
          </p>
        ) : null}
        <p>
          In a hurry? Call the office at{' '}
          <a href={telLink(props.office.phone)}>{props.office.phone}</a>.
        </p>
      </section>
    </Layout>
  );
}

/** DynamoDB did not answer before anything was written: the person's link and answer are safe. */
export const unavailablePage = (office: Office, reload: string) => (
  <TroublePage
    office={office}
    title="We can’t reach our records right now"
    lines={[
      'Nothing was lost: your link still works and nothing was changed.',
      'Please try again in a minute.',
    ]}
    reload={reload}
  />
);

/** The answer was sent to DynamoDB but no reply came back: only a reload can tell. */
export const outcomeUnknownPage = (office: Office, reload: string) => (
  <TroublePage
    office={office}
    title="We couldn’t confirm your answer"
    lines={[
      'Your answer reached us, but our records did not reply in time, so we can’t tell yet whether it was saved.',
      'Reload your page in a minute: it will show whether it went through. If it didn’t, you can answer again there.',
    ]}
    reload={reload}
  />
);

/** A form post that did not come from our own page (another site, or a browser hiding where it came from). */
export const refusedPostPage = (office: Office, reload: string) => (
  <TroublePage
    office={office}
    title="We couldn’t take that answer"
    lines={[
      'Your browser did not say the answer came from this page, so we did not record it.',
      'Open your page again from the email and press the button there.',
    ]}
    reload={reload}
  />
);

const brokenPage = (office: Office, reload: string) => (
  <TroublePage
    office={office}
    title="Something went wrong on our side"
    lines={['It was logged and we will look at it. Please try again in a minute.']}
    reload={reload}
  />
);

/** The crew member's own page: the path they are on, without a query. */
export const ownPage = (c: Context) => new URL(c.req.url).pathname;

/** The request a failure happened on, as the log line and the page's reload link need it. */
export interface FailedRequest {
  method: string;
  /** The path as the log line shows it (tokens are redacted from it). */
  path: string;
  /** The crew member's own page (see ownPage). */
  reload: string;
}

/**
 * A failure on a crew route as a crew page (HTML), never as the admin API's JSON. Plain data,
 * so that the Lambda's crew page fast path answers exactly like the Hono routes.
 */
export async function crewErrorAnswer(
  office: Office,
  request: FailedRequest,
  error: unknown,
): Promise<PageAnswer> {
  const noStore = { 'cache-control': 'no-store, private' };
  const failure = error instanceof Error ? error : new Error(String(error));
  const log = { req: { method: request.method, path: request.path } };
  if (dynamoDbUnavailable(failure)) {
    logError(log, failure, 'warn');
    return htmlAnswer(503, unavailablePage(office, request.reload), {
      ...noStore,
      'retry-after': String(RETRY_AFTER_SECONDS),
    });
  }
  if (failure instanceof UserError) {
    return htmlAnswer(
      failure.status,
      <TroublePage office={office} title="We couldn’t do that" lines={[failure.message]} />,
      noStore,
    );
  }
  logError(log, failure, 'error');
  return htmlAnswer(500, brokenPage(office, request.reload), noStore);
}

/** Errors on crew routes answer as crew pages (HTML), never as the admin API's JSON. */
export function crewErrorHandler(office: Office): ErrorHandler<AppEnv> {
  return async (error, c) => {
    const request = { method: c.req.method, path: c.req.path, reload: ownPage(c) };
    const answer = await crewErrorAnswer(office, request, error);
    return c.body(answer.body, answer.status, answer.headers);
  };
}
