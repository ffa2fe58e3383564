/**
 * How long one DynamoDB call may take, retries included, and the Lambda timeout
 * it has to fit in. The deployment (`infra/edge-api.ts`) reads the timeout from
 * here, so the two cannot drift apart.
 *
 * DynamoDB answers in milliseconds; a call that has not answered in 2 s is not
 * going to (a frozen or unreachable database). Worst case for one call:
 *
 *   3 attempts × 2 000 ms request timeout (the connection timeout, 1 000 ms, runs
 *   inside it) + backoff pauses of at most 200 ms and 400 ms   =  6 600 ms
 *
 * A failed request makes at most two such calls before it answers (the call
 * that failed, and the idempotency middleware freeing its key): 13.2 s, which
 * leaves 1.8 s of the 15 s Lambda timeout to render the 503 and return it.
 * (API Gateway's HTTP API gives an integration up to 30 s, so it never cuts in first.)
 */
export const DYNAMODB_CONNECTION_TIMEOUT_MS = 1000;
export const DYNAMODB_REQUEST_TIMEOUT_MS = 2000;
export const DYNAMODB_MAX_ATTEMPTS = 3;
/** Upper bound of the pause before retry n (1-based); the pause is a random fraction of it. */
export const DYNAMODB_BACKOFF_CAP_MS = [200, 400] as const;

/** The longest one DynamoDB call can take before it fails, retries included. */
export const DYNAMODB_CALL_BUDGET_MS =
  DYNAMODB_MAX_ATTEMPTS * DYNAMODB_REQUEST_TIMEOUT_MS +
  DYNAMODB_BACKOFF_CAP_MS.reduce((sum, ms) => sum + ms, 0);

/** The function's timeout: two whole call budgets and a margin to answer. */
export const LAMBDA_TIMEOUT_SECONDS = 15;
