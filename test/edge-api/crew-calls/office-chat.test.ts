import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import type {
  ChatAnswer,
  ChatPost,
  ErrorBody,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// The office's side of the charter chat (GET/POST /api/charters/:id/chat), which the
// sidebar's Chat tab calls: office posts carry the office's name, crew see them.
let clock = new Date('2026-11-28T17:00:00Z');
let api: TestApi;
let kenji: string;
beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
  await signedFetch(`${api.url}/api/charters/CH-OFFICE-CHAT`, { method: 'PUT', body: seaLark1205 });
  const res = await signedFetch(`${api.url}/api/charters/CH-OFFICE-CHAT/calls`, {
    method: 'POST',
    body: { availability: { Kenji: 'yes', 'Liam B': 'yes' } },
  });
  const { notifications } = (await res.json()) as StartCallAnswer;
  kenji = notifications.find((n) => n.to.startsWith('kenji.'))?.link_url as string;
  expect((await postCrewForm(kenji, { action: 'accept' })).result).toBe('confirmed');
});
afterAll(() => api.close());

const chat = (id = 'CH-OFFICE-CHAT') => `${api.url}/api/charters/${id}/chat`;
const postChat = (body: unknown, id?: string) =>
  signedFetch(chat(id), { method: 'POST', body: body as Record<string, unknown> });

describe('the office in the charter chat', () => {
  it('posts under the office name; the crew page and the chat read show it after the crew’s', async () => {
    expect((await postCrewForm(kenji, { action: 'chat', message: 'Which dock?' })).status).toBe(
      303,
    );
    // A minute later: posts are ordered by time (the test clock stands still otherwise).
    clock = new Date(clock.getTime() + 60_000);
    const res = await postChat({ text: '  Dock B, slip 14.  ' });
    expect(res.status).toBe(201);
    const post = (await res.json()) as ChatPost;
    expect(post).toMatchObject({
      charter_id: 'CH-OFFICE-CHAT',
      author: 'Harbor Charters (demo)',
      text: 'Dock B, slip 14.',
    });
    expect(post.author_crew_id).toBeUndefined();

    const read = (await (await signedFetch(chat())).json()) as ChatAnswer;
    expect(read.posts.map((p) => [p.author, p.text])).toEqual([
      ['Kenji (mate)', 'Which dock?'],
      ['Harbor Charters (demo)', 'Dock B, slip 14.'],
    ]);
    const page = await (await fetch(kenji)).text();
    expect(page).toContain('Harbor Charters (demo)');
    expect(page).toContain('Dock B, slip 14.');
  });

  it('refuses bad bodies naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{}, 'text', 'is required'],
      [{ text: 5 }, 'text', 'must be text'],
      [{ text: '   ' }, 'text', 'must not be empty'],
      [{ text: 'x'.repeat(501) }, 'text', 'must be at most 500 characters'],
      [{ text: 'hi', author: 'Somebody else' }, 'author', ''],
    ];
    for (const [body, field, message] of cases) {
      const res = await postChat(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()) as ErrorBody;
      const problem = error.fields?.find((f) => f.field === field);
      expect(problem, JSON.stringify(error)).toBeDefined();
      if (message) expect(problem?.message).toContain(message);
    }
    const read = (await (await signedFetch(chat())).json()) as ChatAnswer;
    expect(read.posts).toHaveLength(2);
  });

  it('answers 404 for a charter it does not know, for reads and posts', async () => {
    expect((await signedFetch(chat('CH-NOBODY'))).status).toBe(404);
    expect((await postChat({ text: 'hello' }, 'CH-NOBODY')).status).toBe(404);
  });
});
