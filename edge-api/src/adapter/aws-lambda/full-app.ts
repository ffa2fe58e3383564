import { handle } from 'hono/aws-lambda';
import { createApp } from '../../app.js';
import { lambdaIamAuth } from '../../auth/lambda-iam/index.js';
import type { callSettings } from '../../config/call-settings.js';
import type { Config } from '../../config/index.js';
import { createDb } from '../../db/client.js';

/**
 * The whole edge API under Hono's Lambda adapter: what every event but a crew page gets.
 *
 * The Lambda build makes this module a bundle of its own (dist/edge-api/full-app/), apart
 * from the entry's, so it holds its own copy of everything it uses: the AWS SDK, the
 * errors, the IAM check. Objects made by one copy fail the other's `instanceof` (a
 * TransactionCanceledException from the entry's SDK is not this bundle's, a UserError
 * thrown by the entry's IAM check not the one `respondToError` knows). So only plain data
 * comes in (the configuration the entry loaded, Secrets Manager read once, and the settings
 * made from it), and the DynamoDB client and the IAM check are made here.
 */
export function fullAppHandler(config: Config, settings: ReturnType<typeof callSettings>) {
  return handle(
    createApp({
      db: createDb(config),
      adminAuth: lambdaIamAuth(config.adminPrincipals),
      ...settings,
    }),
  );
}
