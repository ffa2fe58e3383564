import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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
 * the region, typically tens of milliseconds, plus the TLS handshake), and
 * loading the Secrets Manager client (a chunk of its own, loaded only then). Warm invocations pay nothing: a key
 * change reaches an instance at its next cold start (see README, Deploy).
 */
export async function withLinkKeysFromAws(
  env: NodeJS.ProcessEnv = process.env,
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<NodeJS.ProcessEnv> {
  const secretId = env.LINK_SIGNING_KEYS_SECRET_ID?.trim();
  if (!secretId) return env;
  if (env.LINK_SIGNING_KEYS) {
    throw new ConfigError(
      'crewcall configuration is invalid: set LINK_SIGNING_KEYS or LINK_SIGNING_KEYS_SECRET_ID, not both',
    );
  }
  // Loaded only when a secret is named: a start without one (npm start, tests) skips the client.
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const { GetSecretValueCommand } = sdk;
  const owned = client ? undefined : new sdk.SecretsManagerClient({ maxAttempts: 3 });
  let text: string | undefined;
  try {
    const out = await (client ?? (owned as SecretsManagerClient)).send(
      new GetSecretValueCommand({ SecretId: secretId }),
      { abortSignal: AbortSignal.timeout(FETCH_TIMEOUT_MS) },
    );
    text = out.SecretString?.trim();
  } catch (error) {
    const { name, message } = error as Error;
    throw new ConfigError(
      `crewcall configuration is invalid: LINK_SIGNING_KEYS_SECRET_ID "${secretId}" could not be read (${name}: ${message})`,
    );
  } finally {
    owned?.destroy();
  }
  if (!text) {
    throw new ConfigError(
      `crewcall configuration is invalid: secret "${secretId}" has no text value; it must hold "kid:base64url-secret" entries`,
    );
  }
  return { ...env, LINK_SIGNING_KEYS: text };
}
