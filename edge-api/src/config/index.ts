/**
 * The one configuration loader. Every setting comes from an environment
 * variable; the README lists them all. Read once per process (once per Lambda
 * cold start).
 */
import { parseWindowPolicy } from '../crew-calls/call-windows.js';
import { isRegionCode } from './region-codes.js';

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
  /** The office's IANA time zone: which dates are "the next 60 days" on a crew portal. */
  officeTimeZone: string;
}

/** Development-only credentials, printed by `npm start`; never valid in Lambda. */
export const DEV_ADMIN_ACCESS_KEY_ID = 'AKIDCREWCALLLOCALDEV';
export const DEV_ADMIN_SECRET_ACCESS_KEY = 'crewcall-local-development-secret-do-not-use-in-aws';
/** Development-only link-signing key; Lambda refuses to start with it. */
export const DEV_LINK_SIGNING_KEYS =
  'dev-1:Y3Jld2NhbGwtbG9jYWwtZGV2ZWxvcG1lbnQtbGluay1rZXktMzJieXRlcyE';

/**
 * Each variable's rule: parse the raw text or say what is wrong with it. Plain
 * functions rather than a schema library, because this loader runs on every
 * Lambda cold start and the rules are simple; request bodies use zod.
 */
type Rule<T> = (raw: string) => T | { problem: string };

const pattern =
  (re: RegExp, problem: string): Rule<string> =>
  (raw) =>
    re.test(raw) ? raw : { problem };
const url =
  (problem: string): Rule<string> =>
  (raw) => {
    try {
      const parsed = new URL(raw);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? raw : { problem };
    } catch {
      return { problem };
    }
  };
const length =
  (min: number, max = 10_000): Rule<string> =>
  (raw) =>
    raw.length >= min && raw.length <= max
      ? raw
      : { problem: `must be ${min} to ${max} characters` };
const anything: Rule<string> = (raw) => raw;
const awsRegion = pattern(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-west-2');

const rules = {
  PORT: (raw: string) =>
    /^\d{1,5}$/.test(raw) && Number(raw) <= 65535
      ? Number(raw)
      : { problem: 'must be a port number (0 picks a free one)' },
  HOST: length(1),
  AWS_REGION: awsRegion,
  DYNAMODB_ENDPOINT: url('must be a URL such as http://127.0.0.1:8000'),
  TABLE_PREFIX: pattern(/^[A-Za-z0-9_.-]{0,100}$/, 'may use only letters, digits, _ . and -'),
  DATA_DIR: length(1),
  CREWCALL_ADMIN_ACCESS_KEY_ID: length(16, 128),
  CREWCALL_ADMIN_SECRET_ACCESS_KEY: length(20),
  CREWCALL_ADMIN_PRINCIPALS: anything,
  DEFAULT_PHONE_COUNTRY: (raw: string) =>
    /^[A-Z]{2}$/.test(raw) && isRegionCode(raw)
      ? raw
      : { problem: 'must be a two-letter country code such as US' },
  CREWCALL_HOME_REGION: awsRegion,
  PUBLIC_BASE_URL: url('must be the https origin of the crew pages, e.g. https://crew.example.com'),
  LINK_SIGNING_KEYS: anything,
  OFFICE_NAME: length(1, 100),
  OFFICE_EMAIL: pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
  OFFICE_PHONE: length(5, 40),
  // Checked here, with the rest, so npm start refuses it before creating tables or seeding.
  CALL_WINDOW_POLICY: (raw: string) => {
    try {
      parseWindowPolicy(raw);
      return raw;
    } catch (error) {
      return { problem: (error as Error).message };
    }
  },
  OFFICE_TIME_ZONE: (raw: string) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: raw });
      return raw;
    } catch {
      return { problem: 'must be an IANA time zone such as America/Los_Angeles' };
    }
  },
} satisfies Record<string, Rule<unknown>>;

const defaults = {
  PORT: 8787,
  HOST: '127.0.0.1',
  AWS_REGION: 'us-west-2',
  DYNAMODB_ENDPOINT: undefined,
  TABLE_PREFIX: 'crewcall-',
  DATA_DIR: '.data',
  CREWCALL_ADMIN_ACCESS_KEY_ID: DEV_ADMIN_ACCESS_KEY_ID,
  CREWCALL_ADMIN_SECRET_ACCESS_KEY: DEV_ADMIN_SECRET_ACCESS_KEY,
  CREWCALL_ADMIN_PRINCIPALS: '',
  DEFAULT_PHONE_COUNTRY: 'US',
  CREWCALL_HOME_REGION: undefined,
  PUBLIC_BASE_URL: undefined,
  LINK_SIGNING_KEYS: DEV_LINK_SIGNING_KEYS,
  OFFICE_NAME: 'Harbor Charters (demo)',
  OFFICE_EMAIL: 'office@example.com',
  OFFICE_PHONE: '+1 310 555 0100',
  CALL_WINDOW_POLICY: '168h=12h,72h=6h,24h=2h,0h=30m',
  OFFICE_TIME_ZONE: 'America/Los_Angeles',
} satisfies { [K in keyof typeof rules]: unknown };

type Env = {
  [K in keyof typeof rules]:
    | Exclude<ReturnType<(typeof rules)[K]>, { problem: string }>
    | (typeof defaults)[K];
};

/** Reads every variable, collecting all problems before failing. */
function readEnv(env: NodeJS.ProcessEnv): Env {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(rules) as Array<[keyof typeof rules, Rule<unknown>]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      out[name] = defaults[name];
      continue;
    }
    const value = rule(raw);
    if (value !== null && typeof value === 'object' && 'problem' in value)
      problems.push(`${name} ${value.problem}`);
    else out[name] = value;
  }
  if (problems.length > 0)
    throw new ConfigError(`crewcall configuration is invalid: ${problems.join('; ')}`);
  return out as Env;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** True when this process is an AWS Lambda function. */
export function isInsideLambda(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME || env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnv(env);
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
  // Magic links are built on it: in AWS a loopback fallback would mail crew links that lead nowhere.
  if (runtime === 'lambda' && e.PUBLIC_BASE_URL === undefined) {
    throw new ConfigError(
      'crewcall configuration is invalid: PUBLIC_BASE_URL must be set in AWS (the https origin of the crew pages)',
    );
  }
  if (runtime === 'lambda' && new URL(e.PUBLIC_BASE_URL as string).protocol !== 'https:') {
    throw new ConfigError(
      'crewcall configuration is invalid: PUBLIC_BASE_URL must be an https origin in AWS, e.g. https://crew.example.com',
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
    officeTimeZone: e.OFFICE_TIME_ZONE,
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
