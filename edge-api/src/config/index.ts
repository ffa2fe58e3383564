import { getCountries } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * The one configuration loader. Every setting comes from an environment
 * variable; the README lists them all. Read once per process (once per Lambda
 * cold start).
 */
export interface Config {
  /** `local` under `npm start` / tests, `lambda` inside AWS Lambda. */
  runtime: 'local' | 'lambda';
  /** HTTP port for the local server. */
  port: number;
  /** Interface the local server binds to. */
  host: string;
  /** AWS region of the DynamoDB tables and of the SigV4 credential scope. */
  region: string;
  /** Use this DynamoDB (DynamoDB Local, another instance) instead of AWS's / starting one. */
  dynamodbEndpoint: string | undefined;
  /** Prefix of every table name, e.g. `crewcall-` gives `crewcall-crew-roster`. */
  tablePrefix: string;
  /** Where `npm start` keeps DynamoDB Local's files. */
  dataDir: string;
  /** Local admin credentials checked by the local SigV4 verifier (never used in Lambda). */
  adminAccessKeyId: string;
  adminSecretAccessKey: string;
  /** In Lambda: IAM principal ARNs allowed to call the admin routes. */
  adminPrincipals: string[];
  /** Country assumed for phone numbers typed without `+country`. */
  defaultPhoneCountry: string;
  /**
   * The one region that takes writes. Global tables are last-writer-wins across
   * regions, so conditions (single-use links, seat counts) only hold in one.
   */
  homeRegion: string;
  /** Origin of the crew pages; magic links are built from it, never from the request's Host. */
  publicBaseUrl: string;
  /** Magic-link signing keys, newest first; the first signs, all verify (rotation). */
  linkSigningKeys: Array<{ kid: string; secret: Uint8Array }>;
  /** Who crew see as the sender and whom they call. */
  office: { name: string; email: string; phone: string };
  /** Cascade windows by lead time, e.g. `168h=12h,72h=6h,24h=2h,0h=30m`. */
  callWindowPolicy: string;
}

/** Development-only credentials, printed by `npm start`; never valid in Lambda. */
export const DEV_ADMIN_ACCESS_KEY_ID = 'AKIDCREWCALLLOCALDEV';
export const DEV_ADMIN_SECRET_ACCESS_KEY = 'crewcall-local-development-secret-do-not-use-in-aws';
/** Development-only link-signing key; Lambda refuses to start with it. */
export const DEV_LINK_SIGNING_KEYS =
  'dev-1:Y3Jld2NhbGwtbG9jYWwtZGV2ZWxvcG1lbnQtbGluay1rZXktMzJieXRlcyE';

const countries = new Set<string>(getCountries());

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-west-2')
    .default('us-west-2'),
  DYNAMODB_ENDPOINT: z.url({ error: 'must be a URL such as http://127.0.0.1:8000' }).optional(),
  TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{0,100}$/, 'may use only letters, digits, _ . and -')
    .default('crewcall-'),
  DATA_DIR: z.string().min(1).default('.data'),
  CREWCALL_ADMIN_ACCESS_KEY_ID: z.string().min(16).max(128).default(DEV_ADMIN_ACCESS_KEY_ID),
  CREWCALL_ADMIN_SECRET_ACCESS_KEY: z.string().min(20).default(DEV_ADMIN_SECRET_ACCESS_KEY),
  CREWCALL_ADMIN_PRINCIPALS: z.string().default(''),
  DEFAULT_PHONE_COUNTRY: z
    .string()
    .refine((c) => countries.has(c), 'must be a two-letter country code such as US')
    .default('US'),
  CREWCALL_HOME_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-west-2')
    .optional(),
  PUBLIC_BASE_URL: z
    .url({ error: 'must be the https origin of the crew pages, e.g. https://crew.example.com' })
    .optional(),
  LINK_SIGNING_KEYS: z.string().default(DEV_LINK_SIGNING_KEYS),
  OFFICE_NAME: z.string().min(1).max(100).default('Harbor Charters (demo)'),
  OFFICE_EMAIL: z.email({ error: 'must be an email address' }).default('office@example.com'),
  OFFICE_PHONE: z.string().min(5).max(40).default('+1 310 555 0100'),
  CALL_WINDOW_POLICY: z.string().default('168h=12h,72h=6h,24h=2h,0h=30m'),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** True when this process is an AWS Lambda function. */
export function isInsideLambda(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME || env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const emptyAsMissing = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(emptyAsMissing);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new ConfigError(`crewcall configuration is invalid: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const runtime = isInsideLambda(env) ? 'lambda' : 'local';
  const adminPrincipals = e.CREWCALL_ADMIN_PRINCIPALS.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const arn of adminPrincipals) {
    if (!/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(arn)) {
      throw new ConfigError(
        `crewcall configuration is invalid: CREWCALL_ADMIN_PRINCIPALS entry "${arn}" is not an IAM or STS ARN`,
      );
    }
  }
  const linkSigningKeys = parseLinkSigningKeys(e.LINK_SIGNING_KEYS);
  if (runtime === 'lambda' && e.LINK_SIGNING_KEYS === DEV_LINK_SIGNING_KEYS) {
    throw new ConfigError(
      'crewcall configuration is invalid: LINK_SIGNING_KEYS must be set in AWS (the development key is public)',
    );
  }
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return {
    runtime,
    port: e.PORT,
    host: e.HOST,
    region: e.AWS_REGION,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    tablePrefix: e.TABLE_PREFIX,
    dataDir: e.DATA_DIR,
    adminAccessKeyId: e.CREWCALL_ADMIN_ACCESS_KEY_ID,
    adminSecretAccessKey: e.CREWCALL_ADMIN_SECRET_ACCESS_KEY,
    adminPrincipals,
    defaultPhoneCountry: e.DEFAULT_PHONE_COUNTRY,
    homeRegion: e.CREWCALL_HOME_REGION ?? e.AWS_REGION,
    publicBaseUrl,
    linkSigningKeys,
    office: { name: e.OFFICE_NAME, email: e.OFFICE_EMAIL, phone: e.OFFICE_PHONE },
    callWindowPolicy: e.CALL_WINDOW_POLICY,
  };
}

/** `kid:base64url-secret,kid:secret`, newest first; each secret at least 32 bytes. */
export function parseLinkSigningKeys(text: string): Array<{ kid: string; secret: Uint8Array }> {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [kid, secret] = part.split(':');
      if (!kid || !secret || !/^[A-Za-z0-9_.-]{1,40}$/.test(kid)) {
        throw new ConfigError(
          'crewcall configuration is invalid: LINK_SIGNING_KEYS must be "kid:base64url-secret" entries separated by commas',
        );
      }
      const bytes = new Uint8Array(Buffer.from(secret, 'base64url'));
      if (bytes.length < 32) {
        throw new ConfigError(
          `crewcall configuration is invalid: LINK_SIGNING_KEYS key "${kid}" must be at least 32 bytes (base64url)`,
        );
      }
      return { kid, secret: bytes };
    });
  if (keys.length === 0)
    throw new ConfigError('crewcall configuration is invalid: LINK_SIGNING_KEYS is empty');
  return keys;
}
