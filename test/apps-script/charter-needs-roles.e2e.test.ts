import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  type EdgeServer,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';

// A Needs cell naming a role the office does not have ("deckhnad") is refused by the edge API
// (400 naming needs.deckhnad); Preview and Send name the row's Needs cell with that message,
// and the other rows go ahead. Built bundle in the harness, real edge API.
const start = new Date('2026-11-28T17:00:00Z');
const REFUSED =
  'H3: needs.deckhnad: "deckhnad" is not one of the office\'s roles: captain, mate, deckhand';
let edge: EdgeServer;
let office: Office;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-ROLE-OK', '2026-12-05', '09:00', '13:00', 'mate 1'),
    charterRow('CH-ROLE-TYPO', '2026-12-05', '09:00', '13:00', 'captain 1, deckhnad 2'),
  ]);
}, 120_000);
afterAll(async () => {
  await office?.harness.close();
  await edge?.stop();
});

describe('a Needs cell with a role the office does not have', () => {
  it('Preview names the row and the Needs cell with the API’s message', () => {
    office.harness.select('Charters', 'A2:M3');
    office.harness.clickMenu('Crew', 'Preview crew call');
    const text = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(text).toMatch(/^1 of 2 selected charters previewed\./);
    expect(text).toContain(`Not previewed (1 of 2):\nRow 3 (CH-ROLE-TYPO): ${REFUSED}`);
  });

  it('Send skips that row with the same message and sends nothing for it; its Status stays empty', () => {
    office.harness.select('Charters', 'A3:M3');
    office.harness.clickMenu('Crew', 'Send crew call for selected charters');
    const text = office.harness.alerts.at(-1)?.prompt ?? '';
    expect(text).toContain(`Skipped 1: CH-ROLE-TYPO: ${REFUSED}`);
    expect(office.harness.outbox).toHaveLength(0);
    expect(office.charterCells(2).status).toBe('');
  });
});
