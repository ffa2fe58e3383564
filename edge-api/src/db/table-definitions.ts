import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one set of table definitions: `npm start`, the tests and the AWS
 * deployment all create the tables from these. Every request path is a
 * GetItem, Query or transaction on these keys and indexes; none needs a Scan.
 */
export type TableName = 'crew-roster' | 'crew-dispatch' | 'charter-chats';

export interface TableDefinition {
  name: TableName;
  keySchema: NonNullable<CreateTableCommandInput['KeySchema']>;
  attributeDefinitions: NonNullable<CreateTableCommandInput['AttributeDefinitions']>;
  globalSecondaryIndexes: NonNullable<CreateTableCommandInput['GlobalSecondaryIndexes']>;
  /** Attribute holding an epoch-seconds expiry, when the table uses TTL. */
  ttlAttribute?: string;
}

const S = 'S' as const;
const keyPair = (pk: string, sk: string) =>
  [
    { AttributeName: pk, KeyType: 'HASH' as const },
    { AttributeName: sk, KeyType: 'RANGE' as const },
  ] satisfies TableDefinition['keySchema'];
const index = (IndexName: string, pk: string, sk: string) => ({
  IndexName,
  KeySchema: keyPair(pk, sk),
  Projection: { ProjectionType: 'ALL' as const },
});

export const tableDefinitions: readonly TableDefinition[] = [
  {
    // Crew items (pk CREW#id) and uniqueness items (pk EMAIL#..., PHONE#...).
    name: 'crew-roster',
    keySchema: keyPair('pk', 'sk'),
    attributeDefinitions: [
      { AttributeName: 'pk', AttributeType: S },
      { AttributeName: 'sk', AttributeType: S },
      { AttributeName: 'roster_pk', AttributeType: S },
      { AttributeName: 'role_pk', AttributeType: S },
      { AttributeName: 'roster_order', AttributeType: S },
    ],
    globalSecondaryIndexes: [
      // Whole roster in cascade-level-then-name order.
      index('by-roster-order', 'roster_pk', 'roster_order'),
      // One role's crew in the same order (the cascade planner's query).
      index('by-role', 'role_pk', 'roster_order'),
    ],
  },
  {
    // Charters, crew calls, magic links, idempotency records, change feed.
    name: 'crew-dispatch',
    keySchema: keyPair('pk', 'sk'),
    attributeDefinitions: [
      { AttributeName: 'pk', AttributeType: S },
      { AttributeName: 'sk', AttributeType: S },
      { AttributeName: 'gsi1pk', AttributeType: S },
      { AttributeName: 'gsi1sk', AttributeType: S },
      { AttributeName: 'gsi2pk', AttributeType: S },
      { AttributeName: 'gsi2sk', AttributeType: S },
    ],
    globalSecondaryIndexes: [index('gsi1', 'gsi1pk', 'gsi1sk'), index('gsi2', 'gsi2pk', 'gsi2sk')],
    ttlAttribute: 'expires_at',
  },
  {
    // One partition per charter, posts in time order.
    name: 'charter-chats',
    keySchema: keyPair('charter_id', 'posted_at_id'),
    attributeDefinitions: [
      { AttributeName: 'charter_id', AttributeType: S },
      { AttributeName: 'posted_at_id', AttributeType: S },
    ],
    globalSecondaryIndexes: [],
  },
];

export type TableNames = Record<TableName, string>;

export function tableNames(prefix: string): TableNames {
  return {
    'crew-roster': `${prefix}crew-roster`,
    'crew-dispatch': `${prefix}crew-dispatch`,
    'charter-chats': `${prefix}charter-chats`,
  };
}

export function createTableInput(
  def: TableDefinition,
  physicalName: string,
): CreateTableCommandInput {
  return {
    TableName: physicalName,
    KeySchema: def.keySchema,
    AttributeDefinitions: def.attributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    ...(def.globalSecondaryIndexes.length > 0
      ? { GlobalSecondaryIndexes: def.globalSecondaryIndexes }
      : {}),
  };
}
