import type { Money } from '../money/index.js';

/** A further role a crew member may take a seat in, called at its own cascade level. */
export interface Qualification {
  role: string;
  cascade_level: number;
}

/** The fields an admin sets on a crew member (POST /api/crew, PATCH /api/crew/:crewId). */
export interface CrewFields {
  name: string;
  /** E.164 once stored; the API accepts national numbers in the default country. */
  phone: string;
  email: string;
  /** captain, mate, deckhand, skipper, ... (lower case) */
  role: string;
  /** 1 is called first. */
  cascade_level: number;
  /**
   * Further seats this person may take, each at that role's own cascade level
   * (a captain who also crews as mate at level 3). Absent or empty: only `role`.
   */
  also_qualified?: Qualification[];
  /** The column header that names this person in the availability sheet. */
  availability_key: string;
  day_rate: Money;
  active: boolean;
}

/** POST /api/crew: `active` defaults to true. */
export type CrewCreateBody = Omit<CrewFields, 'active'> & { active?: boolean };
/** PATCH /api/crew/:crewId: at least one field. */
export type CrewPatchBody = Partial<CrewFields>;

/** A crew member as the roster API returns it (POST, GET, PATCH, DELETE /api/crew...). */
export interface CrewMember extends CrewFields {
  crew_id: string;
  /** E.164, e.g. +13105550101 */
  phone: string;
  /** Lower-cased, trimmed. */
  email: string;
  created_at: string;
  updated_at: string;
  /** Bumped on every change; guards concurrent edits. */
  version: number;
}

/** GET /api/crew?role=&active=: in roster order (level, then name). */
export interface RosterAnswer {
  crew: CrewMember[];
}

/**
 * POST /api/crew may also carry `confirm_similar_name: true`: the office saw the
 * close-name warning (409 `similar_name`) and adds the member anyway.
 */
export type CrewAddBody = CrewCreateBody & { confirm_similar_name?: boolean };

/** The `error` code of the close-name warning: 409, nothing written until confirmed. */
export const SIMILAR_NAME_ERROR = 'similar_name';

/** A crew member already on the roster whose name is close to a new member's. */
export interface SimilarCrew {
  crew_id: string;
  name: string;
  availability_key: string;
  active: boolean;
}

/** 409 `similar_name` from POST /api/crew: who is already there (fields names `name`). */
export interface SimilarNameAnswer {
  error: typeof SIMILAR_NAME_ERROR;
  message: string;
  fields: Array<{ field: string; message: string }>;
  similar: SimilarCrew[];
}

/** GET /api/crew/find?contact=<phone or email>: the crew member holding it (404 when nobody). */
export interface CrewFound {
  crew: CrewMember;
  /** Which claim matched: a contact with an `@` is read as an email, anything else as a phone. */
  matched_by: 'email' | 'phone';
}
