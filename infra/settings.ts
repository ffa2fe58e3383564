import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What shapes the deployment, read from environment variables when the CDK app
 * runs (`npm run synth` / `npm run deploy`). Everything is explicit: no
 * lookups, so synth needs no AWS account and no network. Office details and
 * admin principals are CloudFormation parameters instead (see parameters.ts),
 * set once at the first deploy and kept by later ones.
 */
export interface DeploySettings {
  /** AWS account both stacks deploy to (`CDK_ACCOUNT`). */
  account: string;
  /** Region of the primary stack: the tables are created here, with CloudFront and the office user. */
  primaryRegion: string;
  /** Region of the table replicas and of the standby API. */
  replicaRegion: string;
  /**
   * The region every Lambda sends all reads and writes to: the app's
   * `CREWCALL_HOME_REGION`. Normally the primary region; failover sets it to
   * the replica region (README, Deploy).
   */
  homeRegion: string;
  /** Prefix of the table names (the app's `TABLE_PREFIX`). */
  tablePrefix: string;
  /** Secrets Manager secret holding `LINK_SIGNING_KEYS` (created by hand, replicated to both regions). */
  linkKeysSecretName: string;
  /** Optional custom domain for the crew pages, with its ACM certificate in us-east-1. */
  crewDomain: { name: string; certificateArn: string } | undefined;
  logRetention: RetentionDays;
}

export const DEFAULTS = {
  CDK_ACCOUNT: '123456789012',
  CREWCALL_PRIMARY_REGION: 'us-west-2',
  CREWCALL_REPLICA_REGION: 'us-east-1',
  CREWCALL_TABLE_PREFIX: 'crewcall-',
  CREWCALL_LINK_KEYS_SECRET: 'crewcall/link-signing-keys',
  CREWCALL_LOG_RETENTION_DAYS: '30',
} as const;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const problems: string[] = [];
  const get = (name: keyof typeof DEFAULTS) => env[name]?.trim() || DEFAULTS[name];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  const account = get('CDK_ACCOUNT');
  check(/^\d{12}$/.test(account), 'CDK_ACCOUNT must be a 12-digit AWS account id');
  const primaryRegion = get('CREWCALL_PRIMARY_REGION');
  const replicaRegion = get('CREWCALL_REPLICA_REGION');
  check(REGION.test(primaryRegion), 'CREWCALL_PRIMARY_REGION must look like us-west-2');
  check(REGION.test(replicaRegion), 'CREWCALL_REPLICA_REGION must look like us-east-1');
  check(primaryRegion !== replicaRegion, 'CREWCALL_REPLICA_REGION must differ from the primary');
  const homeRegion = env.CREWCALL_HOME_REGION?.trim() || primaryRegion;
  check(
    homeRegion === primaryRegion || homeRegion === replicaRegion,
    `CREWCALL_HOME_REGION must be ${primaryRegion} or ${replicaRegion}: one of the two table regions`,
  );
  const tablePrefix = env.CREWCALL_TABLE_PREFIX?.trim() ?? DEFAULTS.CREWCALL_TABLE_PREFIX;
  check(
    /^[A-Za-z0-9_.-]{0,60}$/.test(tablePrefix),
    'CREWCALL_TABLE_PREFIX may use only letters, digits, _ . and -',
  );
  const linkKeysSecretName = get('CREWCALL_LINK_KEYS_SECRET');
  check(
    /^[A-Za-z0-9/_+=.@-]{1,256}$/.test(linkKeysSecretName) &&
      !linkKeysSecretName.startsWith('arn:'),
    'CREWCALL_LINK_KEYS_SECRET must be a Secrets Manager secret name (not an ARN)',
  );
  const retention = Number(get('CREWCALL_LOG_RETENTION_DAYS'));
  const logRetention = Object.values(RetentionDays).find((days) => days === retention);
  check(
    typeof logRetention === 'number',
    'CREWCALL_LOG_RETENTION_DAYS must be a CloudWatch retention such as 7, 30, 90 or 365',
  );

  const domainName = env.CREWCALL_CREW_DOMAIN?.trim();
  const certificateArn = env.CREWCALL_CREW_CERTIFICATE_ARN?.trim();
  check(
    Boolean(domainName) === Boolean(certificateArn),
    'CREWCALL_CREW_DOMAIN and CREWCALL_CREW_CERTIFICATE_ARN go together',
  );
  if (domainName) {
    check(
      /^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domainName),
      'CREWCALL_CREW_DOMAIN must be a host name such as crew.example.com',
    );
  }
  if (certificateArn) {
    check(
      /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn),
      'CREWCALL_CREW_CERTIFICATE_ARN must be an ACM certificate in us-east-1 (CloudFront only uses those)',
    );
  }

  if (problems.length > 0) {
    throw new SettingsError(`crewcall deploy settings are invalid: ${problems.join('; ')}`);
  }
  return {
    account,
    primaryRegion,
    replicaRegion,
    homeRegion,
    tablePrefix,
    linkKeysSecretName,
    crewDomain: domainName && certificateArn ? { name: domainName, certificateArn } : undefined,
    logRetention: logRetention as RetentionDays,
  };
}

/** CloudFormation stack names (letters, digits and hyphens only). */
export function stackNames(settings: Pick<DeploySettings, 'tablePrefix'>) {
  const base = settings.tablePrefix.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const stem = /^[A-Za-z]/.test(base) ? base : `crewcall${base ? `-${base}` : ''}`;
  return { primary: `${stem}-primary`, standby: `${stem}-standby` };
}
