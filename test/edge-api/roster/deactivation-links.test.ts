import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { FeedLinkAnswer, PortalLinkAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import {
  call,
  type DynamoDbProxy,
  startDynamoDbProxy,
} from '../../support/faults/dynamodb-proxy.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A crew member who leaves must stop receiving the office's charters: deactivating them (as
// the sidebar does, PATCH active:false, or DELETE) stops their portal link and calendar feed.
let api: TestApi;
let proxy: DynamoDbProxy;
const clock = new Date('2026-11-20T17:00:00Z');
beforeAll(async () => {
  proxy = await startDynamoDbProxy(inject('dynamodbEndpoint'));
  api = await startTestApi({ now: () => clock, dynamodbEndpoint: proxy.endpoint });
  await seedDemoRoster(api.db, clock);
}, 60_000);
afterEach(() => proxy.clear());
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

const admin = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });
async function ok<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
}
async function issueBoth(crewId: string) {
  const portal = await ok<PortalLinkAnswer>(
    await admin('POST', '/api/links/portal', { crew_id: crewId }),
  );
  const feed = await ok<FeedLinkAnswer>(
    await admin('POST', '/api/links/feed', { crew_id: crewId }),
  );
  expect((await fetch(portal.url)).status).toBe(200);
  expect((await fetch(feed.url)).status).toBe(200);
  return { portal, feed };
}
async function expectWithdrawn(links: { portal: PortalLinkAnswer; feed: FeedLinkAnswer }) {
  const page = await fetch(links.portal.url);
  expect(page.status).toBe(410);
  expect(await page.text()).toContain('This link was withdrawn');
  expect((await fetch(links.feed.url)).status).toBe(404);
}

describe('deactivating a crew member', () => {
  it('withdraws their portal link and stops their calendar feed; reactivating revives neither', async () => {
    const links = await issueBoth('c-0005');
    const off = await ok<{ active: boolean }>(
      await admin('PATCH', '/api/crew/c-0005', { active: false }),
    );
    expect(off.active).toBe(false);
    await expectWithdrawn(links);
    // Nor can the office (sidebar, CLI) hand them new ones while they are inactive.
    for (const [path, what] of [
      ['/api/links/portal', 'a portal link'],
      ['/api/links/feed', 'a calendar feed'],
    ]) {
      const refused = await admin('POST', path as string, { crew_id: 'c-0005' });
      expect(refused.status).toBe(409);
      expect((await refused.json()).message).toBe(
        `Kenji Watanabe (c-0005) is deactivated: reactivate them before issuing ${what}`,
      );
    }

    expect(
      (await ok<{ active: boolean }>(await admin('PATCH', '/api/crew/c-0005', { active: true })))
        .active,
    ).toBe(true);
    await expectWithdrawn(links);

    // The office issues new ones; those work.
    const portal = await ok<PortalLinkAnswer>(
      await admin('POST', '/api/links/portal', { crew_id: 'c-0005' }),
    );
    const feed = await ok<FeedLinkAnswer>(
      await admin('POST', '/api/links/feed', { crew_id: 'c-0005' }),
    );
    expect(feed.issue).toBe(links.feed.issue + 1);
    expect((await fetch(portal.url)).status).toBe(200);
    expect((await fetch(feed.url)).status).toBe(200);
  });

  it('does the same through DELETE, and other edits of an active member leave links alone', async () => {
    const links = await issueBoth('c-0006');
    await ok(await admin('PATCH', '/api/crew/c-0006', { cascade_level: 2 }));
    expect((await fetch(links.portal.url)).status).toBe(200);
    expect((await fetch(links.feed.url)).status).toBe(200);
    await ok(await admin('DELETE', '/api/crew/c-0006'));
    await expectWithdrawn(links);
  });

  it('deactivates a member who never had links', async () => {
    const off = await ok<{ active: boolean }>(await admin('DELETE', '/api/crew/c-0004'));
    expect(off.active).toBe(false);
  });

  it('says so when DynamoDB fails before the feed stops, and deactivating again finishes it', async () => {
    const links = await issueBoth('c-0003');
    // The feed revoke is the only transaction on the dispatch table in a deactivation.
    proxy.fail(call('TransactWriteItems', api.db.tables['crew-dispatch']), '500');
    const res = await admin('PATCH', '/api/crew/c-0003', { active: false });
    expect(res.status).toBe(503);
    expect((await res.json()).message).toBe(
      'Liam Brennan (c-0003) is deactivated, but their portal link and calendar feed could not be stopped yet (the database did not answer); deactivate them again to finish',
    );
    proxy.clear();
    const roster = await ok<{ active: boolean }>(await admin('GET', '/api/crew/c-0003'));
    expect(roster.active).toBe(false);
    // Half done: the portal link stopped first, the feed still answers.
    expect((await fetch(links.portal.url)).status).toBe(410);
    expect((await fetch(links.feed.url)).status).toBe(200);

    await ok(await admin('PATCH', '/api/crew/c-0003', { active: false }));
    await expectWithdrawn(links);
  }, 60_000);
});
