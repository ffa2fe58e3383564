import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { callSettings } from '../../config/call-settings.js';
import { loadConfig } from '../../config/index.js';
import { withLinkKeysFromAws } from '../../config/link-keys-from-aws.js';

// Read once per cold start; every invocation of this instance shares it. The
// link-signing keys come from Secrets Manager when LINK_SIGNING_KEYS_SECRET_ID is set (always,
// in AWS): one request signed with our own SigV4 signer, so the entry loads no AWS SDK and
// neither bundle is loaded for it.
const config = loadConfig(await withLinkKeysFromAws());
if (config.adminPrincipals.length === 0) {
  console.warn('CREWCALL_ADMIN_PRINCIPALS is empty: every admin request will be refused');
}
// A bad CALL_WINDOW_POLICY fails the cold start here, whichever request began it.
const settings = callSettings(config);

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** `create()` once per instance, on first use; a failed load is tried again next time. */
function onFirstUse<T>(create: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () =>
    (made ??= create().catch((error: unknown) => {
      made = undefined;
      throw error;
    }));
}

/*
 * The crew page and the full Hono app are built as two bundles of their own (scripts/build.mjs),
 * each loaded by the first event that needs it: a crew page's cold start loads none of the
 * full app, and an admin request's none of the crew page's. Each holds its own copy of what it uses (the AWS SDK, the errors), so each
 * gets plain data (the configuration and the settings made from it) and makes its own
 * DynamoDB client: no object made by one is handed to the other (see full-app.ts).
 */
const crewPage = onFirstUse(async () =>
  (await import('./crew-page.js')).crewPageHandler(config, settings),
);
const fullApp = onFirstUse(
  async () =>
    (await import('./full-app.js')).fullAppHandler(config, settings) as unknown as Handler,
);

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

/** The AWS Lambda entry point (API Gateway HTTP API, payload format 2.0). */
export const handler: Handler = async (event, context) => {
  const token = crewLinkToken(event);
  if (token !== undefined) return (await crewPage())(event, token);
  return (await fullApp())(event, context);
};
