/**
 * Logs must never carry anything that can act as a crew member: a magic-link
 * token (in a crew page's path, or anywhere a JWT shows up) or the link id it
 * carries (a long base64url run). What is left still says which route failed.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\/m\/[^/?#\s"']+/g, '/m/<redacted>')
    .replace(/eyJ[\w-]*\.[\w-]+\.[\w-]+/g, '<redacted-token>')
    .replace(/[A-Za-z0-9_-]{40,}/g, '<redacted>');
}
