import type { SigV4Credentials } from '../../shared/sigv4/sign-request.js';
import { usageError } from './errors.js';

/** Where the edge API is and how to sign for it. */
export interface ApiConfig {
  /** Origin (plus any stage path) the `/api/...` routes hang off, without a trailing slash. */
  apiUrl: string;
  region: string;
  credentials: SigV4Credentials;
}

/** Flags that override the environment. */
export interface ApiFlags {
  apiUrl?: string;
  region?: string;
}

export const DEFAULT_REGION = 'us-west-2';
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function checkRegion(region: string, source: string): string {
  if (!REGION.test(region)) {
    throw usageError(`${source} "${region}" is not an AWS region name such as us-west-2`);
  }
  return region;
}

/**
 * Reads CREWCALL_API_URL, CREWCALL_REGION, CREWCALL_ACCESS_KEY_ID,
 * CREWCALL_SECRET_ACCESS_KEY (and CREWCALL_SESSION_TOKEN for temporary
 * credentials); --api-url and --region win over the environment.
 * Anything missing is a usage error naming the variable.
 */
export function apiConfig(flags: ApiFlags, env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const fromEnv = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const apiUrl = flags.apiUrl ?? fromEnv('CREWCALL_API_URL');
  if (!apiUrl) {
    throw usageError(
      'CREWCALL_API_URL is not set: export CREWCALL_API_URL=https://<api-id>.execute-api.<region>.amazonaws.com (or pass --api-url)',
    );
  }
  const source = flags.apiUrl ? '--api-url' : 'CREWCALL_API_URL';
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw usageError(`${source} "${apiUrl}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw usageError(`${source} must be an http(s) URL, not ${parsed.protocol}`);
  }
  if (parsed.search || parsed.hash) {
    throw usageError(`${source} must not have a query or fragment: give the API's base URL`);
  }
  const region = flags.region
    ? checkRegion(flags.region, '--region')
    : checkRegion(fromEnv('CREWCALL_REGION') ?? DEFAULT_REGION, 'CREWCALL_REGION');
  const accessKeyId = fromEnv('CREWCALL_ACCESS_KEY_ID');
  if (!accessKeyId) {
    throw usageError(
      'CREWCALL_ACCESS_KEY_ID is not set: export the access key id of an IAM identity allowed on the admin API',
    );
  }
  const secretAccessKey = fromEnv('CREWCALL_SECRET_ACCESS_KEY');
  if (!secretAccessKey) {
    throw usageError(
      'CREWCALL_SECRET_ACCESS_KEY is not set: export the secret access key that goes with CREWCALL_ACCESS_KEY_ID',
    );
  }
  const sessionToken = fromEnv('CREWCALL_SESSION_TOKEN');
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}
