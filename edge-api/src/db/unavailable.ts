/** Network failures of the socket to DynamoDB (refused, reset, unreachable, name lookup). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** DynamoDB's own "not now" answers, once the SDK's retries are spent. */
const BUSY_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'InternalServerError',
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/**
 * True when an error means DynamoDB did not answer (down, frozen, unreachable,
 * overloaded) rather than that the request or the code was wrong: the person
 * is told to try again in a minute, not that something broke.
 */
export function isDynamoDbUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    BUSY_NAMES.has(e.name) ||
    (e.code !== undefined && NETWORK_CODES.has(e.code)) ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}
