import { Hono } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../app-env.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import { crewLinkPage, type LinkProblem } from '../crew-calls/crew-page-model.js';
import { confirmedDays, saveAvailability } from '../crew-calls/portal-availability.js';
import type { Office } from './layout.js';
import { PortalPage } from './portal-page.js';

type ProblemPage = (view: LinkProblem) => { status: 404 | 410; page: JSX.Element };

/**
 * POST /m/:token/availability: a portal's availability form. A refused day re-renders the page
 * with the typed values and the error by that day (400, nothing saved); a save redirects back.
 * Behind the crew pages' same-origin check like every crew post.
 */
export function portalAvailabilityRoutes(deps: CallDeps, office: Office, problemPage: ProblemPage) {
  const app = new Hono<AppEnv>();
  // A reload of a refused form, or a shared address: the portal itself.
  app.get('/m/:token/availability', (c) => c.redirect(`/m/${c.req.param('token')}`, 303));
  app.post('/m/:token/availability', async (c) => {
    const token = c.req.param('token');
    const path = `/m/${token}`;
    const shown = await crewLinkPage(deps, token);
    if (shown.kind === 'problem') {
      const { status, page } = problemPage(shown);
      return c.html(page, status);
    }
    // A charter's own link has no availability form: back to its page.
    if (shown.kind !== 'portal') return c.redirect(path, 303);
    const form = await c.req.parseBody();
    const confirmed = confirmedDays(shown.portal.entries);
    const result = await saveAvailability(deps, shown.portal.crew_id, form, confirmed);
    if (result.ok) return c.redirect(`${path}?saved=${result.saved}#availability`, 303);
    return c.html(
      <PortalPage
        office={office}
        portal={shown.portal}
        availability={{ model: result.model, action: `${path}/availability` }}
      />,
      400,
    );
  });
  return app;
}
