import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SettingsError } from '../../infra/settings.js';
import { resourcesOfType, synthStacks } from './support.js';

/** The app's function (the stacks' other functions are CDK's deploy-time helpers). */
function appFunctionEnv(template: Template): Record<string, unknown> {
  const fn = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).find(
    (f) => f.Properties?.Handler === 'lambda.handler',
  );
  const env = fn?.Properties?.Environment as { Variables: Record<string, unknown> } | undefined;
  return env?.Variables ?? {};
}

// Each case synthesizes both stacks again (a few seconds each, more on a busy machine).
describe('deploy settings', { timeout: 120_000 }, () => {
  it('takes an optional custom domain with a us-east-1 certificate', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
    const { primary: withDomain, standby: standbyWithDomain } = synthStacks({
      CREWCALL_CREW_DOMAIN: 'crew.example.com',
      CREWCALL_CREW_CERTIFICATE_ARN: certificateArn,
    });
    withDomain.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['crew.example.com'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: certificateArn }),
      }),
    });
    expect(appFunctionEnv(withDomain).PUBLIC_BASE_URL).toBe('https://crew.example.com');
    expect(appFunctionEnv(standbyWithDomain).PUBLIC_BASE_URL).toBe('https://crew.example.com');
    standbyWithDomain.resourceCountIs('Custom::CrossRegionExportReader', 0);
    expect(() =>
      synthStacks({
        CREWCALL_CREW_DOMAIN: 'crew.example.com',
        CREWCALL_CREW_CERTIFICATE_ARN: certificateArn.replace('us-east-1', 'us-west-2'),
      }),
    ).toThrow(/us-east-1/);
  });

  it('failover: CREWCALL_HOME_REGION moves every read and write, and the grants, to the replica region', () => {
    const moved = synthStacks({ CREWCALL_HOME_REGION: 'us-east-1' });
    for (const template of [moved.primary, moved.standby]) {
      const env = appFunctionEnv(template);
      expect(env.CREWCALL_HOME_REGION).toBe('us-east-1');
      const text = JSON.stringify(template.toJSON());
      expect(text).toContain(
        'arn:aws:dynamodb:us-east-1:123456789012:table/crewcall-crew-dispatch',
      );
      expect(text).not.toContain('arn:aws:dynamodb:us-west-2:');
    }
    // The tables themselves stay where they were created.
    const tables = Object.values(resourcesOfType(moved.primary, 'AWS::DynamoDB::GlobalTable'));
    expect(tables).toHaveLength(3);
    expect(() => synthStacks({ CREWCALL_HOME_REGION: 'eu-west-1' })).toThrow(SettingsError);
  });

  it('refuses unsafe or malformed settings, naming each', () => {
    expect(() =>
      synthStacks({ CDK_ACCOUNT: '12345', CREWCALL_REPLICA_REGION: 'us-west-2' }),
    ).toThrow(/CDK_ACCOUNT.*CREWCALL_REPLICA_REGION/);
    expect(() => synthStacks({ CREWCALL_LINK_KEYS_SECRET: 'arn:aws:secretsmanager:x' })).toThrow(
      /secret name/,
    );
    expect(() => synthStacks({ CREWCALL_LOG_RETENTION_DAYS: '31' })).toThrow(/RETENTION/);
  });

  it('a table prefix renames tables, grants, the office user and the stacks together', () => {
    const other = synthStacks({ CREWCALL_TABLE_PREFIX: 'harbor-' });
    const text = JSON.stringify(other.primary.toJSON());
    expect(text).toContain('"harbor-crew-roster"');
    expect(text).toContain('table/harbor-charter-chats/index/*');
    expect(text).toContain('"harbor-office"');
    expect(other.assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'harbor-primary',
      'harbor-standby',
    ]);
  });
});
