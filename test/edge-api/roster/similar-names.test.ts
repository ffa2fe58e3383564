import { describe, expect, it } from 'vitest';
import { isSimilarName } from '../../../edge-api/src/roster/similar-names.js';

// The close-name rule, word by word: first and last words alike (exactly, or one typo
// in a word of four letters or more), after folding, nicknames and titles dropped.
describe('isSimilarName', () => {
  it.each([
    ['Abdul Rahimi', 'Abdul Rahimi'],
    ['Abdul Rahimi', 'abdul  RAHIMI'],
    ['Abdul Rahimi', 'Ábdul Rahimi'],
    ['Abdul Rahimi', 'Abdul "Abe" Rahimi'],
    ['Abdul Rahimi', "Abdul 'Abe' Rahimi"],
    ['Abdul Rahimi', 'Abdul (Abe) Rahimi'],
    ['Abdul Rahimi', 'Abdul K. Rahimi'],
    ['Abdul Rahimi', 'Capt. Abdul Rahimi'],
    ['Abdul Rahimi', 'Rahimi, Abdul'],
    ['Abdul Rahimi', 'Abdul Rahimy'],
    ['Abdul Rahimi', 'Abdul Rahim'],
    ['Abdul Rahimi', 'Abdul Rahiim'],
    ['Abdul Rahimi', 'Adbul Rahimi'],
    ['Teresa Okafor', 'Teresa Okafor-'],
    ['Sean O’Brien', "Sean O'Brien"],
    ['Abdul K. Rahimi', 'Abdul Karim Rahimi'],
  ])('%s ~ %s', (a, b) => {
    expect(isSimilarName(a, b)).toBe(true);
    expect(isSimilarName(b, a)).toBe(true);
  });

  it.each([
    ['Abdul Rahimi', 'Abdul Karimi Jones'],
    ['Abdul Rahimi', 'Abdul'],
    ['Abdul Rahimi', 'Abdullah Rahimi'],
    ['Abdul Rahimi', 'Rahimi Abdul'],
    ['Bea Moss', 'Bev Moss'],
    ['Test Sailor 1', 'Test Sailor 2'],
    ['Test Sailor 1', 'Test Sailor 11'],
    ['Deckhand AB 01', 'Deckhand AB 02'],
    ['Deckhand Race 00', 'Deckhand Twice 00'],
    ['Abdul Karim Rahimi', 'Abdul Nasser Rahimi'],
    ['Wilhelmina Stroud', 'Wilhelmina Strand-Okoro'],
    ['', 'Abdul Rahimi'],
  ])('%s is not %s', (a, b) => {
    expect(isSimilarName(a, b)).toBe(false);
    expect(isSimilarName(b, a)).toBe(false);
  });
});
