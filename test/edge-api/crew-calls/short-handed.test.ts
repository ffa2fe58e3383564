import { describe, expect, it } from 'vitest';
import { summariseCall } from '../../../edge-api/src/crew-calls/call-summary.js';
import {
  shortHandedAlertFor,
  shortHandedReason,
} from '../../../edge-api/src/crew-calls/short-handed.js';
import type { CallPartition } from '../../../edge-api/src/db/dispatch-table/index.js';
import { describeCall } from '../../../shared/crew-calls/call-summary.js';

const departs = '2026-12-05T17:00:00.000Z';
const HOUR = 3_600_000;

/** A call whose one level (closing at 29 Nov 05:00) has been opened; 2 deckhands needed. */
function partition(over: { filled?: number; levelsLeft?: boolean; notices?: string[] } = {}) {
  return {
    call: {
      call_id: 'call-1',
      charter_id: 'CH-1',
      status: 'open',
      departs_at: departs,
      updated_at: '2026-11-28T17:00:00.000Z',
      next_level_index: over.levelsLeft ? 0 : 1,
      opened: [
        { level: 3, opened_at: '2026-11-28T17:00:00.000Z', closes_at: '2026-11-29T05:00:00.000Z' },
      ],
      plan: { levels: [{ level: 3 }] },
    },
    seats: [{ role: 'deckhand', needed: 2, filled: over.filled ?? 0 }],
    responses: [],
    notices: (over.notices ?? []).map((notice_id) => ({ notice_id, kind: 'short_handed' })),
  } as unknown as CallPartition;
}

describe('short-handed', () => {
  it('is not short while the last window runs, short once it has passed', () => {
    expect(shortHandedReason(partition(), new Date('2026-11-29T04:59:00Z'))).toBeUndefined();
    expect(shortHandedReason(partition(), new Date('2026-11-29T05:00:00Z'))).toBe('everyone_asked');
  });

  it('is not short while levels are left, until the lead before departure', () => {
    const p = partition({ levelsLeft: true });
    expect(shortHandedReason(p, new Date(Date.parse(departs) - 25 * HOUR))).toBeUndefined();
    expect(shortHandedReason(p, new Date(Date.parse(departs) - 24 * HOUR))).toBe('departs_soon');
    // The office asked for 48 h.
    expect(shortHandedReason(p, new Date(Date.parse(departs) - 47 * HOUR), 48 * HOUR)).toBe(
      'departs_soon',
    );
  });

  it('is never short when filled or once the boat has left', () => {
    expect(shortHandedReason(partition({ filled: 2 }), new Date('2026-12-01T00:00:00Z'))).toBe(
      undefined,
    );
    expect(shortHandedReason(partition(), new Date(departs))).toBeUndefined();
  });

  it('offers each email once: not again once recorded', () => {
    const at = new Date('2026-11-30T00:00:00Z');
    expect(shortHandedAlertFor(partition(), at)?.notice_id).toBe('short-everyone-asked');
    expect(shortHandedAlertFor(partition({ notices: ['short-everyone-asked'] }), at)).toBe(
      undefined,
    );
    const dayBefore = new Date(Date.parse(departs) - 2 * HOUR);
    expect(
      shortHandedAlertFor(partition({ notices: ['short-everyone-asked'] }), dayBefore)?.notice_id,
    ).toBe('short-departs-soon');
  });

  it('says short in the Status cell with the role and how many seats', () => {
    const summary = summariseCall(partition(), new Date('2026-11-30T00:00:00Z'));
    expect(describeCall(summary).status).toBe('short: deckhand 2');
    const before = summariseCall(partition(), new Date('2026-11-29T00:00:00Z'));
    expect(describeCall(before).status).toBe(
      'everyone asked (level 3 was the last); open: deckhand 2',
    );
  });
});
