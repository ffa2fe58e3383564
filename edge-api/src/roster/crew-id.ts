const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new crew id: `c-` and 12 random base32 characters (60 bits), short enough to read out. */
export function newCrewId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c-${[...bytes].map((b) => ALPHABET[b & 31]).join('')}`;
}
