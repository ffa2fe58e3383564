import type { Db } from '../db/client.js';
import { rosterIsEmpty } from '../db/roster-table.js';
import type { CrewInput } from '../roster/crew-input.js';
import { createCrewMember } from '../roster/crew-records.js';
import seed from './seed-roster.json' with { type: 'json' };

/** Fills an empty roster with the fictional demo crew; leaves a roster with anyone in it alone. */
export async function seedDemoRoster(db: Db, now: Date): Promise<number> {
  if (!(await rosterIsEmpty(db))) return 0;
  for (const { crew_id, ...input } of seed as Array<CrewInput & { crew_id: string }>) {
    await createCrewMember(db, input, crew_id, now);
  }
  return seed.length;
}
