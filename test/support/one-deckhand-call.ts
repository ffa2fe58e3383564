import { expect } from 'vitest';
import type { Notification } from '../../shared/api/index.js';
import { seaLark1205 } from './charters.js';
import type { LambdaEntryPoint } from './entry-points.js';

/**
 * The smallest real crew call, through the admin API: Iris (a fictional deckhand) is added,
 * a Sea Lark charter ten days out needs one deckhand, and the call asks her. Returns her
 * crew id and the link her email carries.
 */
export async function startOneDeckhandCall(
  ep: LambdaEntryPoint,
  charterId: string,
): Promise<{ crewId: string; link: string }> {
  const sailDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const created = await ep.admin('POST', '/api/crew', {
    name: 'Iris Calder',
    phone: '+1 310 555 0170',
    email: 'iris.calder@example.com',
    role: 'deckhand',
    cascade_level: 1,
    availability_key: 'Iris',
    day_rate: { amount_cents: 28000, currency: 'USD' },
  });
  expect(created.status).toBe(201);
  const put = await ep.admin('PUT', `/api/charters/${charterId}`, {
    ...seaLark1205,
    date: sailDate,
    needs: { deckhand: 1 },
  });
  expect(put.status).toBe(201);
  const started = await ep.admin('POST', `/api/charters/${charterId}/calls`, {
    availability: { Iris: 'yes' },
  });
  expect(started.status).toBe(201);
  return {
    crewId: created.json.crew_id as string,
    link: (started.json.notifications as Notification[])[0]?.link_url as string,
  };
}
