import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../app-env.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import { answerCrewLink, askForCalendarFeed } from '../crew-calls/crew-link-actions.js';
import { crewLinkPage, type LinkProblem } from '../crew-calls/crew-page-model.js';
import { checkText, REASON_MAX_LENGTH } from '../crew-calls/crew-responses.js';
import { UserError } from '../errors/index.js';
import { logError, RETRY_AFTER_SECONDS } from '../errors/respond.js';
import { type ConfirmedAction, ConfirmPage } from './confirm-page.js';
import { CREW_CSS } from './crew-css.js';
import { answerCrewLinkPage } from './crew-link-answer.js';
import { CrewPage } from './crew-page.js';
import { crewErrorHandler, outcomeUnknownPage, ownPage, refusedPostPage } from './error-pages.js';
import { CREW_PAGE_HEADERS } from './page-headers.js';
import { portalAvailabilityRoutes } from './portal-availability-routes.js';
import { linkProblemPage } from './problem-pages.js';

/** Public crew routes: the page behind a magic link, its form posts, and the stylesheet. */
export function crewPageRoutes(deps: CallDeps) {
  const office = { name: deps.office.name, phone: deps.office.phone };
  const app = new Hono<AppEnv>();

  // Browsers ask for it on every page; answer quietly rather than with a JSON 404.
  app.get('/favicon.ico', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(null, 204);
  });

  app.get('/assets/crew.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CREW_CSS);
  });

  // Every /m/* answer carries the crew page headers (see page-headers.ts), set last so that
  // no handler's or error page's headers can drop one.
  app.use('/m/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(CREW_PAGE_HEADERS)) c.res.headers.set(name, value);
  });
  // Only forms served from our own origin may post; the token in the URL is the other half.
  // A refused post is told so on a crew page with the office's number, not a bare "Forbidden".
  const sameOriginOnly = csrf({ origin: new URL(deps.publicBaseUrl).origin });
  app.post('/m/*', (c, next) =>
    sameOriginOnly(c, next).catch((error: unknown) => {
      if (!(error instanceof HTTPException) || error.status !== 403) throw error;
      return c.html(refusedPostPage(office, ownPage(c)), 403);
    }),
  );

  const problemPage = (view: LinkProblem) => linkProblemPage(office, view);

  app.get('/m/:token', async (c) => {
    const answer = await answerCrewLinkPage(deps, {
      method: c.req.method,
      token: c.req.param('token'),
      ownPage: ownPage(c),
      query: (name) => c.req.query(name),
    });
    return c.body(answer.body, answer.status, answer.headers);
  });

  // Decline and Drop out, step one: "are you sure?". Reads the link, writes nothing, so the
  // link stays unused until the confirmation page's own button posts to /m/:token.
  const NEEDS: Record<ConfirmedAction, 'decide' | 'drop_out'> = {
    decline: 'decide',
    dropout: 'drop_out',
  };
  app.post('/m/:token/confirm', async (c) => {
    const token = c.req.param('token');
    const path = `/m/${token}`;
    const form = await c.req.parseBody();
    const action = form.action;
    if (action !== 'decline' && action !== 'dropout') return c.redirect(path, 303);
    const shown = await crewLinkPage(deps, token);
    if (shown.kind === 'problem') {
      const { status, page } = problemPage(shown);
      return c.html(page, status);
    }
    // Already answered, seats filled meanwhile, a portal: the page says where they stand.
    if (shown.kind === 'portal' || shown.page.choice.may !== NEEDS[action])
      return c.redirect(path, 303);
    let reason: string;
    try {
      reason = checkText(
        typeof form.reason === 'string' ? form.reason : '',
        'reason',
        REASON_MAX_LENGTH,
        false,
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const problem = error.fields[0]?.message;
      return c.html(
        <CrewPage
          page={shown.page}
          office={office}
          path={path}
          error={problem ? `The reason ${problem}.` : error.message}
        />,
        400,
      );
    }
    return c.html(
      <ConfirmPage page={shown.page} office={office} action={action} reason={reason} path={path} />,
    );
  });
  // The portal's "Get my calendar link" (a post: mail scanners only GET); back to the section.
  app.post('/m/:token/calendar', async (c) => {
    const token = c.req.param('token');
    const shown = await askForCalendarFeed(deps, token);
    if (shown.kind === 'problem') {
      const { status, page } = problemPage(shown);
      return c.html(page, status);
    }
    return c.redirect(`/m/${token}#calendar`, 303);
  });
  app.get('/m/:token/calendar', (c) => c.redirect(`/m/${c.req.param('token')}`, 303));

  // A reload or a shared address of the confirmation step: back to the call page.
  app.get('/m/:token/confirm', (c) => c.redirect(`/m/${c.req.param('token')}`, 303));

  app.post('/m/:token', async (c) => {
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const answer = await answerCrewLink(deps, token, {
      action: text('action'),
      reason: text('reason'),
      message: text('message'),
      seat: text('seat'),
    });
    switch (answer.kind) {
      case 'show':
        return c.redirect(`/m/${token}${answer.anchor ? `#${answer.anchor}` : ''}`, 303);
      case 'problem': {
        const { status, page } = problemPage(answer);
        return c.html(page, status);
      }
      case 'refused':
        return c.html(
          <CrewPage
            page={answer.page}
            office={office}
            path={`/m/${token}`}
            error={answer.message}
          />,
          answer.status,
        );
      case 'unknown':
        // The write was sent; whether it landed is unknown until DynamoDB answers again.
        logError(c, answer.error, 'warn');
        c.header('retry-after', String(RETRY_AFTER_SECONDS));
        return c.html(outcomeUnknownPage(office, ownPage(c)), 503);
      case 'answered':
        // Post/redirect/get: a refresh shows the answer instead of posting it again.
        return c.redirect(`/m/${token}?result=${answer.outcome}`, 303);
    }
  });

  app.route('/', portalAvailabilityRoutes(deps, office, problemPage));

  app.onError(crewErrorHandler(office));
  return app;
}
