/** The fixtures' Sea Lark charter of 2026-12-05 as the admin API takes it (PUT /api/charters/:id). */
export const seaLark1205 = {
  vessel: 'Sea Lark',
  date: '2026-12-05',
  start: '09:00',
  end: '13:00',
  time_zone: 'America/Los_Angeles',
  client: 'Harbor View Events',
  guests: 18,
  needs: { captain: 1, mate: 1, deckhand: 2 },
  price: { amount_cents: 320000, currency: 'USD' },
  meeting_point: 'Dock B, slip 14',
};

/**
 * Sheet marks for the demo roster that open levels 2 (Liam captain, Kenji and Marisol mates),
 * 3 (Esmi deckhand) and 4 (Hana deckhand) of a Sea Lark call; Abdul and Teresa are out.
 */
export const demoRosterMarks = {
  'Liam B': 'am',
  Marisol: 'am',
  Kenji: 'yes',
  Esmi: 'yes',
  Hana: 'yes',
  Abdul: 'no',
  'Capt. Teresa': 'no',
} as const;
