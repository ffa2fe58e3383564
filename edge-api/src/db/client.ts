import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import {
  DYNAMODB_BACKOFF_CAP_MS,
  DYNAMODB_CONNECTION_TIMEOUT_MS,
  DYNAMODB_MAX_ATTEMPTS,
  DYNAMODB_REQUEST_TIMEOUT_MS,
} from './call-budget.js';
import { type TableNames, tableNames } from './table-definitions.js';

/** What every table module needs: the document client and the physical table names. */
export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tables: TableNames;
}

/**
 * Every read and write goes to the home region. The tables are global tables,
 * and across regions the last writer wins, so the conditions that make a link
 * single-use and a seat count exact only hold when one region takes the writes.
 * Failover is a deliberate change of CREWCALL_HOME_REGION, not an automatic one.
 *
 * Every call is bounded (`call-budget.ts`): a frozen or unreachable DynamoDB
 * fails the call within the budget instead of holding the request open.
 */
/** Where the tables are: the configuration's `homeRegion`, `dynamodbEndpoint` and `tablePrefix`. */
export interface DbLocation {
  homeRegion: string;
  dynamodbEndpoint?: string | undefined;
  tablePrefix: string;
}

export function createDb(config: DbLocation): Db {
  const raw = new DynamoDBClient({
    region: config.homeRegion,
    retryStrategy: boundedRetries,
    requestHandler: {
      connectionTimeout: DYNAMODB_CONNECTION_TIMEOUT_MS,
      requestTimeout: DYNAMODB_REQUEST_TIMEOUT_MS,
      // Without it the SDK only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...(config.dynamodbEndpoint
      ? {
          endpoint: config.dynamodbEndpoint,
          // DynamoDB Local accepts any credentials; don't make developers configure AWS ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, raw, tables: tableNames(config.tablePrefix) };
}

const retryToken = (count: number): RetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => 0,
});

/**
 * The SDK's standard strategy, with a fixed ceiling: its throttling backoff and
 * Retry-After hints could stretch a call past the budget. Retries what the SDK
 * classes as throttling, transient (timeouts, refused or reset connections) or
 * a server error; transactions keep their ClientRequestToken across retries, so
 * a retried write is not applied twice.
 */
const boundedRetries: RetryStrategyV2 = {
  acquireInitialRetryToken: async () => retryToken(0),
  refreshRetryTokenForRetry: async (token: RetryToken, info: RetryErrorInfo) => {
    const next = token.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || next >= DYNAMODB_MAX_ATTEMPTS) {
      throw new Error('no retry left in the DynamoDB call budget');
    }
    const cap = DYNAMODB_BACKOFF_CAP_MS[next - 1] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
    return retryToken(next);
  },
  recordSuccess: () => undefined,
};
