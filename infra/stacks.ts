import { type App, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IUser, Policy, PolicyStatement, User } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { EdgeApi } from './edge-api.js';
import { type AppParameters, appParameters } from './parameters.js';
import { type DeploySettings, stackNames } from './settings.js';
import { appTables, tablePropsV2 } from './tables.js';

interface CrewcallStackProps extends StackProps {
  settings: DeploySettings;
  /** Directory holding the built Lambda (dist/edge-api). */
  lambdaAssetPath: string;
}

interface StandbyStackProps extends CrewcallStackProps {
  /** Origin of the crew pages, from the primary stack: the standby renders the same links. */
  publicBaseUrl: string;
}

/** The IAM user the Apps Script side signs with; one name so both stacks can grant it. */
export function officeUserName(settings: Pick<DeploySettings, 'tablePrefix'>): string {
  return `${settings.tablePrefix}office`.replace(/[^\w+=,.@-]/g, '-');
}

/** Environment of the function from the stack's parameters (never a secret). */
function appEnvironment(params: AppParameters, publicBaseUrl: string, officeUserArn: string) {
  return {
    PUBLIC_BASE_URL: publicBaseUrl,
    CREWCALL_ADMIN_PRINCIPALS: Fn.join(',', [officeUserArn, params.extraAdminPrincipals]),
    OFFICE_NAME: params.officeName,
    OFFICE_EMAIL: params.officeEmail,
    OFFICE_PHONE: params.officePhone,
    DEFAULT_PHONE_COUNTRY: params.defaultPhoneCountry,
    CALL_WINDOW_POLICY: params.callWindowPolicy,
  };
}

/** The office user may call /api/* on this API and nothing else. */
function allowOfficeOnAdminRoutes(scope: Construct, id: string, user: IUser, edge: EdgeApi) {
  new Policy(scope, id, {
    users: [user],
    statements: [
      new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [edge.adminInvokeArn()] }),
    ],
  });
}

/**
 * Primary region: the three tables (global tables with a replica in the
 * replica region), the edge API, the office IAM user and CloudFront in front
 * of the crew pages.
 */
export class PrimaryStack extends Stack {
  readonly tables: TableV2[];
  readonly edge: EdgeApi;
  readonly distribution: Distribution;
  readonly officeUser: User;
  /** Origin of the crew pages: the custom domain, or the CloudFront address. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: CrewcallStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const params = appParameters(this);

    this.tables = appTables(settings.tablePrefix).map(
      ({ def, physicalName }) =>
        new TableV2(
          this,
          `Table-${def.name}`,
          tablePropsV2(def, physicalName, settings.replicaRegion),
        ),
    );

    // Access keys are made by hand (README, Deploy): a key made here would sit in the template's outputs.
    this.officeUser = new User(this, 'OfficeUser', { userName: officeUserName(settings) });

    this.edge = new EdgeApi(this, 'EdgeApi', {
      assetPath: props.lambdaAssetPath,
      tablePrefix: settings.tablePrefix,
      homeRegion: settings.homeRegion,
      linkKeysSecretName: settings.linkKeysSecretName,
      logRetention: settings.logRetention,
      environment: {},
    });
    for (const table of this.tables) this.edge.fn.node.addDependency(table);
    allowOfficeOnAdminRoutes(this, 'OfficeInvokePrimaryApi', this.officeUser, this.edge);

    this.distribution = crewPagesDistribution(this, this.edge.domainName, settings);
    this.publicBaseUrl = settings.crewDomain
      ? `https://${settings.crewDomain.name}`
      : `https://${this.distribution.distributionDomainName}`;
    // The distribution needs only the API's id, not the function, so the function can be
    // told the distribution's address without a cycle.
    const environment = appEnvironment(params, this.publicBaseUrl, this.officeUser.userArn);
    for (const [name, value] of Object.entries(environment))
      this.edge.fn.addEnvironment(name, value);

    new CfnOutput(this, 'CrewPagesUrl', {
      value: this.publicBaseUrl,
      description: 'Origin of the crew pages (PUBLIC_BASE_URL of both functions)',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: `https://${this.edge.domainName}`,
      description: 'Edge API URL for Crew > Settings in the sheet (SigV4, service execute-api)',
    });
    new CfnOutput(this, 'ApiRegion', { value: this.region });
    new CfnOutput(this, 'ApiDomain', { value: this.edge.domainName });
    new CfnOutput(this, 'OfficeUserName', { value: this.officeUser.userName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'DistributionDomain', {
      value: this.distribution.distributionDomainName,
      description: 'Point CREWCALL_CREW_DOMAIN (if any) here with a CNAME',
    });
    new CfnOutput(this, 'FunctionName', { value: this.edge.fn.functionName });
  }
}

function crewPagesDistribution(scope: Stack, apiDomain: string, settings: DeploySettings) {
  const origin = new HttpOrigin(apiDomain, {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
  });
  // Personal pages and form posts: never cached, every viewer header but Host passed on
  // (API Gateway routes by its own Host; the app checks Origin on posts).
  const personal: BehaviorOptions = {
    origin,
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  };
  // The stylesheet and favicon: the same for everyone, cached as the app's Cache-Control says.
  const shared: BehaviorOptions = {
    origin,
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: CachePolicy.CACHING_OPTIMIZED,
  };
  const domain = settings.crewDomain;
  return new Distribution(scope, 'CrewPages', {
    comment: 'crewcall crew pages',
    defaultBehavior: personal,
    additionalBehaviors: {
      '/m/*': personal,
      '/cal/*': personal,
      '/assets/*': shared,
      '/favicon.ico': shared,
    },
    priceClass: PriceClass.PRICE_CLASS_100,
    httpVersion: HttpVersion.HTTP2_AND_3,
    ...(domain
      ? {
          domainNames: [domain.name],
          certificate: Certificate.fromCertificateArn(
            scope,
            'CrewCertificate',
            domain.certificateArn,
          ),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }
      : {}),
  });
}

/**
 * Replica region: the same edge API over the replica tables, deployed and
 * idle. Its function sends every request to CREWCALL_HOME_REGION, so until a
 * failover it writes to the primary region like the primary function.
 */
export class StandbyStack extends Stack {
  readonly edge: EdgeApi;

  constructor(scope: Construct, id: string, props: StandbyStackProps) {
    super(scope, id, props);
    // A "weak" reference (Fn::GetStackOutput) would make every deploy of this stack read the
    // primary region, so a failover deploy would fail with it. "Strong" keeps the value in an
    // SSM parameter in this region (written by the primary's deploys) and reads it here.
    this.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
    const { settings } = props;
    const params = appParameters(this);
    const officeUser = User.fromUserName(this, 'OfficeUser', officeUserName(settings));

    this.edge = new EdgeApi(this, 'EdgeApi', {
      assetPath: props.lambdaAssetPath,
      tablePrefix: settings.tablePrefix,
      homeRegion: settings.homeRegion,
      linkKeysSecretName: settings.linkKeysSecretName,
      logRetention: settings.logRetention,
      environment: appEnvironment(params, props.publicBaseUrl, officeUser.userArn),
    });
    allowOfficeOnAdminRoutes(this, 'OfficeInvokeStandbyApi', officeUser, this.edge);

    new CfnOutput(this, 'StandbyApiUrl', { value: `https://${this.edge.domainName}` });
    new CfnOutput(this, 'StandbyApiDomain', {
      value: this.edge.domainName,
      description:
        'Failover: the CloudFront origin domain and, with this region, the sheet settings',
    });
    new CfnOutput(this, 'ApiRegion', { value: this.region });
    new CfnOutput(this, 'FunctionName', { value: this.edge.fn.functionName });
  }
}

/** Both stacks, with explicit account and regions (no lookups: synth works offline). */
export function crewcallStacks(app: App, settings: DeploySettings, lambdaAssetPath: string) {
  const names = stackNames(settings);
  const primary = new PrimaryStack(app, 'Primary', {
    stackName: names.primary,
    description: 'crewcall: tables (global, with replica), edge API, office user, CloudFront',
    env: { account: settings.account, region: settings.primaryRegion },
    // Without a custom domain the standby learns the CloudFront address from the primary:
    // CDK keeps it in an SSM parameter in the replica region, read there at deploy time.
    crossRegionReferences: !settings.crewDomain,
    settings,
    lambdaAssetPath,
  });
  const standby = new StandbyStack(app, 'Standby', {
    stackName: names.standby,
    description: 'crewcall: standby edge API over the replica tables (failover)',
    env: { account: settings.account, region: settings.replicaRegion },
    crossRegionReferences: !settings.crewDomain,
    settings,
    lambdaAssetPath,
    publicBaseUrl: primary.publicBaseUrl,
  });
  // The replica tables and the office user come from the primary stack.
  standby.addStackDependency(primary, 'replica tables and the office user');
  return { primary, standby };
}
