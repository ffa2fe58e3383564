import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCharter, CharterWithCall, ErrorBody } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { signedFetch } from '../../support/signed-fetch.js';

const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
});
afterAll(() => api.close());

const putCharter = (id: string, body: unknown) =>
  signedFetch(`${api.url}/api/charters/${id}`, { method: 'PUT', body });
const getCharter = (id: string) => signedFetch(`${api.url}/api/charters/${id}`);
const putSettings = (body: unknown) =>
  signedFetch(`${api.url}/api/settings`, { method: 'PUT', body });

describe("a charter's needs are seats of the office's roles (PUT /api/charters/:id)", () => {
  it('refuses a typo with a 400 naming needs.<role> and listing the roles; nothing is written', async () => {
    const res = await putCharter('CH-NEEDS-TYPO', {
      ...seaLark1205,
      needs: { captain: 1, deckhnad: 2 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.message).toBe(
      'needs.deckhnad: "deckhnad" is not one of the office\'s roles: captain, mate, deckhand',
    );
    expect(body.fields).toEqual([
      {
        field: 'needs.deckhnad',
        message: '"deckhnad" is not one of the office\'s roles: captain, mate, deckhand',
      },
    ]);
    expect((await getCharter('CH-NEEDS-TYPO')).status).toBe(404);
  });

  it('refuses a charter that changes to a role off the list, keeping the stored one', async () => {
    expect((await putCharter('CH-NEEDS-KEEP', seaLark1205)).status).toBe(201);
    const res = await putCharter('CH-NEEDS-KEEP', { ...seaLark1205, needs: { bosun: 1 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).fields?.[0]?.field).toBe('needs.bosun');
    const kept = (await (await getCharter('CH-NEEDS-KEEP')).json()) as CharterWithCall;
    expect(kept.charter.needs).toEqual(seaLark1205.needs);
    expect(kept.charter.version).toBe(1);
  });

  it('takes a role once the office added it; a charter stored with a role since dropped stays readable and cancellable', async () => {
    expect((await putSettings({ roles: ['captain', 'mate', 'deckhand', 'cook'] })).status).toBe(
      200,
    );
    const put = await putCharter('CH-NEEDS-COOK', {
      ...seaLark1205,
      needs: { captain: 1, cook: 1 },
    });
    expect(put.status).toBe(201);
    expect(((await put.json()) as ApiCharter).needs).toEqual({ captain: 1, cook: 1 });
    expect((await putSettings({ roles: ['captain', 'mate', 'deckhand'] })).status).toBe(200);

    const read = await getCharter('CH-NEEDS-COOK');
    expect(read.status).toBe(200);
    expect(((await read.json()) as CharterWithCall).charter.needs).toEqual({ captain: 1, cook: 1 });
    const again = await putCharter('CH-NEEDS-COOK', {
      ...seaLark1205,
      needs: { captain: 1, cook: 1 },
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as ErrorBody).fields?.[0]?.field).toBe('needs.cook');
    const cancelled = await signedFetch(`${api.url}/api/charters/CH-NEEDS-COOK/cancel`, {
      method: 'POST',
      body: {},
    });
    expect(cancelled.status).toBe(200);
    const after = (await (await getCharter('CH-NEEDS-COOK')).json()) as CharterWithCall;
    expect(after.charter.status).toBe('cancelled');
  });
});
