import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { startTestApi } from './api-server.js';
import { dynamodbEndpoint, freshDb, TEST_REGION } from './dynamodb.js';
import { signedFetch } from './signed-fetch.js';

/**
 * One way for a test to talk to the edge API, whichever entry point serves it:
 * `npm start`'s node-server over real HTTP (local SigV4 verifier), or the built
 * Lambda bundle handed API Gateway HTTP API events (payload 2.0, IAM auth).
 */
export type EntryPointName = 'npm start (node-server)' | 'AWS Lambda (API Gateway v2)';

/** An answer, whichever entry point gave it. */
export interface Reply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  json: any;
  /** Redirects are not followed. */
  location: string | null;
}

export interface EntryPoint {
  name: EntryPointName;
  /** PUBLIC_BASE_URL as this entry point sees it: the origin its magic links use. */
  baseUrl: string;
  /** A signed admin request (SigV4 / IAM authorizer); POST and PATCH get a fresh Idempotency-Key. */
  admin(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** An unsigned request, as anyone on the internet may send. */
  anonymous(method: string, path: string, body?: unknown): Promise<Reply>;
  /**
   * A crew member's browser: GET a link (URL or path), or POST its form. POSTs carry
   * `origin` (default: the baseUrl's origin); redirects are not followed.
   */
  crew(
    method: 'GET' | 'POST',
    pathWithToken: string,
    form?: Record<string, string>,
    origin?: string,
  ): Promise<Reply>;
  close(): Promise<void>;
}

const parseJson = (text: string, contentType: string | undefined) =>
  contentType?.startsWith('application/json') && text !== '' ? JSON.parse(text) : undefined;

/** A fetch Response as a Reply. */
async function replyOf(res: Response): Promise<Reply> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await res.text();
  const json = parseJson(text, headers['content-type']);
  return { status: res.status, headers, text, json, location: headers.location ?? null };
}

const bodyText = (body: unknown) =>
  body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);

/** `npm start`: the node-server on a free port over fresh tables, with the local SigV4 verifier. */
export async function nodeServerEntryPoint(
  options: { dynamodbEndpoint?: string } = {},
): Promise<EntryPoint> {
  const api = await startTestApi(options);
  const baseUrl = api.settings.publicBaseUrl;
  return {
    name: 'npm start (node-server)',
    baseUrl,
    admin: async (method, path, body, headers = {}) => {
      const { 'idempotency-key': key, ...rest } = headers;
      return replyOf(
        await signedFetch(
          `${api.url}${path}`,
          { method, ...(body === undefined ? {} : { body }) },
          { headers: rest, ...(key ? { idempotencyKey: key } : {}) },
        ),
      );
    },
    anonymous: async (method, path, body) => {
      const text = bodyText(body);
      return replyOf(
        await fetch(`${api.url}${path}`, {
          method,
          ...(text === undefined
            ? {}
            : { body: text, headers: { 'content-type': 'application/json' } }),
        }),
      );
    },
    crew: async (method, pathWithToken, form, origin = new URL(baseUrl).origin) => {
      const res = await fetch(new URL(pathWithToken, api.url), {
        method,
        redirect: 'manual',
        ...(method === 'POST'
          ? {
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
              body: new URLSearchParams(form ?? {}).toString(),
            }
          : {}),
      });
      return replyOf(res);
    },
    close: () => api.close(),
  };
}

type LambdaHandler = (
  event: APIGatewayProxyEventV2WithIAMAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export const LAMBDA_BUNDLE = resolve(import.meta.dirname, '../../dist/edge-api/lambda.mjs');
export const LAMBDA_PUBLIC_BASE_URL = 'https://crew.example.com';
const ACCOUNT = '123456789012';
const API_DOMAIN = 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com';
const OFFICE_USER = `arn:aws:iam::${ACCOUNT}:user/office-sheet`;
// Who API Gateway says signed: the office sheet's IAM user (on CREWCALL_ADMIN_PRINCIPALS).
const office = {
  accessKeyId: 'AKIAEXAMPLEOFFICE001',
  secretAccessKey: 'example-office-sheet-secret-for-tests-only',
  userId: 'AIDAEXAMPLEOFFICE0001',
};

const DEFAULTED = [
  ...['CREWCALL_HOME_REGION', 'LINK_SIGNING_KEYS_SECRET_ID', 'CALL_WINDOW_POLICY'],
  ...['OFFICE_NAME', 'OFFICE_EMAIL', 'OFFICE_PHONE'],
];

/** Sets env vars; the returned function puts back exactly what was there before. */
export function setEnv(values: Record<string, string>): () => void {
  const saved = Object.keys(values).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export interface LambdaEntryPoint extends EntryPoint {
  tablePrefix: string;
}

/**
 * The built bundle, imported once: one cold start under a Lambda environment
 * (fresh tables unless `tablePrefix` names existing ones, on the run's DynamoDB Local
 * unless `dynamodbEndpoint` names another; `env` adds or
 * overrides variables). The environment stays set, as in a Lambda, until close().
 */
export async function lambdaEntryPoint(
  options: { env?: Record<string, string>; tablePrefix?: string; dynamodbEndpoint?: string } = {},
): Promise<LambdaEntryPoint> {
  if (!existsSync(LAMBDA_BUNDLE)) {
    throw new Error(
      `${LAMBDA_BUNDLE} is missing: run \`npm run build\` (npm test builds it first)`,
    );
  }
  const endpoint = options.dynamodbEndpoint ?? dynamodbEndpoint();
  const db = options.tablePrefix ? undefined : await freshDb(endpoint);
  const tablePrefix = options.tablePrefix ?? (db?.prefix as string);
  const restoreEnv = setEnv({
    AWS_LAMBDA_FUNCTION_NAME: 'crewcall-test',
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_PREFIX: tablePrefix,
    AWS_REGION: TEST_REGION,
    CREWCALL_ADMIN_PRINCIPALS: OFFICE_USER,
    DEFAULT_PHONE_COUNTRY: 'US',
    PUBLIC_BASE_URL: LAMBDA_PUBLIC_BASE_URL,
    LINK_SIGNING_KEYS: `test-1:${randomBytes(32).toString('base64url')}`,
    // Whatever the worker's environment holds for these: not this function's.
    ...Object.fromEntries(DEFAULTED.map((name) => [name, ''])),
    ...(options.env ?? {}),
  });
  const baseUrl = (process.env.PUBLIC_BASE_URL as string).replace(/\/+$/, '');
  let handler: LambdaHandler;
  try {
    // A fresh module instance is a cold start. (Not `?t=`: Vite strips it as its HMR timestamp.)
    const coldStart = `${pathToFileURL(LAMBDA_BUNDLE).href}?coldstart=${randomUUID()}`;
    handler = ((await import(coldStart)) as { handler: LambdaHandler }).handler;
  } catch (error) {
    restoreEnv();
    db?.raw.destroy();
    throw error;
  }

  const invoke = async (
    method: string,
    target: URL,
    init: { headers: Record<string, string>; body?: string; base64?: boolean; signed: boolean },
  ) => {
    const now = new Date();
    // Signed with every value of a repeated key; API Gateway's queryStringParameters joins them with commas.
    const query: Record<string, string | string[]> = {};
    const gatewayQuery: Record<string, string> = {};
    for (const k of new Set(target.searchParams.keys())) {
      const values = target.searchParams.getAll(k);
      query[k] = values.length === 1 ? (values[0] as string) : values;
      gatewayQuery[k] = values.join(',');
    }
    // What the caller sent (and signed, for the admin API)...
    let headers: Record<string, string> = { host: API_DOMAIN, ...init.headers };
    if (init.signed) {
      const signer = new SignatureV4({
        credentials: { accessKeyId: office.accessKeyId, secretAccessKey: office.secretAccessKey },
        region: TEST_REGION,
        service: 'execute-api',
        sha256: Hash.bind(null, 'sha256'),
      });
      const request = new HttpRequest({
        method,
        protocol: 'https:',
        hostname: API_DOMAIN,
        path: target.pathname,
        query,
        headers,
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      headers = {
        ...((await signer.sign(request, { signingDate: now })).headers as Record<string, string>),
      };
    }
    // ...and what API Gateway adds on its way to the function.
    headers = {
      'user-agent': 'crewcall-test/1.0',
      'x-forwarded-for': '198.51.100.23',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(init.body === undefined
        ? {}
        : { 'content-length': String(Buffer.byteLength(init.body)) }),
      ...headers,
    };
    const routeKey = target.pathname.startsWith('/api/')
      ? `ANY /api/{proxy+}`
      : target.pathname.startsWith('/m/')
        ? `ANY /m/{proxy+}`
        : `${method} ${target.pathname}`;
    const event = {
      version: '2.0',
      routeKey,
      rawPath: target.pathname,
      rawQueryString: target.search.replace(/^\?/, ''),
      headers,
      ...(target.search ? { queryStringParameters: gatewayQuery } : {}),
      requestContext: {
        accountId: ACCOUNT,
        apiId: 'a1b2c3d4e5',
        domainName: API_DOMAIN,
        domainPrefix: 'a1b2c3d4e5',
        http: {
          method,
          path: target.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: '198.51.100.23',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID().slice(0, 16),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(init.signed
          ? {
              authorizer: {
                iam: {
                  accessKey: office.accessKeyId,
                  accountId: ACCOUNT,
                  callerId: office.userId,
                  cognitoIdentity: null,
                  principalOrgId: 'o-exampleorg1',
                  userArn: OFFICE_USER,
                  userId: office.userId,
                },
              },
            }
          : {}),
      },
      ...(init.body === undefined
        ? {}
        : { body: init.base64 ? Buffer.from(init.body).toString('base64') : init.body }),
      isBase64Encoded: Boolean(init.base64 && init.body !== undefined),
    } as APIGatewayProxyEventV2WithIAMAuthorizer; // without IAM auth there is no `authorizer`
    const result = await handler(event, lambdaContext());
    const text = result.isBase64Encoded
      ? Buffer.from(result.body ?? '', 'base64').toString()
      : (result.body ?? '');
    const answer: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) answer[k.toLowerCase()] = String(v);
    const json = parseJson(text, answer['content-type']);
    return {
      status: result.statusCode ?? 200,
      headers: answer,
      text,
      json,
      location: answer.location ?? null,
    };
  };

  const apiCall = async (
    method: string,
    path: string,
    body: unknown,
    extra: Record<string, string>,
    signed: boolean,
  ): Promise<Reply> => {
    const text = bodyText(body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
      ...(signed && (method === 'POST' || method === 'PATCH')
        ? { 'idempotency-key': randomUUID() }
        : {}),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const res = await invoke(method, new URL(path, `https://${API_DOMAIN}`), {
      headers,
      signed,
      ...(text === undefined ? {} : { body: text }),
    });
    return res;
  };

  return {
    name: 'AWS Lambda (API Gateway v2)',
    baseUrl,
    tablePrefix,
    admin: (method, path, body, headers = {}) => apiCall(method, path, body, headers, true),
    anonymous: (method, path, body) => apiCall(method, path, body, {}, false),
    crew: async (method, pathWithToken, form, origin = new URL(baseUrl).origin) => {
      // CloudFront serves the crew pages on PUBLIC_BASE_URL and forwards the path to API Gateway.
      const link = new URL(pathWithToken, baseUrl);
      if (link.origin !== new URL(baseUrl).origin) {
        throw new Error(`${pathWithToken} is not a link to this entry point (${baseUrl})`);
      }
      const body = method === 'POST' ? new URLSearchParams(form ?? {}).toString() : undefined;
      const res = await invoke(method, link, {
        headers: {
          accept: 'text/html',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/x-www-form-urlencoded', origin }),
        },
        signed: false,
        // API Gateway hands form posts over base64-encoded.
        ...(body === undefined ? {} : { body, base64: true }),
      });
      return res;
    },
    close: async () => {
      restoreEnv();
      db?.raw.destroy();
    },
  };
}

/** The Lambda context a test invocation passes. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'crewcall-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-west-2:${ACCOUNT}:function:crewcall-test`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/crewcall-test',
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 10_000,
  } as Context; // done/fail/succeed: deprecated, and hono/aws-lambda never calls them
}

/** Both entry points, for `describe.each`: each start() gives its own tables. */
export const entryPoints: Array<{
  name: EntryPointName;
  start: (options?: { dynamodbEndpoint?: string }) => Promise<EntryPoint>;
}> = [
  { name: 'npm start (node-server)', start: (options) => nodeServerEntryPoint(options) },
  { name: 'AWS Lambda (API Gateway v2)', start: (options) => lambdaEntryPoint(options) },
];
