import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, type TableNames, tableDefinitions } from './table-definitions.js';

/** Creates any missing table (with TTL where defined); leaves existing ones alone. Returns the names created. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<string[]> {
  const created: string[] = [];
  for (const def of tableDefinitions) {
    const name = names[def.name];
    if (await tableExists(client, name)) continue;
    try {
      await client.send(new CreateTableCommand(createTableInput(def, name)));
    } catch (error) {
      // Another process created it between our check and our create: fine.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
    await waitUntilTableExists(
      { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: name },
    );
    if (def.ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
        }),
      );
    }
    created.push(name);
  }
  return created;
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (
      error instanceof ResourceNotFoundException ||
      (error as Error).name === 'ResourceNotFoundException'
    ) {
      return false;
    }
    throw error;
  }
}
