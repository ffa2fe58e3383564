import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_ADMIN_SECRET_ACCESS_KEY,
  DEV_LINK_SIGNING_KEYS,
} from '../../edge-api/src/config/index.js';
import {
  DYNAMODB_CALL_BUDGET_MS,
  LAMBDA_TIMEOUT_SECONDS,
} from '../../edge-api/src/db/call-budget.js';
import { tableDefinitions, tableNames } from '../../edge-api/src/db/table-definitions.js';
import { render, resourcesOfType, statementsOf, synthStacks } from './support.js';

/** AWS managed CloudFront policies, by their fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const PUBLIC_ROUTE_KEYS = [
  'ANY /m/{proxy+}',
  'GET /cal/{proxy+}',
  'HEAD /cal/{proxy+}',
  'GET /healthz',
  'HEAD /healthz',
  'GET /assets/{proxy+}',
  'HEAD /assets/{proxy+}',
  'GET /favicon.ico',
  'HEAD /favicon.ico',
];

let primary: Template;
let standby: Template;
let missingContext: unknown;

beforeAll(() => {
  const synth = synthStacks();
  primary = synth.primary;
  standby = synth.standby;
  missingContext = synth.assembly.manifest.missing;
});

const byName = <T extends { name?: string; AttributeName?: string; IndexName?: string }>(
  list: T[] | undefined,
) =>
  [...(list ?? [])].sort((a, b) =>
    String(a.IndexName ?? a.AttributeName).localeCompare(String(b.IndexName ?? b.AttributeName)),
  );

/** The app's function (the stacks' other functions are CDK's deploy-time helpers). */
function functionOf(template: Template) {
  const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).filter(
    (f) => f.Properties?.Handler === 'lambda.handler',
  );
  expect(functions).toHaveLength(1);
  return functions[0]?.Properties as {
    Runtime: string;
    Architectures: string[];
    Handler: string;
    Timeout: number;
    MemorySize: number;
    Role: { 'Fn::GetAtt': [string, string] };
    LoggingConfig: { LogGroup: { Ref: string } };
    Environment: { Variables: Record<string, unknown> };
  };
}

describe('tables', () => {
  it('are the app’s three tables as global tables with a replica in the replica region', () => {
    const tables = Object.values(resourcesOfType(primary, 'AWS::DynamoDB::GlobalTable'));
    const names = tableNames('crewcall-');
    expect(tables.map((t) => t.Properties?.TableName).sort()).toEqual(Object.values(names).sort());
    for (const table of tables) {
      const props = table.Properties as Record<string, unknown>;
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      // MREC: the default mode; strong consistency needs three regions and gives up TTL.
      expect(props.MultiRegionConsistency ?? 'EVENTUAL').toBe('EVENTUAL');
      const replicas = props.Replicas as Array<Record<string, unknown>>;
      expect(replicas.map((r) => r.Region).sort()).toEqual(['us-east-1', 'us-west-2']);
      for (const replica of replicas) {
        expect(replica.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
        expect(replica.DeletionProtectionEnabled).toBe(true);
      }
    }
    expect(Object.values(resourcesOfType(primary, 'AWS::DynamoDB::Table'))).toEqual([]);
  });

  it('have exactly the keys, indexes and TTL of edge-api/src/db/table-definitions.ts', () => {
    const tables = resourcesOfType(primary, 'AWS::DynamoDB::GlobalTable');
    for (const def of tableDefinitions) {
      const physical = tableNames('crewcall-')[def.name];
      const table = Object.values(tables).find((t) => t.Properties?.TableName === physical);
      const props = table?.Properties as Record<string, never>;
      expect(props, def.name).toBeDefined();
      expect(props.KeySchema).toEqual(def.keySchema);
      expect(byName(props.AttributeDefinitions)).toEqual(byName(def.attributeDefinitions));
      const expectedIndexes = def.globalSecondaryIndexes.map((gsi) => ({
        IndexName: gsi.IndexName,
        KeySchema: gsi.KeySchema,
        Projection: gsi.Projection,
      }));
      expect(byName(props.GlobalSecondaryIndexes)).toEqual(byName(expectedIndexes));
      const ttl = props.TimeToLiveSpecification as unknown;
      if (def.ttlAttribute) {
        expect(ttl).toEqual({ AttributeName: def.ttlAttribute, Enabled: true });
      } else {
        expect(ttl).toBeUndefined();
      }
    }
    // The TTL the app relies on for links, the change feed and idempotency records.
    expect(tableDefinitions.find((d) => d.name === 'crew-dispatch')?.ttlAttribute).toBe(
      'expires_at',
    );
  });

  it('are kept when the stack is deleted', () => {
    for (const table of Object.values(resourcesOfType(primary, 'AWS::DynamoDB::GlobalTable'))) {
      expect((table as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    }
  });

  it('exist only in the primary stack', () => {
    standby.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    standby.resourceCountIs('AWS::DynamoDB::Table', 0);
  });
});

describe('the function', () => {
  it.each([
    ['primary', () => primary],
    ['standby', () => standby],
  ])('%s: nodejs22.x on arm64, handler lambda.handler, small memory', (_, template) => {
    const fn = functionOf(template());
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('lambda.handler');
    expect(fn.MemorySize).toBeLessThanOrEqual(512);
  });

  it.each([
    ['primary', () => primary],
    ['standby', () => standby],
  ])(
    '%s: a timeout that two whole DynamoDB call budgets fit in, with a second to answer',
    (_, template) => {
      const fn = functionOf(template());
      expect(fn.Timeout).toBe(LAMBDA_TIMEOUT_SECONDS);
      expect(2 * DYNAMODB_CALL_BUDGET_MS + 1000).toBeLessThan(fn.Timeout * 1000);
      // API Gateway's HTTP API cuts an integration at 30 s: the function answers first.
      expect(fn.Timeout).toBeLessThan(30);
    },
  );

  it.each([
    ['primary', () => primary],
    ['standby', () => standby],
  ])(
    '%s: environment from settings and parameters, the signing key only by secret name',
    (_, template) => {
      const env = functionOf(template()).Environment.Variables;
      expect(env.CREWCALL_HOME_REGION).toBe('us-west-2');
      expect(env.TABLE_PREFIX).toBe('crewcall-');
      expect(env.LINK_SIGNING_KEYS_SECRET_ID).toBe('crewcall/link-signing-keys');
      expect(env).toHaveProperty('PUBLIC_BASE_URL');
      for (const name of ['OFFICE_NAME', 'OFFICE_EMAIL', 'OFFICE_PHONE', 'CALL_WINDOW_POLICY']) {
        expect(env[name], name).toEqual({ Ref: expect.any(String) });
      }
      expect(render(env.CREWCALL_ADMIN_PRINCIPALS)).toMatch(/,\$\{AdminPrincipals\}$/);
      expect(env).not.toHaveProperty('LINK_SIGNING_KEYS');
      expect(env).not.toHaveProperty('AWS_REGION');
    },
  );

  it('both functions build crew links on the CloudFront address (handed across regions via SSM)', () => {
    const base = (template: Template) =>
      render(functionOf(template).Environment.Variables.PUBLIC_BASE_URL);
    expect(base(primary)).toMatch(/^https:\/\/\$\{CrewPages\w+\.DomainName\}$/);
    // Strong reference: the value sits in an SSM parameter in the replica region, so deploying
    // the standby during a primary-region outage reads nothing from the primary region.
    expect(base(standby)).toMatch(
      /^https:\/\/\$\{ExportsReader\w+\.\/cdk\/exports\/crewcall-standby\//,
    );
    standby.resourceCountIs('Custom::CrossRegionExportReader', 1);
    primary.hasResourceProperties('Custom::CrossRegionExportWriter', {
      WriterProps: Match.objectLike({ region: 'us-east-1' }),
    });
    expect(JSON.stringify(standby.toJSON())).not.toContain('Fn::GetStackOutput');
    for (const template of [primary, standby]) {
      expect(template.toJSON().Parameters).not.toHaveProperty('PublicBaseUrl');
    }
  });

  it('no secret material anywhere in either template', () => {
    const devSecret = DEV_LINK_SIGNING_KEYS.split(':')[1] as string;
    for (const template of [primary, standby]) {
      const text = JSON.stringify(template.toJSON());
      expect(text).not.toContain(devSecret);
      expect(text).not.toContain(DEV_ADMIN_SECRET_ACCESS_KEY);
      expect(text).not.toContain('SecretString');
      expect(text).not.toContain('GenerateSecretString');
      expect(text).not.toMatch(/"LINK_SIGNING_KEYS"/);
      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      template.resourceCountIs('AWS::IAM::AccessKey', 0);
      template.resourceCountIs('AWS::SSM::Parameter', 0);
      // Access keys are made by hand, so nothing secret can reach an output either.
      expect(JSON.stringify(template.toJSON().Outputs ?? {})).not.toMatch(/secret|AccessKey/i);
    }
  });

  it('its role reaches only the three tables and their indexes, the one secret and its log group', () => {
    for (const template of [primary, standby]) {
      const fn = functionOf(template);
      const roleId = fn.Role['Fn::GetAtt'][0];
      const role = resourcesOfType(template, 'AWS::IAM::Role')[roleId]?.Properties ?? {};
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.Policies).toBeUndefined();
      const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).filter((p) =>
        (p.Properties?.Roles as Array<{ Ref: string }> | undefined)?.some((r) => r.Ref === roleId),
      );
      expect(policies).toHaveLength(1);
      const statements = statementsOf(policies[0]?.Properties?.PolicyDocument);
      expect(statements.every((s) => s.effect === 'Allow')).toBe(true);

      const tables = Object.values(tableNames('crewcall-')).flatMap((name) => {
        const arn = `arn:aws:dynamodb:us-west-2:123456789012:table/${name}`;
        return [arn, `${arn}/index/*`];
      });
      const data = statements.filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
      expect(data).toHaveLength(1);
      expect([...(data[0]?.resources ?? [])].sort()).toEqual(tables.sort());
      expect(data[0]?.actions.sort()).toEqual(
        [
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ].sort(),
      );

      const secret = statements.filter((s) =>
        s.actions.some((a) => a.startsWith('secretsmanager:')),
      );
      expect(secret).toEqual([
        {
          sid: 'LinkSigningKeys',
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [
            expect.stringMatching(
              /^arn:aws:secretsmanager:us-(west-2|east-1):123456789012:secret:crewcall\/link-signing-keys-\?{6}$/,
            ),
          ],
        },
      ]);

      const logs = statements.filter((s) => s.actions.some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]?.actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logs[0]?.resources).toEqual([
        { 'Fn::GetAtt': [fn.LoggingConfig.LogGroup.Ref, 'Arn'] },
      ]);

      expect(statements).toHaveLength(3);
      for (const s of statements) expect(s.resources).not.toContain('*');
    }
  });
});

describe('the HTTP API', () => {
  it.each([
    ['primary', () => primary],
    ['standby', () => standby],
  ])(
    '%s: IAM auth on /api/* only; the crew routes are public; nothing else is routed',
    (_, template) => {
      const routes = Object.values(resourcesOfType(template(), 'AWS::ApiGatewayV2::Route')).map(
        (r) => [r.Properties?.RouteKey, r.Properties?.AuthorizationType] as const,
      );
      expect(Object.fromEntries(routes)).toEqual({
        'ANY /api/{proxy+}': 'AWS_IAM',
        ...Object.fromEntries(PUBLIC_ROUTE_KEYS.map((key) => [key, 'NONE'])),
      });
      template().hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    },
  );

  it('logs route keys, never paths (a crew page path carries a magic-link token)', () => {
    const stage = Object.values(resourcesOfType(primary, 'AWS::ApiGatewayV2::Stage'))[0];
    const settings = stage?.Properties?.AccessLogSettings as { Format: string } | undefined;
    const format = settings?.Format;
    expect(format).toContain('$context.routeKey');
    expect(format).not.toMatch(/\$context\.(path|http\.path|resourcePath)/);
    expect(stage?.Properties?.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50 });
  });
});

describe('the office (Apps Script) user', () => {
  it('may only invoke /api/* on the primary and standby APIs', () => {
    const user = Object.entries(resourcesOfType(primary, 'AWS::IAM::User'));
    expect(user).toHaveLength(1);
    const [userId, userResource] = user[0] as [string, { Properties?: Record<string, unknown> }];
    expect(userResource.Properties?.UserName).toBe('crewcall-office');
    expect(userResource.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(userResource.Properties?.Policies).toBeUndefined();

    const grants = [
      ...Object.values(resourcesOfType(primary, 'AWS::IAM::Policy')).filter((p) =>
        (p.Properties?.Users as Array<{ Ref: string }> | undefined)?.some((u) => u.Ref === userId),
      ),
      ...Object.values(resourcesOfType(standby, 'AWS::IAM::Policy')).filter((p) =>
        (p.Properties?.Users as unknown[] | undefined)?.includes('crewcall-office'),
      ),
    ];
    expect(grants).toHaveLength(2);
    const resources = grants.map((grant) => {
      const statements = statementsOf(grant.Properties?.PolicyDocument);
      expect(statements).toHaveLength(1);
      expect(statements[0]?.actions).toEqual(['execute-api:Invoke']);
      expect(statements[0]?.resources).toHaveLength(1);
      return render(statements[0]?.resources[0]);
    });
    expect(resources[0]).toMatch(
      /^arn:aws:execute-api:us-west-2:123456789012:\$\{EdgeApiHttpApi\w+\}\/\*\/\*\/api\/\*$/,
    );
    expect(resources[1]).toMatch(
      /^arn:aws:execute-api:us-east-1:123456789012:\$\{EdgeApiHttpApi\w+\}\/\*\/\*\/api\/\*$/,
    );
    // Every admin principal the functions accept is that user (plus the optional parameter).
    expect(render(functionOf(primary).Environment.Variables.CREWCALL_ADMIN_PRINCIPALS)).toBe(
      `\${${userId}.Arn},\${AdminPrincipals}`,
    );
    expect(render(functionOf(standby).Environment.Variables.CREWCALL_ADMIN_PRINCIPALS)).toMatch(
      /^arn:aws:iam::123456789012:user\/crewcall-office,\$\{AdminPrincipals\}$/,
    );
  });
});

describe('CloudFront', () => {
  it('sits in front of the primary API; personal pages are never cached', () => {
    const dist = Object.values(resourcesOfType(primary, 'AWS::CloudFront::Distribution'))[0];
    const config = dist?.Properties?.DistributionConfig as Record<string, unknown>;
    const origins = config.Origins as Array<{ DomainName: unknown }>;
    expect(origins).toHaveLength(1);
    expect(render(origins[0]?.DomainName)).toMatch(
      /^\$\{EdgeApiHttpApi\w+\}\.execute-api\.us-west-2\.\$\{AWS::URLSuffix\}$/,
    );
    const behaviors = Object.fromEntries(
      (config.CacheBehaviors as Array<Record<string, unknown>>).map((b) => [b.PathPattern, b]),
    );
    expect(behaviors['/m/*']).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'POST']),
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
    });
    // Calendar feeds are personal too: never cached, If-None-Match passed on for the 304.
    expect(behaviors['/cal/*']).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    expect(behaviors['/assets/*']).toMatchObject({ CachePolicyId: CACHING_OPTIMIZED });
    expect(config.Aliases).toBeUndefined();
    standby.resourceCountIs('AWS::CloudFront::Distribution', 0);
  });
});

describe('logs and lookups', () => {
  it('every log group has a retention', () => {
    for (const template of [primary, standby]) {
      const groups = Object.values(resourcesOfType(template, 'AWS::Logs::LogGroup'));
      expect(groups).toHaveLength(2);
      for (const group of groups) expect(group.Properties?.RetentionInDays).toBe(30);
    }
  });

  it('needs no lookups (synth works without an account or network)', () => {
    expect(missingContext).toBeUndefined();
  });
});
