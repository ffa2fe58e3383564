import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DueAnswer, ErrorBody } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { signedFetch } from '../../support/signed-fetch.js';

// How the timer's GET /api/calls/due reads its query: a cursor and a lead in hours it can
// read are answered; anything else is a 400 naming each field, in the same words.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const due = (query: string) => signedFetch(`${api.url}/api/calls/due${query}`);
const recent = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());

describe('GET /api/calls/due query', () => {
  it.each([
    [''],
    [`?since=${recent}`],
    [`?since=${recent}%2300abcdef012345`],
    ['?short_before_hours=48'],
    ['?short_before_hours=0'],
    ['?short_before_hours=720'],
    ['?short_before_hours=1.5'],
    ['?short_before_hours=%2012%20'],
    ['?short_before_hours='],
    [`?since=${recent}&short_before_hours=24`],
  ])('answers %s', async (query) => {
    const res = await due(query);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as DueAnswer;
    expect(answer).toMatchObject({ calls: [], pending_notifications: [], office_alerts: [] });
  });

  it.each([
    [
      '?short_before_hours=abc',
      [{ field: 'short_before_hours', message: 'must be a number of hours' }],
    ],
    [
      '?short_before_hours=-1',
      [{ field: 'short_before_hours', message: 'must be 0 or more hours' }],
    ],
    [
      '?short_before_hours=721',
      [{ field: 'short_before_hours', message: 'must be at most 720 hours (30 days)' }],
    ],
    [
      '?short_before_hours=Infinity',
      [{ field: 'short_before_hours', message: 'must be a number of hours' }],
    ],
    ['?window=1', [{ field: 'window', message: 'is not a known field' }]],
    [
      '?since=garbage&short_before_hours=x&window=1',
      [
        {
          field: 'since',
          message:
            'must be a cursor from next_cursor, such as 2026-12-01T17:00:00.000Z#00a1b2c3d4e5f6',
        },
        { field: 'short_before_hours', message: 'must be a number of hours' },
        { field: 'window', message: 'is not a known field' },
      ],
    ],
  ])('refuses %s, naming each field', async (query, fields) => {
    const res = await due(query);
    expect(res.status).toBe(400);
    const json = (await res.json()) as Required<ErrorBody>;
    expect(json.error).toBe('invalid_input');
    expect(json.fields).toEqual(fields);
  });
});
