import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const API_DOMAIN = 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com';

/**
 * An unsigned API Gateway HTTP API (payload 2.0) event for a crew page, as CloudFront forwards
 * a browser's request: a fresh object per call, since a handler may keep what it is given.
 */
export function crewPageEvent(
  method: 'GET' | 'HEAD',
  pathWithQuery: string,
): APIGatewayProxyEventV2 {
  const url = new URL(pathWithQuery, `https://${API_DOMAIN}`);
  const now = new Date();
  const query = Object.fromEntries(
    [...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k).join(',')]),
  );
  return {
    version: '2.0',
    routeKey: 'ANY /m/{proxy+}',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers: {
      accept: 'text/html',
      host: API_DOMAIN,
      'user-agent': 'crewcall-test/1.0',
      'x-forwarded-for': '198.51.100.23',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: API_DOMAIN,
      domainPrefix: 'a1b2c3d4e5',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.23',
        userAgent: 'crewcall-test/1.0',
      },
      requestId: randomUUID().slice(0, 16),
      routeKey: 'ANY /m/{proxy+}',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

/**
 * An admin API event as API Gateway hands it on after checking the SigV4 signature (IAM
 * auth): the signer is the first of CREWCALL_ADMIN_PRINCIPALS. POSTs carry a fresh
 * Idempotency-Key.
 */
export function adminEvent(method: string, path: string, body?: unknown): APIGatewayProxyEventV2 {
  const base = crewPageEvent('GET', path);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const userArn = (process.env.CREWCALL_ADMIN_PRINCIPALS ?? '').split(',')[0]?.trim() ?? '';
  const routeKey = 'ANY /api/{proxy+}';
  return {
    ...base,
    routeKey,
    headers: {
      ...base.headers,
      accept: 'application/json',
      ...(text === undefined
        ? {}
        : {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(text)),
            'idempotency-key': `cold-${randomUUID()}`,
          }),
    },
    requestContext: {
      ...base.requestContext,
      http: { ...base.requestContext.http, method },
      routeKey,
      authorizer: {
        iam: {
          accessKey: 'AKIAEXAMPLEOFFICE001',
          accountId: '123456789012',
          callerId: 'AIDAEXAMPLEOFFICE0001',
          cognitoIdentity: null,
          principalOrgId: 'o-exampleorg1',
          userArn,
          userId: 'AIDAEXAMPLEOFFICE0001',
        },
      },
    } as APIGatewayProxyEventV2['requestContext'],
    ...(text === undefined ? {} : { body: text }),
  };
}
