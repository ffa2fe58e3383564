import { describe, expect, it } from 'vitest';
import { compareInstants, compareNames } from '../../../edge-api/src/crew-calls/name-order.js';

// The office sees crew and roles in a call's summary in the order localeCompare gives (the
// sheet's order); compareNames gives it without ICU's collator for plain names.
const sign = (n: number) => Math.sign(n);

describe('compareNames', () => {
  it('lists names alphabetically whatever their case, lower case first, punctuation first', () => {
    const names = [
      'bob',
      'Zed Quay',
      "O'Brien",
      'obrien',
      'Bob',
      'anna lee',
      'Anna-Lee',
      'Zoë Marsh',
      'Al.',
      'Al',
      'al',
      'deck hand',
      'deckhand',
      'deck-hand',
    ];
    const expected = [
      'al',
      'Al',
      'Al.',
      'anna lee',
      'Anna-Lee',
      'bob',
      'Bob',
      'deck hand',
      'deck-hand',
      'deckhand',
      "O'Brien",
      'obrien',
      'Zed Quay',
      'Zoë Marsh',
    ];
    expect([...names].sort(compareNames)).toEqual(expected);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(expected);
  });

  it('agrees with localeCompare on every short name over letters, both cases and punctuation', () => {
    const alphabet = ['a', 'A', 'b', 'B', ' ', '-', "'", '.'];
    let layer = [''];
    const all = [''];
    for (let length = 1; length <= 3; length++) {
      layer = layer.flatMap((s) => alphabet.map((c) => s + c));
      all.push(...layer);
    }
    const disagree: string[] = [];
    for (const a of all)
      for (const b of all)
        if (sign(compareNames(a, b)) !== sign(a.localeCompare(b))) disagree.push(`${a}|${b}`);
    expect(disagree).toEqual([]);
  });

  it('agrees with localeCompare on longer names, names differing only in case, and others', () => {
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'.";
    let seed = 12_345;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const name = () =>
      Array.from({ length: random(14) }, () => letters[random(letters.length)]).join('');
    const flipCase = (s: string) =>
      [...s]
        .map((c) => (random(3) ? c : c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
        .join('');
    const disagree: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const a = name();
      const b =
        i % 3 === 0
          ? flipCase(a)
          : i % 3 === 1
            ? a.slice(0, random(a.length + 1)) + name()
            : name();
      if (sign(compareNames(a, b)) !== sign(a.localeCompare(b))) disagree.push(`${a}|${b}`);
    }
    for (const [a, b] of [
      ['Zoë', 'Zoe'],
      ['Åsa', 'Asa'],
      ['José', 'Jose'],
      ['Nguyễn', 'Nguyen'],
      ['Bob2', 'Bob'],
      ['Al_', 'Al-'],
    ] as const) {
      if (sign(compareNames(a, b)) !== sign(a.localeCompare(b))) disagree.push(`${a}|${b}`);
    }
    expect(disagree).toEqual([]);
  });
});

describe('compareInstants', () => {
  it('orders ISO instants from toISOString as localeCompare does', () => {
    const instants = [
      '2026-12-01T17:00:00.000Z',
      '2026-11-30T23:59:59.999Z',
      '2026-12-01T09:05:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ];
    expect([...instants].sort(compareInstants)).toEqual(
      [...instants].sort((a, b) => a.localeCompare(b)),
    );
  });
});
