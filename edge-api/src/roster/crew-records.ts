import {
  SIMILAR_NAME_ERROR,
  type SimilarCrew,
  type SimilarNameAnswer,
} from '../../../shared/api/roster.js';
import type { CrewMember } from '../../../shared/crew/index.js';
import type { Db } from '../db/client.js';
import {
  getCrewMember,
  getCrewRecord,
  listCrew,
  putNewCrewMember,
  type RosterClaim,
  type RosterWrite,
  replaceCrewMember,
  sameAvailabilityKey,
} from '../db/roster-table.js';
import { isTransactionConflict } from '../db/transact.js';
import { invalidInput, notFound, UserError } from '../errors/index.js';
import type { CrewInput } from './crew-input.js';
import { refuseRoleOffTheList } from './office-roles.js';
import { qualificationProblems } from './qualification-problems.js';
import { isSimilarName } from './similar-names.js';

/**
 * Roster changes as the admin routes and the demo seed make them: the data
 * layer says which claim a write ran into, this turns it into the answer a
 * person reads (409 naming the field, 503 when the roster stays busy).
 */

/** How many times an edit is tried again on fresh data after a concurrent edit. */
const EDIT_RETRIES = 4;

/**
 * Creates a crew member with its email, phone and key claims in one transaction.
 * First it reads the roster (one Query): a name close to someone's there is
 * refused until the office confirms (`confirmSimilarName`), and an active member
 * from before key claims who has the same key is refused as the claim would be.
 */
export async function createCrewMember(
  db: Db,
  input: CrewInput,
  crewId: string,
  now: Date,
  options: { confirmSimilarName?: boolean } = {},
): Promise<CrewMember> {
  const at = now.toISOString();
  const member: CrewMember = {
    crew_id: crewId,
    ...input,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const roster = await listCrew(db);
  const taken = claimsTakenIn(roster, member);
  if (taken.length > 0) refuseTaken(taken, roster, member);
  if (!options.confirmSimilarName) refuseSimilar(input.name, roster);
  await refuseWrite(db, member, await busyOr(putNewCrewMember(db, member)));
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
    const record = await getCrewRecord(db, crewId);
    if (!record) throw notFound(`crew member ${crewId}`);
    const current = record.member;
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
    const written = await busyOr(replaceCrewMember(db, record, next));
    const onlyVersion = !written.ok && written.taken.every((c) => c.field === 'version');
    if (onlyVersion && attempt < EDIT_RETRIES) continue;
    await refuseWrite(db, next, written);
    return next;
  }
}

/**
 * Deactivates (never deletes) so charters and statements keep their history;
 * an edit like any other, so the key claim is released in the same transaction.
 */
export async function deactivateCrewMember(db: Db, crewId: string, now: Date): Promise<CrewMember> {
  return updateCrewMember(db, crewId, { active: false }, now);
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

/**
 * What the roster as read says a new member would run into, so a person already
 * there is named before any close-name warning. The transaction is still what
 * enforces it; this read also covers active members from before key claims.
 */
function claimsTakenIn(roster: CrewMember[], member: CrewMember): RosterClaim[] {
  const holder = (test: (m: CrewMember) => boolean) => roster.find(test)?.crew_id;
  const claims: RosterClaim[] = [];
  const email = holder((m) => m.email === member.email);
  const phone = holder((m) => m.phone === member.phone);
  if (email) claims.push({ field: 'email', holder: email });
  if (phone) claims.push({ field: 'phone', holder: phone });
  const key = holder(
    (m) =>
      member.active && m.active && sameAvailabilityKey(m.availability_key, member.availability_key),
  );
  if (key && claims.length === 0) claims.push({ field: 'availability_key', holder: key });
  return claims;
}

/**
 * A taken email or phone means the person (or one with their contact) is already
 * on the roster: that is the answer, and a key they also share is left unsaid.
 */
function headlineClaims(taken: RosterClaim[]): RosterClaim[] {
  const contact = taken.filter((c) => c.field === 'email' || c.field === 'phone');
  return contact.length > 0 ? contact : taken;
}

/** A refused write as the answer a person reads: who holds what, by name and id. */
async function refuseWrite(db: Db, member: CrewMember, written: RosterWrite): Promise<void> {
  if (written.ok) return;
  // The office dropped the role meanwhile: the same 400 as a role typed off the list.
  if (written.taken.some((c) => c.field === 'role'))
    await refuseRoleOffTheList(db, { role: member.role });
  const taken = headlineClaims(written.taken);
  const ids = new Set(taken.map((c) => (c.field === 'version' ? member.crew_id : c.holder)));
  if (taken.some((c) => c.field === 'crew_id')) ids.add(member.crew_id);
  const people: CrewMember[] = [];
  for (const id of ids) {
    const found = id === undefined ? undefined : await getCrewMember(db, id);
    if (found) people.push(found);
  }
  refuseTaken(taken, people, member);
}

function refuseTaken(taken: RosterClaim[], people: CrewMember[], member: CrewMember): never {
  throw new UserError(
    409,
    'conflict',
    taken.map((c) => takenSentence(c, people, member)).join('; '),
    taken.map((c) => ({ field: c.field, message: conflictMessage(c) })),
  );
}

/** "Abdul Rahimi (c-0001) already has the email …": who holds what, in words. */
function takenSentence(claim: RosterClaim, people: CrewMember[], member: CrewMember): string {
  const person = (id: string | undefined) => people.find((p) => p.crew_id === id);
  const who = (id: string | undefined) => {
    const p = person(id);
    return p ? `${p.name} (${p.crew_id})` : `another crew member${id ? ` (${id})` : ''}`;
  };
  switch (claim.field) {
    case 'email':
      return `${who(claim.holder)} already has the email ${member.email}`;
    case 'phone':
      return `${who(claim.holder)} already has the phone ${member.phone}`;
    case 'availability_key': {
      const key = person(claim.holder)?.availability_key ?? member.availability_key;
      return `${who(claim.holder)} already has the availability key "${key}"`;
    }
    case 'crew_id':
      return `the crew id ${member.crew_id} is already taken by ${who(member.crew_id)}`;
    case 'version':
      return `${who(member.crew_id)} was changed by someone else at the same time; reload and try again`;
    case 'role':
      return `the office's roles changed at the same time as this change to ${member.name}; try again`;
  }
}

/** The close-name warning (409 similar_name) unless nobody on the roster has a close name. */
function refuseSimilar(name: string, roster: CrewMember[]): void {
  const similar: SimilarCrew[] = roster
    .filter((m) => isSimilarName(name, m.name))
    .map((m) => ({
      crew_id: m.crew_id,
      name: m.name,
      availability_key: m.availability_key,
      active: m.active,
    }));
  if (similar.length === 0) return;
  const who = similar
    .map(
      (m) =>
        `${m.name} (${m.crew_id})${m.active ? '' : ' [inactive]'} with the key "${m.availability_key}"`,
    )
    .join(', ');
  const body: Omit<SimilarNameAnswer, 'error' | 'message' | 'fields'> = { similar };
  throw new UserError(
    409,
    SIMILAR_NAME_ERROR,
    `${name.trim()} is close to ${who}, already on the roster; if this is a different person, send "confirm_similar_name": true to add them anyway`,
    [{ field: 'name', message: `is close to ${who}, already on the roster` }],
    body,
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
    case 'availability_key':
      return `is already used by another active crew member${claim.holder ? ` (${claim.holder})` : ''}`;
    case 'crew_id':
      return 'is already taken by another crew member';
    case 'version':
      return 'changed: someone else edited this crew member at the same time';
    case 'role':
      return "changed: the office's roles changed at the same time";
  }
}
