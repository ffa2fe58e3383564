/**
 * The ids the API hands out, and so what a client may send back. The edge API
 * checks them before DynamoDB sees them (see edge-api/src/errors/ids.ts).
 */
export const ID_SHAPES = {
  crew: { pattern: /^[A-Za-z0-9_-]{1,64}$/, rule: 'must be 1 to 64 letters, digits, _ or -' },
  charter: { pattern: /^[A-Za-z0-9_-]{1,64}$/, rule: 'must be 1 to 64 letters, digits, _ or -' },
  call: { pattern: /^call-[0-9a-f]{16}$/, rule: 'must be a call id such as call-0123456789abcdef' },
} as const;
