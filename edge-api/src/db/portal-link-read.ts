import { batchGetAll } from './batch-get.js';
import type { Db } from './client.js';
import { linkKey, strip } from './dispatch-table/keys.js';
import type { LinkRecord } from './dispatch-table/links.js';
import { CREW_SK, crewPk } from './roster-reads.js';

/** Who a portal page greets: the roster's crew id and name. */
export interface PortalPerson {
  crew_id: string;
  name: string;
}

/**
 * A portal page's first read, for a link that carries its person's crew id: the link record
 * (crew-dispatch, eventually consistent, as every crew page reads it) and the person
 * (crew-roster, consistent, as getCrewMember reads them) in one BatchGetItem across both
 * tables. Loaded with the portal's own code, so a charter's page never loads the roster's.
 */
export async function getPortalLinkAndPerson(
  db: Db,
  linkHash: string,
  crewId: string,
): Promise<{ link?: LinkRecord; person?: PortalPerson }> {
  const dispatch = db.tables['crew-dispatch'];
  const roster = db.tables['crew-roster'];
  const got = await batchGetAll(
    db,
    {
      [dispatch]: { Keys: [linkKey(linkHash)], ConsistentRead: false },
      [roster]: {
        Keys: [{ pk: crewPk(crewId), sk: CREW_SK }],
        ConsistentRead: true,
        ProjectionExpression: 'crew_id, #name',
        ExpressionAttributeNames: { '#name': 'name' },
      },
    },
    `portal of ${crewId}`,
  );
  const link = got[dispatch]?.[0];
  const person = got[roster]?.[0];
  return {
    ...(link ? { link: strip<LinkRecord>(link) } : {}),
    ...(person ? { person: { crew_id: String(person.crew_id), name: String(person.name) } } : {}),
  };
}
