import { parseWindowPolicy } from '../crew-calls/call-windows.js';
import { type Config, ConfigError } from './index.js';

/** The app settings derived from configuration, shared by the Lambda and the local entry points. */
export function callSettings(config: Config) {
  let windowPolicy: ReturnType<typeof parseWindowPolicy>;
  try {
    windowPolicy = parseWindowPolicy(config.callWindowPolicy);
  } catch (error) {
    throw new ConfigError(
      `crewcall configuration is invalid: CALL_WINDOW_POLICY ${(error as Error).message}`,
    );
  }
  return {
    defaultPhoneCountry: config.defaultPhoneCountry,
    linkKeys: config.linkSigningKeys,
    publicBaseUrl: config.publicBaseUrl,
    office: config.office,
    officeTimeZone: config.officeTimeZone,
    windowPolicy,
  };
}
