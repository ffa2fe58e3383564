/** A `tel:` link for a phone number as people write it ("+1 310 555 0100" → "tel:+13105550100"). */
export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}
