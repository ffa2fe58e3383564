import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type SigV4Credentials, signRequest } from '../../../shared/sigv4/sign-request.js';
import { nodeSigV4Crypto } from '../auth/sigv4-node-crypto.js';

/**
 * Secrets Manager's GetSecretValue as one signed HTTPS request (its JSON protocol, signed with
 * the project's own SigV4 signer), for the Lambda's cold start: the AWS SDK's Secrets Manager
 * client and its share of the SDK core would otherwise load before the first answer, on every
 * cold start of every route. Same endpoint rules as the SDK: `AWS_ENDPOINT_URL_SECRETS_MANAGER`,
 * then `AWS_ENDPOINT_URL`, then the region's public endpoint.
 */
export interface SecretsManagerAccess {
  region: string;
  credentials: SigV4Credentials;
  /** Default: the region's public endpoint. */
  endpoint?: string | undefined;
}

/** A refusal or failure, named the way the SDK names it (`ResourceNotFoundException`, ...). */
export class SecretReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Worth another attempt: throttling, a 5xx, the network. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = code;
  }
}

/** Where and as whom, from a Lambda's environment; undefined without env credentials. */
export function secretsManagerAccessFromEnv(
  env: NodeJS.ProcessEnv,
): SecretsManagerAccess | undefined {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!region || !accessKeyId || !secretAccessKey) return undefined;
  return {
    region,
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? env.AWS_ENDPOINT_URL,
  };
}

const ATTEMPTS = 3;
const RETRYABLE = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalServiceError',
  'InternalFailure',
  'ServiceUnavailable',
]);

/** The secret's SecretString (undefined when it holds only binary), within `timeoutMs` in all. */
export async function getSecretString(
  access: SecretsManagerAccess,
  secretId: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = AbortSignal.timeout(timeoutMs);
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await postSigned(access, JSON.stringify({ SecretId: secretId }), deadline);
      return (JSON.parse(answer) as { SecretString?: string }).SecretString;
    } catch (error) {
      const retry = error instanceof SecretReadError && error.retryable && attempt < ATTEMPTS;
      if (!retry || deadline.aborted) throw error;
      // The SDK's standard strategy: full jitter on a doubling base of 100 ms.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
    }
  }
}

function postSigned(access: SecretsManagerAccess, body: string, signal: AbortSignal) {
  const url = access.endpoint ?? `https://secretsmanager.${access.region}.amazonaws.com`;
  const signed = signRequest(
    {
      method: 'POST',
      url: url.endsWith('/') ? url : `${url}/`,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body,
    },
    access.credentials,
    { region: access.region, service: 'secretsmanager', now: new Date(), crypto: nodeSigV4Crypto },
  );
  const send = url.startsWith('http:') ? httpRequest : httpsRequest;
  return new Promise<string>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...signed.headers, 'content-length': Buffer.byteLength(body) },
        signal,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('error', (error) => reject(networkError(error)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(text);
          else reject(refusal(status, text));
        });
      },
    );
    req.on('error', (error) => reject(networkError(error)));
    req.end(body);
  });
}

function networkError(error: Error): SecretReadError {
  const aborted = error.name === 'AbortError' || error.name === 'TimeoutError';
  return new SecretReadError(
    aborted ? 'TimeoutError' : error.name,
    aborted ? 'Secrets Manager did not answer in time' : error.message,
    !aborted,
  );
}

/** The JSON protocol's error body: `{ "__type": "[namespace#]Code", "message"|"Message": ... }`. */
function refusal(status: number, text: string): SecretReadError {
  let type = '';
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
    type = parsed.__type?.split('#').pop() ?? '';
    message = parsed.message ?? parsed.Message ?? message;
  } catch {
    // Not JSON (a proxy's page, say): the status is all there is.
  }
  const code = type || (status >= 500 ? 'ServiceUnavailable' : 'UnknownError');
  return new SecretReadError(code, message, status >= 500 || RETRYABLE.has(code));
}
