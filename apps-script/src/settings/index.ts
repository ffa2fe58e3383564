import { OfficeError } from '../office-error.js';
import { checkXMeans, X_MEANS_KEY } from './x-means.js';

/** Where the edge API is and how to sign for it; kept in Script Properties, never in code. */
export interface EdgeApiSettings {
  apiUrl: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const KEYS = {
  apiUrl: 'CREWCALL_API_URL',
  region: 'CREWCALL_REGION',
  accessKeyId: 'CREWCALL_ACCESS_KEY_ID',
  secretAccessKey: 'CREWCALL_SECRET_ACCESS_KEY',
} as const;

const LABELS: Record<keyof EdgeApiSettings, string> = {
  apiUrl: 'edge API URL',
  region: 'AWS region',
  accessKeyId: 'access key id',
  secretAccessKey: 'secret access key',
};

/** Reads the settings, or explains which are missing and where to set them. */
export function requireSettings(): EdgeApiSettings {
  const props = PropertiesService.getScriptProperties().getProperties();
  const missing = (Object.keys(KEYS) as Array<keyof EdgeApiSettings>).filter(
    (k) => !props[KEYS[k]],
  );
  if (missing.length > 0) {
    throw new OfficeError(
      `crewcall is not set up yet: the ${missing.map((k) => LABELS[k]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Use Crew › Settings to enter them.`,
    );
  }
  return {
    apiUrl: (props[KEYS.apiUrl] as string).replace(/\/+$/, ''),
    region: props[KEYS.region] as string,
    accessKeyId: props[KEYS.accessKeyId] as string,
    secretAccessKey: props[KEYS.secretAccessKey] as string,
  };
}

/** Checks and stores settings; a blank value keeps the stored one (the secret is never shown back). */
export function saveSettings(input: Partial<EdgeApiSettings> & { xMeans?: string }): void {
  const problems: string[] = [];
  const values: Record<string, string> = {};
  const apiUrl = input.apiUrl?.trim();
  if (apiUrl) {
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(apiUrl))
      problems.push(`the edge API URL "${apiUrl}" is not a web address`);
    else values[KEYS.apiUrl] = apiUrl;
  }
  const region = input.region?.trim();
  if (region) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
      problems.push(`the region "${region}" should look like us-west-2`);
    else values[KEYS.region] = region;
  }
  const keyId = input.accessKeyId?.trim();
  if (keyId) {
    if (!/^[A-Z0-9]{16,128}$/.test(keyId))
      problems.push('the access key id should be 16 or more capital letters and digits');
    else values[KEYS.accessKeyId] = keyId;
  }
  const secret = input.secretAccessKey?.trim();
  if (secret) {
    if (secret.length < 20) problems.push('the secret access key looks too short');
    else values[KEYS.secretAccessKey] = secret;
  }
  const xMeans = input.xMeans?.trim();
  if (xMeans) {
    const checked = checkXMeans(xMeans);
    if (!checked) problems.push(`what x means must be yes or no, not "${xMeans}"`);
    else values[X_MEANS_KEY] = checked;
  }
  if (problems.length > 0) throw new OfficeError(`Settings not saved: ${problems.join('; ')}.`);
  PropertiesService.getScriptProperties().setProperties(values);
}

/** What the settings screen may show: never the secret. */
export function describeSettings(): {
  apiUrl: string;
  region: string;
  accessKeyId: string;
  secretSet: boolean;
  /** How month tabs read `x` now (unset reads as yes); a bad stored value is shown as it is. */
  xMeans: string;
} {
  const props = PropertiesService.getScriptProperties().getProperties();
  return {
    apiUrl: props[KEYS.apiUrl] ?? '',
    region: props[KEYS.region] ?? '',
    accessKeyId: props[KEYS.accessKeyId] ?? '',
    secretSet: Boolean(props[KEYS.secretAccessKey]),
    xMeans: checkXMeans(props[X_MEANS_KEY] ?? '') ?? props[X_MEANS_KEY] ?? '',
  };
}
