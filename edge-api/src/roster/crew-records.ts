import type { CrewMember } from '../../../shared/crew/index.js';
import type { Db } from '../db/client.js';
import {
  getCrewMember,
  putNewCrewMember,
  type RosterClaim,
  type RosterWrite,
  replaceCrewMember,
  setCrewMemberInactive,
} from '../db/roster-table.js';
import { isTransactionConflict } from '../db/transact.js';
import { invalidInput, notFound, UserError } from '../errors/index.js';
import type { CrewInput } from './crew-input.js';
import { qualificationProblems } from './qualification-problems.js';

/**
 * Roster changes as the admin routes and the demo seed make them: the data
 * layer says which claim a write ran into, this turns it into the answer a
 * person reads (409 naming the field, 503 when the roster stays busy).
 */

/** How many times an edit is tried again on fresh data after a concurrent edit. */
const EDIT_RETRIES = 4;

/** Creates a crew member with its email and phone claims in one transaction. */
export async function createCrewMember(
  db: Db,
  input: CrewInput,
  crewId: string,
  now: Date,
): Promise<CrewMember> {
  const at = now.toISOString();
  const member: CrewMember = {
    crew_id: crewId,
    ...input,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  refuseTaken(await busyOr(putNewCrewMember(db, member)));
  return member;
}

/**
 * Applies a change to a crew member. Moving an email or phone moves its claim
 * in the same transaction as the record, guarded by the record's version so a
 * concurrent edit is retried on fresh data rather than overwritten.
 */
export async function updateCrewMember(
  db: Db,
  crewId: string,
  change: Partial<CrewInput>,
  now: Date,
): Promise<CrewMember> {
  for (let attempt = 0; ; attempt++) {
    const current = await getCrewMember(db, crewId);
    if (!current) throw notFound(`crew member ${crewId}`);
    const next: CrewMember = {
      ...current,
      ...change,
      updated_at: now.toISOString(),
      version: current.version + 1,
    };
    // An empty list clears the extra qualifications: stored and answered as absent.
    if (next.also_qualified?.length === 0) delete next.also_qualified;
    // The patch may change either side of the role/extra-roles pair: check the merged record.
    const repeats = qualificationProblems(next.role, next.also_qualified);
    if (repeats.length > 0) throw invalidInput(repeats);
    if (sameCrewFields(current, next)) return current;
    const written = await busyOr(replaceCrewMember(db, current, next));
    const onlyVersion = !written.ok && written.taken.every((c) => c.field === 'version');
    if (onlyVersion && attempt < EDIT_RETRIES) continue;
    refuseTaken(written);
    return next;
  }
}

/** Deactivates (never deletes) so charters and statements keep their history. */
export async function deactivateCrewMember(db: Db, crewId: string, now: Date): Promise<CrewMember> {
  const member = await setCrewMemberInactive(db, crewId, now);
  if (!member) throw notFound(`crew member ${crewId}`);
  return member;
}

async function busyOr(write: Promise<RosterWrite>): Promise<RosterWrite> {
  try {
    return await write;
  } catch (error) {
    if (isTransactionConflict(error))
      throw new UserError(503, 'busy', 'the roster is busy with another change; try again');
    throw error;
  }
}

function refuseTaken(written: RosterWrite): void {
  if (written.ok) return;
  throw new UserError(
    409,
    'conflict',
    written.taken.map((c) => `${c.field} ${conflictMessage(c)}`).join('; '),
    written.taken.map((c) => ({ field: c.field, message: conflictMessage(c) })),
  );
}

function sameCrewFields(a: CrewMember, b: CrewMember): boolean {
  const keys: Array<keyof CrewInput> = [
    'name',
    'phone',
    'email',
    'role',
    'cascade_level',
    'availability_key',
    'active',
  ];
  return (
    keys.every((k) => a[k] === b[k]) &&
    JSON.stringify(a.also_qualified ?? []) === JSON.stringify(b.also_qualified ?? []) &&
    a.day_rate.amount_cents === b.day_rate.amount_cents &&
    a.day_rate.currency === b.day_rate.currency
  );
}

function conflictMessage(claim: RosterClaim): string {
  switch (claim.field) {
    case 'email':
    case 'phone':
      return `is already used by another crew member${claim.holder ? ` (${claim.holder})` : ''}`;
    case 'crew_id':
      return 'is already taken by another crew member';
    case 'version':
      return 'changed: someone else edited this crew member at the same time';
  }
}
