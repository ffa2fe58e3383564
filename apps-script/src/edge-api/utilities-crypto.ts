/// <reference types="google-apps-script/google-apps-script.utilities" />
import type { SigV4Crypto } from '../../../shared/sigv4/sign-request.js';

/**
 * SigV4's hash primitives on Apps Script's `Utilities` service (V8 has no
 * WebCrypto and no TextEncoder). Apps Script's Byte[] holds Java bytes,
 * -128..127; the signer works on 0..255, so every array is converted on the way
 * in and out. Pass the global `Utilities` (a parameter so tests can fake it).
 */
export function utilitiesCrypto(utilities: GoogleAppsScript.Utilities.Utilities): SigV4Crypto {
  return {
    utf8: (text) => (text === '' ? [] : toUnsigned(utilities.newBlob(text).getBytes())),
    sha256: (data) =>
      toUnsigned(utilities.computeDigest(utilities.DigestAlgorithm.SHA_256, toSigned(data))),
    hmacSha256: (key, data) =>
      toUnsigned(utilities.computeHmacSha256Signature(toSigned(data), toSigned(key))),
  };
}

function toUnsigned(bytes: GoogleAppsScript.Byte[]): number[] {
  return bytes.map((b) => b & 0xff);
}

function toSigned(bytes: number[]): GoogleAppsScript.Byte[] {
  return bytes.map((b) => ((b & 0xff) << 24) >> 24);
}
