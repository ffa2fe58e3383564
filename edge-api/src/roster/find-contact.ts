import * as z from 'zod';
import { normalisePhone } from './crew-input.js';

/**
 * What `GET /api/crew/find?contact=` looks for, normalised the way a create
 * stores it: with an `@` an email (trimmed, lower case), anything else a phone
 * (E.164 by libphonenumber-js, the default country for national numbers).
 */
export function readContact(
  raw: string,
  defaultCountry: string,
): { email: string } | { phone: string } | { problem: string } {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) {
    const email = trimmed.toLowerCase();
    return z.email().safeParse(email).success
      ? { email }
      : { problem: `"${trimmed}" is not an email address` };
  }
  const phone = normalisePhone(trimmed, defaultCountry);
  return 'e164' in phone ? { phone: phone.e164 } : phone;
}
