import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntryPoint, entryPoints } from '../../support/entry-points.js';

/**
 * Cursors, ranges and ids that DynamoDB would refuse (a key over its size limit, a range
 * whose end is before its start) are a 400 naming the parameter, never a 500. Both entry points.
 */
const tooLong = 'c'.repeat(2100);
const future = new Date(Date.now() + 86_400_000).toISOString();

describe.each(entryPoints)('bad query input under $name', ({ start }) => {
  let ep: EntryPoint;
  beforeAll(async () => {
    ep = await start();
  });
  afterAll(() => ep?.close());

  const expectNamed = async (
    method: string,
    path: string,
    field: string,
    message: RegExp,
    body?: unknown,
  ) => {
    const res = await ep.admin(method, path, body);
    expect({ path: path.slice(0, 80), status: res.status }).toEqual({
      path: path.slice(0, 80),
      status: 400,
    });
    expect(res.json.error).toBe('invalid_input');
    expect(res.json.fields).toEqual([{ field, message: expect.stringMatching(message) }]);
  };

  it.each([
    ['changes, garbage', '/api/changes?since=garbage'],
    ['changes, no such date', '/api/changes?since=2026-13-45T99:00:00.000Z%2300abcdef012345'],
    ['changes, future', `/api/changes?since=${encodeURIComponent(`${future}#00abcdef012345`)}`],
    ['changes, 2100 characters', `/api/changes?since=${tooLong}`],
    ['calls/due, garbage', '/api/calls/due?since=garbage'],
    ['calls/due, future', `/api/calls/due?since=${encodeURIComponent(future)}`],
  ])('GET %s: a 400 naming since', async (_, path) => {
    await expectNamed('GET', path, 'since', /cursor|future/);
  });

  it('a cursor from next_cursor, and one a moment old, are fine', async () => {
    const first = await ep.admin('GET', '/api/changes');
    expect(first.status).toBe(200);
    const recent = new Date(Date.now() - 1000).toISOString();
    const res = await ep.admin(
      'GET',
      `/api/changes?since=${encodeURIComponent(`${recent}#00abcdef012345`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.json.changes).toEqual([]);
  });

  it('GET /api/charters with to before from is a 400 naming to', async () => {
    await expectNamed(
      'GET',
      '/api/charters?from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z',
      'to',
      /before from/,
    );
    // Only `to`, before the default start (now).
    await expectNamed('GET', '/api/charters?to=2020-01-01T00:00:00Z', 'to', /before from/);
  });

  it.each([
    ['GET', '/api/crew/:crewId', `/api/crew/${tooLong}`, 'crewId'],
    ['PATCH', '/api/crew/:crewId', `/api/crew/${tooLong}`, 'crewId'],
    ['GET', '/api/charters/:charterId', `/api/charters/${tooLong}`, 'charterId'],
    ['PUT', '/api/charters/:charterId', `/api/charters/${tooLong}`, 'charterId'],
    ['POST', '/api/calls/:callId/escalate', `/api/calls/${tooLong}/escalate`, 'callId'],
    [
      'POST',
      '/api/calls/:callId/crew/:crewId/link',
      `/api/calls/call-0123456789abcdef/crew/${tooLong}/link`,
      'crewId',
    ],
  ])('%s %s with a 2100-character id: a 400 naming it', async (method, _, path, field) => {
    await expectNamed(method, path, field, /must be/, method === 'GET' ? undefined : {});
  });

  it('POST /api/links/portal with a crew_id over the key limit is a 400 naming crew_id', async () => {
    await expectNamed('POST', '/api/links/portal', 'crew_id', /must be/, { crew_id: tooLong });
  });
});
