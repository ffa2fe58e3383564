import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../edge-api/src/db/client.js';
import { ensureTables } from '../../edge-api/src/db/ensure-tables.js';

export const TEST_REGION = 'us-west-2';

export function dynamodbEndpoint(): string {
  return inject('dynamodbEndpoint');
}

/** A Db with fresh tables under a unique prefix, on the run's DynamoDB Local unless `endpoint` names another. */
export async function freshDb(endpoint = dynamodbEndpoint()): Promise<Db & { prefix: string }> {
  const prefix = `t${randomBytes(4).toString('hex')}-`;
  const db = createDb({
    homeRegion: TEST_REGION,
    dynamodbEndpoint: endpoint,
    tablePrefix: prefix,
  });
  await ensureTables(db.raw, db.tables);
  return Object.assign(db, { prefix });
}
