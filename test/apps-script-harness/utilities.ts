/// <reference types="google-apps-script" />
// Utilities and Blob. Apps Script byte arrays are Java bytes: SIGNED (-128..127).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { formatDatePattern } from './dates.js';
import {
  asGas,
  type Emulated,
  GasException,
  HarnessError,
  LABEL,
  type Runtime,
  signatureError,
} from './runtime.js';

type Blob = GoogleAppsScript.Base.Blob;
type Charset = GoogleAppsScript.Utilities.Charset;

/** Bytes as Apps Script hands them to scripts: signed Java bytes. */
export function toSignedBytes(data: Uint8Array): number[] {
  return Array.from(data, (b) => (b > 127 ? b - 256 : b));
}

/** Script bytes (signed or unsigned) back to a Buffer. */
export function fromScriptBytes(bytes: readonly number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 0xff));
}

function encoding(charset: unknown): BufferEncoding {
  if (charset === undefined || charset === null || String(charset) === 'UTF_8') return 'utf8';
  if (String(charset) === 'US_ASCII') return 'latin1';
  throw new HarnessError(`Unsupported charset ${String(charset)}`);
}

/** A string (in `charset`) or a script byte array, as a Buffer. */
export function dataBytes(data: unknown, charset?: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, encoding(charset));
  if (Array.isArray(data)) return fromScriptBytes(data as number[]);
  throw new HarnessError(`Expected a string or a byte array, got ${typeof data}`);
}

const BLOB_METHODS = [
  'copyBlob',
  'getAs',
  'getBlob',
  'getBytes',
  'getContentType',
  'getDataAsString',
  'getName',
  'isGoogleType',
  'setBytes',
  'setContentType',
  'setContentTypeFromExtension',
  'setDataFromString',
  'setName',
] as const;

const EXTENSION_TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  ics: 'text/calendar',
  png: 'image/png',
  jpg: 'image/jpeg',
  zip: 'application/zip',
};

export class EmulatedBlob implements Emulated, Pick<Blob, (typeof BLOB_METHODS)[number]> {
  readonly [LABEL] = 'Utilities.Blob';
  constructor(
    public _data: Buffer,
    public _contentType: string | null = null,
    public _name: string | null = null,
  ) {}
  copyBlob(): Blob {
    return asGas(new EmulatedBlob(Buffer.from(this._data), this._contentType, this._name));
  }
  getAs(contentType: string): Blob {
    if (contentType !== this._contentType) {
      throw new HarnessError(`Blob.getAs(${contentType}): conversion is not emulated`);
    }
    return this.copyBlob();
  }
  getBlob(): Blob {
    return this.copyBlob();
  }
  getBytes(): number[] {
    return toSignedBytes(this._data);
  }
  getContentType(): string | null {
    return this._contentType;
  }
  getDataAsString(charset?: string): string {
    return this._data.toString(encoding(charset?.replace('-', '_').toUpperCase()));
  }
  getName(): string | null {
    return this._name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(data: number[]): Blob {
    this._data = fromScriptBytes(data);
    return asGas(this);
  }
  setContentType(contentType: string | null): Blob {
    this._contentType = contentType;
    return asGas(this);
  }
  setContentTypeFromExtension(): Blob {
    const ext = this._name?.split('.').pop()?.toLowerCase() ?? '';
    const type = EXTENSION_TYPES[ext];
    if (!type) throw new GasException(`Unknown file extension: ${this._name}`);
    this._contentType = type;
    return asGas(this);
  }
  setDataFromString(value: string, charset?: string): Blob {
    this._data = Buffer.from(value, encoding(charset?.replace('-', '_').toUpperCase()));
    return asGas(this);
  }
  setName(name: string): Blob {
    this._name = name;
    return asGas(this);
  }
}

/** The Blob behind a BlobSource the script passed (a Blob, a Drive file, an HTTP response). */
export function blobOf(source: unknown): EmulatedBlob {
  if (source instanceof EmulatedBlob) return source;
  const getBlob = (source as { getBlob?: () => unknown } | null)?.getBlob;
  if (typeof getBlob === 'function') return blobOf(getBlob.call(source));
  throw signatureError('BlobSource', [source]);
}

const DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

const enumOf = <T>(...names: string[]): T =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as T;

type U = GoogleAppsScript.Utilities.Utilities;
type UtilitiesMethods =
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'parseCsv'
  | 'sleep';

export class EmulatedUtilities
  implements Emulated, Pick<U, UtilitiesMethods | 'Charset' | 'DigestAlgorithm' | 'MacAlgorithm'>
{
  readonly [LABEL] = 'Utilities';
  readonly Charset = enumOf<typeof GoogleAppsScript.Utilities.Charset>('US_ASCII', 'UTF_8');
  readonly DigestAlgorithm = enumOf<typeof GoogleAppsScript.Utilities.DigestAlgorithm>(
    'MD2',
    ...Object.keys(DIGESTS),
  );
  readonly MacAlgorithm = enumOf<typeof GoogleAppsScript.Utilities.MacAlgorithm>(
    ...Object.keys(MACS),
  );

  constructor(private readonly runtime: Runtime) {}

  base64Decode(encoded: string, charset?: Charset): number[] {
    void charset;
    const clean = String(encoded).replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new GasException('Could not decode string.');
    return toSignedBytes(Buffer.from(clean, 'base64'));
  }
  base64DecodeWebSafe(encoded: string, charset?: Charset): number[] {
    void charset;
    const clean = String(encoded).replace(/\s/g, '');
    if (!/^[A-Za-z0-9\-_]*={0,2}$/.test(clean)) throw new GasException('Could not decode string.');
    return toSignedBytes(Buffer.from(clean, 'base64url'));
  }
  base64Encode(data: string | number[], charset?: Charset): string {
    return dataBytes(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], charset?: Charset): string {
    // Apps Script keeps the '=' padding in web-safe output.
    return dataBytes(data, charset).toString('base64').replaceAll('+', '-').replaceAll('/', '_');
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
    charset?: Charset,
  ): number[] {
    const name = DIGESTS[String(algorithm)];
    if (!name) throw new HarnessError(`Digest ${String(algorithm)} is not emulated`);
    return toSignedBytes(createHash(name).update(dataBytes(value, charset)).digest());
  }
  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: Charset,
  ): number[] {
    return this.computeHmacSignature(asMac('HMAC_SHA_256'), value, key, charset);
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | number[],
    key: string | number[],
    charset?: Charset,
  ): number[] {
    const name = MACS[String(algorithm)];
    if (!name) throw signatureError('Utilities.computeHmacSignature', [algorithm, value, key]);
    if (typeof value !== typeof key) {
      throw signatureError('Utilities.computeHmacSignature', [algorithm, value, key]);
    }
    const mac = createHmac(name, dataBytes(key, charset));
    return toSignedBytes(mac.update(dataBytes(value, charset)).digest());
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    const isDate = Object.prototype.toString.call(date) === '[object Date]';
    if (!isDate || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError('Utilities.formatDate', [date, timeZone, format]);
    }
    return formatDatePattern(date as unknown as Date, timeZone, format);
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(/%(\d*)(?:\.(\d+))?([sdif%])/g, (_m, width: string, prec, kind) => {
      if (kind === '%') return '%';
      const arg = args[i++];
      let text: string;
      if (kind === 'd' || kind === 'i') text = String(Math.trunc(Number(arg)));
      else if (kind === 'f') text = Number(arg).toFixed(prec === undefined ? 6 : Number(prec));
      else text = String(arg);
      return text.padStart(Number(width || 0));
    });
  }
  getUuid(): string {
    return randomUUID();
  }
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    return asGas(new EmulatedBlob(dataBytes(data), contentType ?? null, name ?? null));
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    const endCell = () => {
      row.push(cell);
      cell = '';
    };
    for (let i = 0; i < csv.length; i += 1) {
      const c = csv.charAt(i);
      if (quoted) {
        if (c === '"' && csv.charAt(i + 1) === '"') {
          cell += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === delimiter) endCell();
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && csv.charAt(i + 1) === '\n') i += 1;
        endCell();
        rows.push(row);
        row = [];
      } else cell += c;
    }
    if (cell !== '' || row.length > 0) {
      endCell();
      rows.push(row);
    }
    return rows;
  }
  /** Does not sleep: advances the harness clock. */
  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0) || milliseconds > 300_000) {
      throw new GasException('Invalid argument: milliseconds');
    }
    this.runtime.clock.advance(milliseconds);
  }
}

function asMac(name: string): GoogleAppsScript.Utilities.MacAlgorithm {
  return name as unknown as GoogleAppsScript.Utilities.MacAlgorithm;
}
