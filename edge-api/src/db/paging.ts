import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

type Item = Record<string, unknown>;

/**
 * The one paging loop: a Query's pages, one DynamoDB request each, until the
 * last page or until the caller stops reading (`for await ... break`).
 */
export async function* queryPages(db: Db, input: QueryCommandInput): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item a Query matches, over as many pages as it takes (at most `max` items when given). */
export async function queryAll(db: Db, input: QueryCommandInput, max?: number): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(db, input)) {
    items.push(...page);
    if (max !== undefined && items.length >= max) return items.slice(0, max);
  }
  return items;
}
