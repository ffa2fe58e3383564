import { CfnParameter, type Stack } from 'aws-cdk-lib';

/**
 * The app's business settings, as CloudFormation parameters of both stacks:
 * given once at the first deploy (`npm run deploy -- --parameters OfficeName=...`,
 * a parameter without a stack prefix goes to both stacks) and kept by every
 * later deploy. Secrets are never parameters: the link-signing keys stay in
 * Secrets Manager.
 */
export interface AppParameters {
  officeName: string;
  officeEmail: string;
  officePhone: string;
  defaultPhoneCountry: string;
  callWindowPolicy: string;
  /** Extra IAM ARNs allowed on /api/* besides the office user (comma-separated, may be empty). */
  extraAdminPrincipals: string;
}

export function appParameters(stack: Stack): AppParameters {
  const param = (id: string, props: ConstructorParameters<typeof CfnParameter>[2]) =>
    new CfnParameter(stack, id, { type: 'String', ...props }).valueAsString;

  return {
    officeName: param('OfficeName', {
      minLength: 1,
      maxLength: 100,
      description: 'Who crew see as the sender, e.g. Harbor Charters',
    }),
    officeEmail: param('OfficeEmail', {
      allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      description: 'Office email address shown to crew',
    }),
    officePhone: param('OfficePhone', {
      minLength: 5,
      maxLength: 40,
      description: 'Office phone number crew are told to call',
    }),
    defaultPhoneCountry: param('DefaultPhoneCountry', {
      default: 'US',
      allowedPattern: '^[A-Z]{2}$',
      description: 'Country assumed for phone numbers typed without +country',
    }),
    callWindowPolicy: param('CallWindowPolicy', {
      default: '168h=12h,72h=6h,24h=2h,0h=30m',
      description: 'Cascade windows by lead time (CALL_WINDOW_POLICY)',
    }),
    extraAdminPrincipals: param('AdminPrincipals', {
      default: '',
      allowedPattern:
        '^(arn:aws[a-z-]*:(iam|sts)::\\d{12}:[^,\\s]+)?(,arn:aws[a-z-]*:(iam|sts)::\\d{12}:[^,\\s]+)*$',
      description:
        'More IAM ARNs allowed on /api/* besides the office user, comma-separated (may be empty)',
    }),
  };
}
