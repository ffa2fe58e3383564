import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CharterWithCall, Notification, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
});
afterAll(() => api.close());

const charter = (needs: Record<string, number>) => ({
  vessel: 'Blue Heron',
  date: '2026-12-12',
  start: '10:00',
  end: '16:00',
  time_zone: 'America/Los_Angeles',
  client: 'Pacific Coast Realty',
  guests: 32,
  needs,
  price: { amount_cents: 680000, currency: 'USD' },
});

/** n fictional deckhands at level 1, all available. */
async function addDeckhands(
  tag: string,
  n: number,
  firstPhone: number,
  areaCode = '310',
): Promise<Record<string, string>> {
  const availability: Record<string, string> = {};
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const key = `${tag} ${i}`;
      const res = await signedFetch(`${api.url}/api/crew`, {
        method: 'POST',
        body: {
          name: `Deckhand ${tag} ${String(i).padStart(2, '0')}`,
          phone: `+1 ${areaCode} 555 01${String(firstPhone + i).padStart(2, '0')}`,
          email: `${tag.toLowerCase()}.${i}@example.com`,
          role: 'deckhand',
          cascade_level: 1,
          availability_key: key,
          day_rate: { amount_cents: 20000, currency: 'USD' },
        },
      });
      expect(res.status).toBe(201);
      availability[key] = 'yes';
    }),
  );
  return availability;
}

async function startCallFor(
  id: string,
  needs: Record<string, number>,
  availability: Record<string, string>,
) {
  expect(
    (await signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body: charter(needs) }))
      .status,
  ).toBe(201);
  const res = await signedFetch(`${api.url}/api/charters/${id}/calls`, {
    method: 'POST',
    body: { availability },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as StartCallAnswer;
}

async function seatItems(callId: string) {
  const out = await api.db.doc.send(
    new QueryCommand({
      TableName: api.db.tables['crew-dispatch'],
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CALL#${callId}` },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  return {
    seats: items.filter((i) => String(i.sk).startsWith('SEATS#')),
    confirmed: items.filter((i) => String(i.sk).startsWith('CREW#') && i.state === 'confirmed'),
  };
}

describe('claiming seats under concurrency (real HTTP, DynamoDB Local)', () => {
  it('gives 20 concurrent accepts for 2 seats exactly 2 confirmed and 18 "filled", with no over-count', async () => {
    const availability = await addDeckhands('Race', 20, 0);
    const { call, notifications } = await startCallFor('CH-RACE', { deckhand: 2 }, availability);
    expect(notifications).toHaveLength(20);

    const results = await Promise.all(
      notifications.map((n) => postCrewForm(n.link_url as string, { action: 'accept' })),
    );
    expect(results.every((r) => r.status === 303)).toBe(true);
    const outcomes = results.map((r) => r.result);
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'filled')).toHaveLength(18);

    const { seats, confirmed } = await seatItems(call.call_id);
    expect(seats).toEqual([expect.objectContaining({ role: 'deckhand', needed: 2, filled: 2 })]);
    expect(confirmed).toHaveLength(2);

    const summary = (await (
      await signedFetch(`${api.url}/api/charters/CH-RACE`)
    ).json()) as CharterWithCall;
    expect(summary.call?.status).toBe('filled');
    expect(summary.call?.roles[0]?.confirmed).toHaveLength(2);
    expect(summary.call?.roles[0]?.pending).toHaveLength(18);

    // A late accept's link is still good for joining standby.
    const loser = notifications.find((_, i) => results[i]?.result === 'filled') as Notification;
    const standby = await postCrewForm(loser.link_url as string, { action: 'standby' });
    expect(standby.result).toBe('standby');
  });

  it('counts the same link posted twice at once only once', async () => {
    const availability = await addDeckhands('Twice', 2, 20);
    const { call, notifications } = await startCallFor('CH-TWICE', { deckhand: 2 }, availability);
    const link = notifications[0]?.link_url as string;
    const results = await Promise.all([
      postCrewForm(link, { action: 'accept' }),
      postCrewForm(link, { action: 'accept' }),
      postCrewForm(link, { action: 'decline' }),
    ]);
    const outcomes = results.map((r) => r.result).sort();
    expect(outcomes.filter((o) => o === 'confirmed' || o === 'declined')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_answered')).toHaveLength(2);
    const { seats } = await seatItems(call.call_id);
    expect(seats[0]?.filled).toBe(outcomes.includes('confirmed') ? 1 : 0);
  });

  it('replays a crew call to 60 people (a large answer) for a retried request with the same key', async () => {
    const availability = await addDeckhands('Crowd', 60, 0, '213');
    expect(
      (
        await signedFetch(`${api.url}/api/charters/CH-CROWD`, {
          method: 'PUT',
          body: charter({ deckhand: 2 }),
        })
      ).status,
    ).toBe(201);
    const send = () =>
      signedFetch(
        `${api.url}/api/charters/CH-CROWD/calls`,
        { method: 'POST', body: { availability } },
        { idempotencyKey: 'crowd-call-0001' },
      );
    const first = await send();
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    expect((JSON.parse(firstBody) as StartCallAnswer).notifications).toHaveLength(60);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
  });
});
