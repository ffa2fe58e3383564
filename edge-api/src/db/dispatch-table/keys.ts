/**
 * Every key of the crew-dispatch table, and of its indexes, in one place.
 *
 * A crew call is one partition (pk `CALL#<id>`):
 * - sk `CALL`: the call itself, small and bounded (status, open seats, the
 *   levels' windows, who is confirmed by first name): what every crew action reads;
 * - sk `PLAN`: the frozen plan (candidates with contacts), read when a level opens;
 * - sk `LEVEL#<n>`: whom level n asked;
 * - sk `SEATS#<role>`: seats needed and filled for a role (the accept's condition);
 * - sk `CREW#<crew_id>`: one recipient's response, current link and notice sequence;
 * - sk `NOTICE#<id>`: an email to send, until Apps Script reports it sent.
 * Elsewhere: `CHARTER#<id>`, `LINK#<hash>`, `PORTAL#<crew_id>`, `CHANGES`, `IDEMPOTENCY#…`,
 * `SETTINGS` (the office's roles and call-window policy, one item), `MARKS#<crew_id>` (a crew
 * member's own availability marks, sk `DAY#<date>`: their 60 days are one Query).
 * gsi1: `DUE` (open calls by when their window closes), `CREW#<id>` (a person's
 * responses by departure), `CHARTERS` (by start). gsi2: `UNSENT` notices,
 * `CONFIRMED` crew by departure, `UNFINISHED` calls (a multi-step write to finish),
 * `MARKS_PENDING` crew marks not yet in the sheet (sparse: removed once written or kept);
 * `MARKS_NO_CELL` crew marks with no cell in the sheet yet, by when they are next offered.
 * gsi1 also: `MARKS_BY_DAY` (every crew mark by date, then crew).
 */
export const callPk = (callId: string) => `CALL#${callId}`;
export const callKey = (callId: string) => ({ pk: callPk(callId), sk: 'CALL' });
export const planKey = (callId: string) => ({ pk: callPk(callId), sk: 'PLAN' });
export const levelKey = (callId: string, level: number) => ({
  pk: callPk(callId),
  sk: `LEVEL#${level}`,
});
export const seatsKey = (callId: string, role: string) => ({
  pk: callPk(callId),
  sk: `SEATS#${role}`,
});
export const responseKey = (callId: string, crewId: string) => ({
  pk: callPk(callId),
  sk: `CREW#${crewId}`,
});
export const noticeKey = (callId: string, noticeId: string) => ({
  pk: callPk(callId),
  sk: `NOTICE#${noticeId}`,
});
export const charterKey = (id: string) => ({ pk: `CHARTER#${id}`, sk: 'CHARTER' });
export const linkKey = (hash: string) => ({ pk: `LINK#${hash}`, sk: 'LINK' });
export const portalKey = (crewId: string) => ({ pk: `PORTAL#${crewId}`, sk: 'PORTAL' });
/**
 * Calendar feeds (calendar-feeds.ts): `FEED#<sha256 of the token>` is the lookup, by the
 * token's hash (the token itself is never stored); `FEEDOF#<crew_id>` the person's current feed.
 */
export const feedKey = (tokenHash: string) => ({ pk: `FEED#${tokenHash}`, sk: 'FEED' });
/** A crew member's current calendar feed: issue, key id, live or revoked. */
export const feedOfKey = (crewId: string) => ({ pk: `FEEDOF#${crewId}`, sk: 'FEEDOF' });
export const CHANGES_PK = 'CHANGES';
export const officeSettingsKey = { pk: 'SETTINGS', sk: 'OFFICE' } as const;
export const markKey = (crewId: string, date: string) => ({
  pk: `MARKS#${crewId}`,
  sk: `DAY#${date}`,
});
export const MARK_DAY_SK = 'DAY#';
export const markPendingIndex = (setAt: string, crewId: string, date: string) => ({
  gsi2pk: 'MARKS_PENDING',
  gsi2sk: `${setAt}#${crewId}#${date}`,
});
/**
 * A no_cell mark (no cell in the office's sheet yet), by when it is next offered to the office
 * side: sparse like MARKS_PENDING, one a day at most, so it cannot crowd out newer marks.
 */
export const markRetryIndex = (retryAt: string, crewId: string, date: string) => ({
  gsi2pk: 'MARKS_NO_CELL',
  gsi2sk: `${retryAt}#${crewId}#${date}`,
});
export const markDayIndex = (date: string, crewId: string) => ({
  gsi1pk: 'MARKS_BY_DAY',
  gsi1sk: `${date}#${crewId}`,
});
export const idempotencyKey = (caller: string, key: string) => ({
  pk: `IDEMPOTENCY#${caller}#${key}`,
  sk: 'IDEMPOTENCY',
});

/** Sort-key prefixes of a call partition's item kinds. */
export const SK = {
  call: 'CALL',
  plan: 'PLAN',
  level: 'LEVEL#',
  seats: 'SEATS#',
  response: 'CREW#',
  notice: 'NOTICE#',
} as const;

export const dueIndex = (closesAt: string, callId: string) => ({
  gsi1pk: 'DUE',
  gsi1sk: `${closesAt}#${callId}`,
});
export const unfinishedIndex = (repairAfter: string, callId: string) => ({
  gsi2pk: 'UNFINISHED',
  gsi2sk: `${repairAfter}#${callId}`,
});
export const crewIndex = (crewId: string, departsAt: string, callId: string) => ({
  gsi1pk: `CREW#${crewId}`,
  gsi1sk: `${departsAt}#${callId}`,
});
export const confirmedIndex = (startsAt: string, crewId: string, callId: string) => ({
  gsi2pk: 'CONFIRMED',
  gsi2sk: `${startsAt}#${crewId}#${callId}`,
});
export const unsentIndex = (createdAt: string, callId: string, noticeId: string) => ({
  gsi2pk: 'UNSENT',
  gsi2sk: `${createdAt}#${callId}#${noticeId}`,
});
export const chartersIndex = (startsAt: string, charterId: string) => ({
  gsi1pk: 'CHARTERS',
  gsi1sk: `${startsAt}#${charterId}`,
});

/** The item without its table and index keys. */
export const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest as T;
};
