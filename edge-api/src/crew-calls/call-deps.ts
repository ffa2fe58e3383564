import type { Db } from '../db/client.js';
import type { SigningKey } from '../magic-links/link-token.js';
import type { WindowPolicy } from './call-windows.js';

/** What the crew-call services need from the outside world. */
export interface CallDeps {
  db: Db;
  linkKeys: readonly SigningKey[];
  /** Origin magic links are built on (configuration, never the request's Host). */
  publicBaseUrl: string;
  office: { name: string; email: string; phone: string };
  windowPolicy: WindowPolicy;
  /** The office's IANA time zone (OFFICE_TIME_ZONE); absent in older test setups: America/Los_Angeles. */
  officeTimeZone?: string;
  now: () => Date;
}
