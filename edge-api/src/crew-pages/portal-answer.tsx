import type { JSX } from 'hono/jsx/jsx-runtime';
import type { CallDeps } from '../crew-calls/call-deps.js';
import type { PortalPageModel } from '../crew-calls/crew-page-model.js';
import { confirmedDays, portalAvailability } from '../crew-calls/portal-availability.js';
import type { Office } from './layout.js';
import { PortalPage } from './portal-page.js';

/** `?saved=n` after a save (post/redirect/get), when it is a count. */
export const savedCount = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;

/**
 * A portal link's page with its availability form. Loaded only for portal links: the form's
 * dates need luxon, which a charter's own crew page never loads.
 */
export async function portalPage(
  deps: CallDeps,
  office: Office,
  path: string,
  portal: PortalPageModel,
  saved: string | undefined,
): Promise<JSX.Element> {
  const model = await portalAvailability(deps, portal.crew_id, {
    saved: savedCount(saved),
    confirmed: confirmedDays(portal.entries),
  });
  return (
    <PortalPage
      office={office}
      portal={portal}
      availability={{ model, action: `${path}/availability` }}
    />
  );
}
