import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../../edge-api/src/db/ensure-tables.js';
import { tableDefinitions } from '../../../edge-api/src/db/table-definitions.js';
import { freshDb } from '../../support/dynamodb.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('tables', () => {
  it('creates the three tables with the prefix, keys, indexes and TTL of the definitions, once', async () => {
    const db = await freshDb();
    expect(Object.values(db.tables)).toEqual([
      `${db.prefix}crew-roster`,
      `${db.prefix}crew-dispatch`,
      `${db.prefix}charter-chats`,
    ]);
    for (const def of tableDefinitions) {
      const { Table } = await db.raw.send(
        new DescribeTableCommand({ TableName: db.tables[def.name] }),
      );
      expect(Table?.KeySchema).toEqual(def.keySchema);
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
        def.globalSecondaryIndexes.map((i) => i.IndexName).sort(),
      );
      const ttl = await db.raw.send(
        new DescribeTimeToLiveCommand({ TableName: db.tables[def.name] }),
      );
      expect(ttl.TimeToLiveDescription?.AttributeName).toBe(def.ttlAttribute);
    }
    // Running it again (every npm start does) changes nothing.
    expect(await ensureTables(db.raw, db.tables)).toEqual([]);
  });

  it('has no request path that scans a table', () => {
    const offenders = sourceFiles('edge-api/src').filter((file) =>
      /\bScanCommand\b|new Scan\b/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
