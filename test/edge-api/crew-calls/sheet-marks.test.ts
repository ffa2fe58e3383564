import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  CharterWithCall,
  ErrorBody,
  MoreCrewAnswer,
  PreviewAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { signedFetch } from '../../support/signed-fetch.js';

// Issue 14: the call routes take availability marks as the sheet gives them ("AM", "Yes",
// "✓", "y - after 2pm", "" = no mark), read with the office side's vocabulary, as well as
// the structured form; text nobody can read is a 400 naming the key and the text.
const clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
});
afterAll(() => api.close());

const send = (method: string, path: string, body?: unknown) =>
  signedFetch(`${api.url}${path}`, { method, ...(body === undefined ? {} : { body }) });

async function charter(id: string) {
  expect((await send('PUT', `/api/charters/${id}`, seaLark1205)).status).toBe(201);
}

const SHEET_MARKS = {
  Abdul: 'Yes',
  'Capt. Teresa': '',
  'Liam B': 'AM',
  Marisol: 'y - after 2pm',
  Kenji: '✓',
  Priya: 'N (travel)',
  Esmi: 'TRUE',
  Hana: 'maybe',
  Owen: false,
};

const called = (plan: PreviewAnswer['plan']) =>
  plan.levels.flatMap((l) => l.candidates.map((c) => c.name));
const codeOf = (plan: PreviewAnswer['plan'], name: string) =>
  plan.left_out.find((l) => l.name === name)?.code;

describe('availability marks as the sheet gives them', () => {
  it('preview reads sheet text with the office vocabulary', async () => {
    await charter('CH-SHEET-TEXT');
    const res = await send('POST', '/api/charters/CH-SHEET-TEXT/calls/preview', {
      availability: SHEET_MARKS,
    });
    expect(res.status).toBe(200);
    const { plan } = (await res.json()) as PreviewAnswer;
    expect(called(plan).sort()).toEqual([
      'Abdul Rahimi',
      'Esmi Duarte',
      'Kenji Watanabe',
      'Liam Brennan',
    ]);
    expect(codeOf(plan, 'Teresa Okafor')).toBe('no_mark');
    expect(codeOf(plan, 'Marisol Vega')).toBe('part_day');
    expect(codeOf(plan, 'Priya Nair')).toBe('unavailable');
    expect(codeOf(plan, 'Hana Lindqvist')).toBe('unsure');
    expect(codeOf(plan, 'Owen Pike')).toBe('unavailable');
  });

  it('takes the README example: short words and the structured form', async () => {
    const res = await send('POST', '/api/charters/CH-SHEET-TEXT/calls/preview', {
      availability: {
        Abdul: 'yes',
        'Liam B': 'am',
        Marisol: { status: 'yes', after: '14:00' },
        Priya: { status: 'note', note: 'call me' },
      },
    });
    expect(res.status).toBe(200);
    const { plan } = (await res.json()) as PreviewAnswer;
    expect(called(plan).sort()).toEqual(['Abdul Rahimi', 'Liam Brennan']);
    expect(codeOf(plan, 'Priya Nair')).toBe('unsure');
  });

  it('refuses text it cannot read, naming the key and the text, and starts nothing', async () => {
    await charter('CH-SHEET-BAD');
    const res = await send('POST', '/api/charters/CH-SHEET-BAD/calls', {
      availability: { ...SHEET_MARKS, Kenji: 'Y if back from Catalina' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields).toEqual([
      {
        field: 'availability.Kenji',
        message: expect.stringContaining('"Y if back from Catalina" is not an answer'),
      },
    ]);
    expect(body.message).toContain('availability.Kenji');
    const after = (await (
      await send('GET', '/api/charters/CH-SHEET-BAD')
    ).json()) as CharterWithCall;
    expect(after.call).toBeNull();
  });

  it('refuses a bare x: its meaning is the office’s setting, never guessed here', async () => {
    const res = await send('POST', '/api/charters/CH-SHEET-TEXT/calls/preview', {
      availability: { Abdul: 'x' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Required<ErrorBody>;
    expect(body.fields[0]?.field).toBe('availability.Abdul');
    expect(body.fields[0]?.message).toMatch(/"x".*"yes" or "no"/);
  });

  it('starts a call and calls more crew from sheet text too', async () => {
    await charter('CH-SHEET-START');
    const start = await send('POST', '/api/charters/CH-SHEET-START/calls', {
      availability: SHEET_MARKS,
    });
    expect(start.status).toBe(201);
    const { call } = (await start.json()) as StartCallAnswer;

    const bad = await send('POST', `/api/calls/${call.call_id}/more-crew`, {
      availability: { Danika: 'Yes', 'Sofia M.': 'not sure yet??' },
    });
    expect(bad.status).toBe(400);
    const problem = ((await bad.json()) as Required<ErrorBody>).fields[0];
    expect(problem?.field).toBe('availability.Sofia M.');
    expect(problem?.message).toContain('"not sure yet??"');

    const more = await send('POST', `/api/calls/${call.call_id}/more-crew`, {
      availability: { Danika: 'Yes', 'Sofia M.': '✓', Owen: '' },
    });
    expect(more.status).toBe(200);
    const answer = (await more.json()) as MoreCrewAnswer;
    expect(answer.candidates.map((c) => c.name).sort()).toEqual(['Danika Holm', 'Sofia Marchetti']);
  });
});
