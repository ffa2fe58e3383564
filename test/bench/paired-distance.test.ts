import { describe, expect, it } from 'vitest';
import { pairedDistance } from '../../bench/cold-start.js';

describe('the cold-start bench judges a row by its paired distance from the floor', () => {
  it('reads a steady distance exactly, however much the machine drifts between rounds', () => {
    const floor = [100, 104, 180, 96, 240, 130, 101, 99, 210, 150, 100];
    const row = floor.map((f) => f + 12);
    expect(pairedDistance(row, floor)).toEqual({ median: 12, low: 12, high: 12 });
  });

  it('gives the 95% interval of the median from order statistics', () => {
    // 41 rounds: the distribution-free interval is the 14th to the 28th smallest difference.
    const base = Array.from({ length: 41 }, () => 100);
    const row = Array.from({ length: 41 }, (_, i) => 100 + i);
    expect(pairedDistance(row, base)).toEqual({ median: 20, low: 13, high: 27 });
  });

  it('falls back to the whole range when there are too few rounds for 95%', () => {
    expect(pairedDistance([5, 1, 9], [0, 0, 0])).toEqual({ median: 5, low: 1, high: 9 });
  });
});
