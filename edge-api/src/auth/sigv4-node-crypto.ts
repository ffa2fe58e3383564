import { createHash, createHmac } from 'node:crypto';
import type { SigV4Crypto } from '../../../shared/sigv4/sign-request.js';

/** The shared signer's hash primitives on node:crypto (the CLI, the Lambda's Secrets Manager read). */
export const nodeSigV4Crypto: SigV4Crypto = {
  utf8: (text) => Array.from(Buffer.from(text, 'utf8')),
  sha256: (data) => Array.from(createHash('sha256').update(Uint8Array.from(data)).digest()),
  hmacSha256: (key, data) =>
    Array.from(createHmac('sha256', Uint8Array.from(key)).update(Uint8Array.from(data)).digest()),
};
