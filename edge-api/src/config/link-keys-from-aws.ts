import {
  getSecretString,
  type SecretsManagerAccess,
  secretsManagerAccessFromEnv,
} from './get-secret-value.js';
import { ConfigError } from './index.js';

/** Longest a cold start waits for Secrets Manager before giving up (the SDK retries inside it). */
const FETCH_TIMEOUT_MS = 5000;

/**
 * In AWS the magic-link signing keys live in Secrets Manager, never in the
 * function's environment or the CloudFormation template. When
 * `LINK_SIGNING_KEYS_SECRET_ID` names the secret (its name or ARN; the name
 * resolves in the function's own region, so a replicated secret is found in
 * either region), its value (the same `kid:base64url-secret,...` text, newest
 * first) is fetched once per cold start and handed to `loadConfig` as
 * `LINK_SIGNING_KEYS`. Without it the environment is returned unchanged
 * (`npm start`, tests).
 *
 * Cost: one GetSecretValue call per cold start (one HTTPS round trip inside
 * the region, typically tens of milliseconds, plus the TLS handshake). It is one
 * request signed with the project's SigV4 signer (`get-secret-value.ts`), as the
 * function's role (the credentials Lambda puts in the environment), so no AWS
 * SDK client loads for it. Warm invocations pay nothing: a key change reaches an instance at
 * its next cold start (see README, Deploy).
 */
export async function withLinkKeysFromAws(
  env: NodeJS.ProcessEnv = process.env,
  access: SecretsManagerAccess | undefined = secretsManagerAccessFromEnv(env),
): Promise<NodeJS.ProcessEnv> {
  const secretId = env.LINK_SIGNING_KEYS_SECRET_ID?.trim();
  if (!secretId) return env;
  if (env.LINK_SIGNING_KEYS) {
    throw new ConfigError(
      'crewcall configuration is invalid: set LINK_SIGNING_KEYS or LINK_SIGNING_KEYS_SECRET_ID, not both',
    );
  }
  if (!access) {
    throw new ConfigError(
      `crewcall configuration is invalid: LINK_SIGNING_KEYS_SECRET_ID "${secretId}" is set, but AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not (Lambda sets them from the function's role)`,
    );
  }
  let text: string | undefined;
  try {
    text = (await getSecretString(access, secretId, FETCH_TIMEOUT_MS))?.trim();
  } catch (error) {
    const { name, message } = error as Error;
    throw new ConfigError(
      `crewcall configuration is invalid: LINK_SIGNING_KEYS_SECRET_ID "${secretId}" could not be read (${name}: ${message})`,
    );
  }
  if (!text) {
    throw new ConfigError(
      `crewcall configuration is invalid: secret "${secretId}" has no text value; it must hold "kid:base64url-secret" entries`,
    );
  }
  return { ...env, LINK_SIGNING_KEYS: text };
}
