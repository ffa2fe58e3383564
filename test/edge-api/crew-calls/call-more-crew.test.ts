import { describe, expect, it } from 'vitest';
import { newCandidates } from '../../../edge-api/src/crew-calls/call-more-crew.js';
import type { Candidate } from '../../../edge-api/src/crew-calls/plan-crew-call.js';

const person = (crew_id: string, role = 'deckhand') => ({ crew_id, role }) as Candidate;
const plan = {
  levels: [{ candidates: [person('esmi')] }, { candidates: [person('hana')] }],
} as never;

describe('who Call more crew asks', () => {
  it('asks only people never asked and not waiting in a later level, in an open role', () => {
    const fresh = [person('esmi'), person('hana'), person('danika'), person('kenji', 'mate')];
    const chosen = newCandidates(plan, 1, new Set(['deckhand']), new Set(['esmi']), fresh);
    expect(chosen.map((c) => c.crew_id)).toEqual(['danika']);
  });

  it('never asks a person who declined (they were asked)', () => {
    const chosen = newCandidates(plan, 2, new Set(['deckhand']), new Set(['esmi', 'hana']), [
      person('hana'),
    ]);
    expect(chosen).toEqual([]);
  });

  it('lists a person once even if the plan names them twice', () => {
    const chosen = newCandidates(plan, 2, new Set(['deckhand']), new Set(), [
      person('owen'),
      person('owen'),
    ]);
    expect(chosen.map((c) => c.crew_id)).toEqual(['owen']);
  });
});
