import { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  type TablePropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  type TableDefinition,
  tableDefinitions,
  tableNames,
} from '../edge-api/src/db/table-definitions.js';

/**
 * CDK props for one of the app's tables, derived from the one set of table
 * definitions (`edge-api/src/db/table-definitions.ts`) that `npm start` and
 * the tests create their tables from: same keys, same indexes, same TTL.
 */
export function tablePropsV2(
  def: TableDefinition,
  physicalName: string,
  replicaRegion: string,
): TablePropsV2 {
  const [partitionKey, sortKey] = keyAttributes(def, def.keySchema);
  return {
    tableName: physicalName,
    partitionKey,
    ...(sortKey ? { sortKey } : {}),
    globalSecondaryIndexes: def.globalSecondaryIndexes.map((gsi): GlobalSecondaryIndexPropsV2 => {
      const [pk, sk] = keyAttributes(def, gsi.KeySchema ?? []);
      const projection = gsi.Projection?.ProjectionType ?? 'ALL';
      if (projection === 'INCLUDE') {
        return {
          indexName: required(gsi.IndexName, `${def.name}: index name`),
          partitionKey: pk,
          ...(sk ? { sortKey: sk } : {}),
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: gsi.Projection?.NonKeyAttributes ?? [],
        };
      }
      return {
        indexName: required(gsi.IndexName, `${def.name}: index name`),
        partitionKey: pk,
        ...(sk ? { sortKey: sk } : {}),
        projectionType: projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      };
    }),
    ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    // Crew, charters and answers outlive any stack: deleting the stack keeps the tables.
    removalPolicy: RemovalPolicy.RETAIN,
    replicas: [
      {
        region: replicaRegion,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
      },
    ],
  };
}

/** Every table the app uses, with its physical name under the prefix. */
export function appTables(prefix: string) {
  const names = tableNames(prefix);
  return tableDefinitions.map((def) => ({ def, physicalName: names[def.name] }));
}

function keyAttributes(
  def: TableDefinition,
  keySchema: NonNullable<TableDefinition['keySchema']>,
): [Attribute, Attribute | undefined] {
  const attr = (keyType: 'HASH' | 'RANGE'): Attribute | undefined => {
    const key = keySchema.find((k) => k.KeyType === keyType);
    if (!key?.AttributeName) return undefined;
    const declared = def.attributeDefinitions.find((a) => a.AttributeName === key.AttributeName);
    const type = required(declared?.AttributeType, `${def.name}: type of ${key.AttributeName}`);
    return {
      name: key.AttributeName,
      type:
        type === 'N'
          ? AttributeType.NUMBER
          : type === 'B'
            ? AttributeType.BINARY
            : AttributeType.STRING,
    };
  };
  return [required(attr('HASH'), `${def.name}: partition key`), attr('RANGE')];
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`table definition is incomplete: ${what}`);
  return value;
}
