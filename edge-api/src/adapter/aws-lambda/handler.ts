import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
// Static, though only the admin API uses it: a few lines that keep the IAM allow-list in the
// entry file, where a reader of the bundle (and its test) looks for it.
import { lambdaIamAuth } from '../../auth/lambda-iam/index.js';
import { callSettings } from '../../config/call-settings.js';
import { loadConfig } from '../../config/index.js';
import { withLinkKeysFromAws } from '../../config/link-keys-from-aws.js';
import { createDb } from '../../db/client.js';

// Read once per cold start; every invocation of this instance shares it. The
// link-signing keys come from Secrets Manager when LINK_SIGNING_KEYS_SECRET_ID is set.
const config = loadConfig(await withLinkKeysFromAws());
if (config.adminPrincipals.length === 0) {
  console.warn('CREWCALL_ADMIN_PRINCIPALS is empty: every admin request will be refused');
}
const db = createDb(config);
const settings = callSettings(config);

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Everything but a crew page goes through the full Hono app, created on the first such event
 * (once per instance): a cold start that answers a crew page never loads it.
 */
let honoHandler: Promise<Handler> | undefined;
const fullApp = () =>
  (honoHandler ??= (async () => {
    const { fullAppHandler } = await import('./full-app.js');
    const adminAuth = lambdaIamAuth(config.adminPrincipals);
    return fullAppHandler({ db, adminAuth, ...settings }) as unknown as Handler;
  })().catch((error: unknown) => {
    honoHandler = undefined;
    throw error;
  }));

// Exactly one path segment after /m/, in the characters a link token is made of, so that the
// route's `:token` is the segment itself (no percent-decoding to match Hono on).
const CREW_LINK_PATH = /^\/m\/([\w.~-]+)$/;

/** The token of a crew link page request (HTTP API payload 2.0, GET or HEAD `/m/:token`). */
function crewLinkToken(event: APIGatewayProxyEventV2): string | undefined {
  if (event?.version !== '2.0' || typeof event.rawPath !== 'string') return undefined;
  const method = event.requestContext?.http?.method;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  return CREW_LINK_PATH.exec(event.rawPath)?.[1];
}

/**
 * A crew page answered without Hono's Request/Response (on Node the first one loads undici)
 * or its router: the crew page answer module renders plain data, turned into the v2 result
 * here with the same fields, headers and body the Hono adapter would give.
 */
async function answerCrewPage(
  event: APIGatewayProxyEventV2,
  token: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { answerCrewLinkPage } = await import('../../crew-pages/crew-link-answer.js');
  const method = event.requestContext.http.method;
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const answer = await answerCrewLinkPage(
    { db, ...settings, now: () => new Date() },
    {
      method,
      token,
      ownPage: event.rawPath,
      query: (name) => query.get(name) ?? undefined,
    },
  );
  const headers: Record<string, string> = {};
  for (const name of Object.keys(answer.headers).sort()) {
    headers[name] = answer.headers[name] as string;
  }
  return {
    body: method === 'HEAD' ? '' : answer.body,
    statusCode: answer.status,
    isBase64Encoded: false,
    headers,
  };
}

/** The AWS Lambda entry point (API Gateway HTTP API, payload format 2.0). */
export const handler: Handler = async (event, context) => {
  const token = crewLinkToken(event);
  if (token !== undefined) return answerCrewPage(event, token);
  return (await fullApp())(event, context);
};
