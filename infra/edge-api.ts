import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  type HttpRoute,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_TIMEOUT_SECONDS } from '../edge-api/src/db/call-budget.js';
import { appTables } from './tables.js';

export interface EdgeApiProps {
  /** Directory holding the built Lambda (`dist/edge-api`: lambda.mjs, crew-page/ and full-app/). */
  assetPath: string;
  tablePrefix: string;
  /** The one region the app reads and writes (its CREWCALL_HOME_REGION). */
  homeRegion: string;
  linkKeysSecretName: string;
  /** Environment of the function besides the fixed entries below (office details, base URL, admins). */
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/** Public crew routes; everything else the app serves is under /api and needs IAM auth. */
export const PUBLIC_ROUTES: ReadonlyArray<{ path: string; methods: HttpMethod[] }> = [
  { path: '/m/{proxy+}', methods: [HttpMethod.ANY] },
  // Calendar feeds: calendar servers fetch them unsigned; the token is the secret.
  { path: '/cal/{proxy+}', methods: [HttpMethod.GET, HttpMethod.HEAD] },
  { path: '/healthz', methods: [HttpMethod.GET, HttpMethod.HEAD] },
  { path: '/assets/{proxy+}', methods: [HttpMethod.GET, HttpMethod.HEAD] },
  { path: '/favicon.ico', methods: [HttpMethod.GET, HttpMethod.HEAD] },
];
export const ADMIN_ROUTE = '/api/{proxy+}';

/**
 * The edge API in one region: the Lambda built by `npm run build`, its role
 * (the app's tables in the home region and the one secret, nothing else), its
 * log group, and an HTTP API whose /api/* route requires IAM (SigV4) auth while
 * the crew routes are public.
 */
export class EdgeApi extends Construct {
  readonly fn: LambdaFunction;
  readonly api: HttpApi;
  readonly adminRoutes: HttpRoute[];
  /** Host name of the API's default endpoint (what CloudFront uses as origin). */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: EdgeApiProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const logGroup = new LogGroup(this, 'FunctionLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own: no AWSLambdaBasicExecutionRole (logs:* on every group).
    const role = new Role(this, 'FunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'crewcall edge API: its tables, its signing-key secret, its log group',
    });
    logGroup.grantWrite(role);

    const tableArns = appTables(props.tablePrefix).flatMap(({ physicalName }) => {
      const table = stack.formatArn({
        service: 'dynamodb',
        region: props.homeRegion,
        resource: 'table',
        resourceName: physicalName,
      });
      return [table, `${table}/index/*`];
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: 'AppTables',
        effect: Effect.ALLOW,
        // Every request path is a GetItem, Query, Put/Update/Delete or a transaction of those.
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: tableArns,
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: 'LinkSigningKeys',
        effect: Effect.ALLOW,
        actions: ['secretsmanager:GetSecretValue'],
        // Secrets Manager appends 6 random characters to the name; the secret is replicated, so read locally.
        resources: [
          stack.formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `${props.linkKeysSecretName}-??????`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.fn = new LambdaFunction(this, 'Function', {
      description: 'crewcall edge API (Hono): admin API, crew pages',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: 'lambda.handler',
      // Built by `npm run build`; no bundling (and no Docker) at synth. Source maps stay out of the zip.
      code: Code.fromAsset(props.assetPath, { exclude: ['**/*.map'] }),
      memorySize: 256,
      // Two whole DynamoDB call budgets and a margin (edge-api/src/db/call-budget.ts).
      timeout: Duration.seconds(LAMBDA_TIMEOUT_SECONDS),
      role,
      logGroup,
      environment: {
        ...props.environment,
        CREWCALL_HOME_REGION: props.homeRegion,
        TABLE_PREFIX: props.tablePrefix,
        LINK_SIGNING_KEYS_SECRET_ID: props.linkKeysSecretName,
      },
    });

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'crewcall edge API: /api/* with IAM auth, crew pages public',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A small business's traffic is a few requests a second; this caps a runaway client's bill.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route key, never the path: a crew page path carries a magic-link token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            caller: '$context.identity.userArn',
            error: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('Lambda', this.fn);
    const iam: IHttpRouteAuthorizer = new HttpIamAuthorizer();
    this.adminRoutes = this.api.addRoutes({
      path: ADMIN_ROUTE,
      methods: [HttpMethod.ANY],
      integration,
      authorizer: iam,
    });
    for (const route of PUBLIC_ROUTES) this.api.addRoutes({ ...route, integration });

    this.domainName = `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** execute-api ARN covering every method and path under /api/ on every stage of this API. */
  adminInvokeArn(): string {
    return this.api.arnForExecuteApi('*', '/api/*', '*');
  }
}
