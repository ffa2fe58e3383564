/**
 * API Gateway (HTTP API, payload format 2.0) events, as the deployed function
 * receives them, for the cold-start bench's children.
 */

export const BENCH_ACCOUNT = '123456789012';
export const BENCH_ADMIN_ARN = `arn:aws:iam::${BENCH_ACCOUNT}:user/office-sheet`;

/**
 * A GET as API Gateway delivers it (`path` may carry a query string); `iam` adds the verified
 * caller of an IAM-authorised route.
 */
export function apiGatewayGet(pathAndQuery: string, routeKey: string, iam: boolean) {
  const now = new Date();
  const [path = '', query = ''] = pathAndQuery.split('?', 2);
  const domainName = 'a1b2c3d4e5.execute-api.us-west-2.amazonaws.com';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query,
    headers: {
      accept: iam ? 'application/json' : 'text/html',
      host: domainName,
      'user-agent': 'crewcall-bench/1.0',
      'x-forwarded-for': '198.51.100.23',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: BENCH_ACCOUNT,
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      http: {
        method: 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.23',
        userAgent: 'crewcall-bench/1.0',
      },
      requestId: 'bench-request-0001',
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(iam
        ? {
            authorizer: {
              iam: {
                accessKey: 'AKIAEXAMPLEOFFICE001',
                accountId: BENCH_ACCOUNT,
                callerId: 'AIDAEXAMPLEOFFICE0001',
                cognitoIdentity: null,
                principalOrgId: 'o-exampleorg1',
                userArn: BENCH_ADMIN_ARN,
                userId: 'AIDAEXAMPLEOFFICE0001',
              },
            },
          }
        : {}),
    },
    isBase64Encoded: false,
  };
}

/** An admin GET under /api from the allowed IAM user. */
export const adminGet = (path: string) => apiGatewayGet(path, 'GET /api/{proxy+}', true);

/** A crew member opening their magic link. */
export const crewPageGet = (path: string) => apiGatewayGet(path, 'GET /m/{proxy+}', false);
