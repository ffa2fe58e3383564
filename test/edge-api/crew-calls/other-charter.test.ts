import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type { PreviewAnswer, StartCallAnswer } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 14: someone confirmed on another charter that day is not called, and the preview
// says so (left_out code other_charter). Real edge API over DynamoDB Local.
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

const send = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });

const afternoon = (date: string) => ({
  ...seaLark1205,
  vessel: 'Dolphin',
  date,
  start: '14:00',
  end: '18:00',
  needs: { mate: 1 },
});

async function preview(id: string) {
  const res = await send('POST', `/api/charters/${id}/calls/preview`, {
    availability: { Kenji: 'yes', Marisol: 'yes' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as PreviewAnswer).plan;
}
const called = (plan: PreviewAnswer['plan']) =>
  plan.levels.flatMap((l) => l.candidates.map((c) => c.name));

describe('on another charter that day', () => {
  it('leaves out whoever is confirmed on another charter that local day, and names it', async () => {
    expect((await send('PUT', '/api/charters/CH-MORNING', seaLark1205)).status).toBe(201);
    const start = await send('POST', '/api/charters/CH-MORNING/calls', {
      availability: demoRosterMarks,
    });
    const { notifications } = (await start.json()) as StartCallAnswer;
    const kenji = notifications.find((n) => n.to === 'kenji.watanabe@example.com');
    expect((await postCrewForm(kenji?.link_url as string, { action: 'accept' })).result).toBe(
      'confirmed',
    );

    expect((await send('PUT', '/api/charters/CH-AFTERNOON', afternoon('2026-12-05'))).status).toBe(
      201,
    );
    const plan = await preview('CH-AFTERNOON');
    expect(called(plan)).toEqual(['Marisol Vega']);
    expect(plan.left_out.find((l) => l.name === 'Kenji Watanabe')).toMatchObject({
      code: 'other_charter',
      words: 'on Sea Lark that day (CH-MORNING, 09:00-13:00)',
      other_charter: { charter_id: 'CH-MORNING', vessel: 'Sea Lark', date: '2026-12-05' },
    });
    expect(plan.excluded.find((e) => e.name === 'Kenji Watanabe')?.reason).toBe(
      'on Sea Lark that day (CH-MORNING, 09:00-13:00)',
    );
  });

  it('calls them for another day, and again once that charter is cancelled', async () => {
    expect((await send('PUT', '/api/charters/CH-NEXT-DAY', afternoon('2026-12-06'))).status).toBe(
      201,
    );
    expect(called(await preview('CH-NEXT-DAY'))).toContain('Kenji Watanabe');

    expect((await send('POST', '/api/charters/CH-MORNING/cancel')).status).toBe(200);
    const plan = await preview('CH-AFTERNOON');
    expect(called(plan)).toContain('Kenji Watanabe');
    expect(plan.left_out.map((l) => l.code)).not.toContain('other_charter');
  });
});
