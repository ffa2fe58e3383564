import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import {
  answerCrewLink,
  crewLinkPage,
  type LinkProblem,
  type ResponseOutcome,
} from '../crew-calls/crew-page-model.js';
import { checkText, REASON_MAX_LENGTH } from '../crew-calls/crew-responses.js';
import { confirmedDays, portalAvailability } from '../crew-calls/portal-availability.js';
import { UserError } from '../errors/index.js';
import { logError, RETRY_AFTER_SECONDS } from '../errors/respond.js';
import { type ConfirmedAction, ConfirmPage } from './confirm-page.js';
import { CREW_CSS } from './crew-css.js';
import { CrewPage } from './crew-page.js';
import { crewErrorHandler, outcomeUnknownPage, ownPage, refusedPostPage } from './error-pages.js';
import { LinkProblemPage } from './layout.js';
import { portalAvailabilityRoutes, savedCount } from './portal-availability-routes.js';
import { PortalPage } from './portal-page.js';

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

  app.use(
    '/m/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // same-origin: form posts carry our Origin (the CSRF check needs it; with no-referrer
      // browsers send `Origin: null`); the token never leaves the site. The app-wide
      // headers (app.ts) leave crew pages to this.
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
    }),
    async (c, next) => {
      await next();
      // Personal pages: never cached by browsers, proxies or CloudFront.
      c.header('cache-control', 'no-store, private');
      c.header('x-robots-tag', 'noindex, nofollow');
    },
  );
  // Only forms served from our own origin may post; the token in the URL is the other half.
  // A refused post is told so on a crew page with the office's number, not a bare "Forbidden".
  const sameOriginOnly = csrf({ origin: new URL(deps.publicBaseUrl).origin });
  app.post('/m/*', (c, next) =>
    sameOriginOnly(c, next).catch((error: unknown) => {
      if (!(error instanceof HTTPException) || error.status !== 403) throw error;
      return c.html(refusedPostPage(office, ownPage(c)), 403);
    }),
  );

  const problemPage = (view: LinkProblem) => {
    switch (view.problem) {
      case 'invalid':
        return {
          status: 404 as const,
          page: LinkProblemPage({
            office,
            title: 'This link is not valid',
            message:
              'The link may have been cut short or changed when it was copied. Open it again from the email.',
          }),
        };
      case 'expired':
        return {
          status: 410 as const,
          page: LinkProblemPage({
            office,
            title: 'This link has expired',
            message: 'Links stop working after the charter.',
          }),
        };
      case 'replaced':
        return {
          status: 410 as const,
          page: LinkProblemPage({
            office,
            title: 'This link was replaced',
            message: 'A newer link was sent to you for this charter. Use the most recent email.',
          }),
        };
      case 'cancelled':
        return {
          status: 410 as const,
          page: LinkProblemPage({
            office,
            title: 'This charter was cancelled',
            message: `${view.vessel} on ${view.date} will not sail. You don’t need to do anything.`,
          }),
        };
    }
  };

  app.get('/m/:token', async (c) => {
    const shown = await crewLinkPage(deps, c.req.param('token'));
    if (shown.kind === 'portal') {
      const model = await portalAvailability(deps, shown.portal.crew_id, {
        saved: savedCount(c.req.query('saved')),
        confirmed: confirmedDays(shown.portal.entries),
      });
      const availability = { model, action: `/m/${c.req.param('token')}/availability` };
      return c.html(
        <PortalPage office={office} portal={shown.portal} availability={availability} />,
      );
    }
    if (shown.kind === 'problem') {
      const { status, page } = problemPage(shown);
      return c.html(page, status);
    }
    const result = c.req.query('result') as ResponseOutcome | undefined;
    return c.html(
      <CrewPage
        page={shown.page}
        office={office}
        path={`/m/${c.req.param('token')}`}
        result={result && OUTCOMES.has(result) ? result : undefined}
      />,
    );
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
