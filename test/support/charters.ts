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
