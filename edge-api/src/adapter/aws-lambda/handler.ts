import { handle } from 'hono/aws-lambda';
import { createApp } from '../../app.js';
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
const app = createApp({
  db: createDb(config),
  adminAuth: lambdaIamAuth(config.adminPrincipals),
  ...callSettings(config),
});

/** The AWS Lambda entry point (API Gateway HTTP API, payload format 2.0). */
export const handler = handle(app);
