import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { conditional, transact } from '../transact.js';
import { linkKey, portalKey } from './keys.js';

/**
 * Magic-link records: pk `LINK#<sha256 of the link id>`, sk `LINK`. The id and
 * the token are never stored. `expires_at` (epoch seconds) drives TTL clean-up,
 * which is lazy, so readers still compare it with the clock.
 */
export type LinkState = 'live' | 'used' | 'revoked';
/** `withdrawn`: the office revoked a portal link without replacing it. */
export type RevokedBecause = 'replaced' | 'cancelled' | 'withdrawn';

export interface LinkRecord {
  link_hash: string;
  /** A call link answers one call; a portal link lists a person's upcoming calls. Absent means call. */
  kind?: 'call' | 'portal';
  /** Empty for portal links. */
  call_id: string;
  charter_id: string;
  crew_id: string;
  issue: number;
  state: LinkState;
  revoked_because?: RevokedBecause;
  decision?: string;
  used_at?: string;
  created_at: string;
  expires_at: number;
}

export const linkItem = (l: LinkRecord) => ({ ...linkKey(l.link_hash), ...l });

/** A link record; a crew page reads it eventually consistent (using it is a conditional write). */
export async function getLink(
  db: Db,
  hash: string,
  consistent = true,
): Promise<LinkRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: linkKey(hash),
      ConsistentRead: consistent,
    }),
  );
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, ...link } = out.Item;
  return link as LinkRecord;
}

/** Revokes a live link (reissue or cancellation); a used or revoked one is left as it is. */
export async function revokeLink(db: Db, hash: string, because: RevokedBecause): Promise<boolean> {
  return conditional(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: linkKey(hash),
        UpdateExpression: 'SET #state = :revoked, revoked_because = :because',
        ConditionExpression: '#state = :live',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':because': because, ':live': 'live' },
      }),
    ),
  );
}

/** The current portal link of a crew member: pk `PORTAL#<crew_id>`, sk `PORTAL`. */
export interface PortalPointer {
  crew_id: string;
  issue: number;
  kid: string;
  issued_at: number;
  expires_at: number;
}

export async function getPortalPointer(db: Db, crewId: string): Promise<PortalPointer | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: portalKey(crewId),
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, ...pointer } = out.Item;
  return pointer as PortalPointer;
}

/**
 * Points a person's portal at a new link and stores its record, in one
 * transaction guarded by the issue it replaces. False when another issue won.
 */
export async function recordPortalLink(
  db: Db,
  pointer: PortalPointer,
  previousIssue: number | undefined,
  link: LinkRecord,
): Promise<boolean> {
  const table = db.tables['crew-dispatch'];
  const result = await transact(db, {
    pointer: {
      Put: {
        TableName: table,
        Item: { ...portalKey(pointer.crew_id), ...pointer },
        ...(previousIssue !== undefined
          ? {
              ConditionExpression: 'issue = :old',
              ExpressionAttributeValues: { ':old': previousIssue },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    link: { Put: { TableName: table, Item: linkItem(link) } },
  });
  return result.ok;
}
