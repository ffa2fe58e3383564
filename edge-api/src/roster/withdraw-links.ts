import { stopFeed } from '../crew-calls/calendar-feed.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import { stopPortalLink } from '../crew-calls/portal-links.js';

export type WithdrawDeps = Pick<CallDeps, 'db' | 'linkKeys' | 'now'>;

/**
 * Stops a departed crew member's portal link and calendar feed. Each step changes only what
 * is still live, so running it again after a DynamoDB failure finishes the job and does
 * nothing twice. Nothing is issued in their place: a reactivated member gets links only when
 * the office issues new ones.
 */
export async function withdrawPersonalLinks(deps: WithdrawDeps, crewId: string): Promise<void> {
  await stopPortalLink(deps, crewId);
  await stopFeed(deps, crewId);
}
