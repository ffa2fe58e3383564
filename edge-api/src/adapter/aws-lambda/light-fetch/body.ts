/**
 * The body of a light Request or Response: what Hono and crewcall hand them (a string, bytes,
 * an ArrayBuffer, null, or the `body` of another light one) is kept as bytes and read
 * without streams. Any other body (a foreign ReadableStream, a Blob, FormData) is left to
 * Node's own class (`native`), which loads undici then, as before.
 */

import { type LightFormData, parseFormBody } from './form-data.js';
import type { LightHeaders } from './headers.js';

/**
 * Node's own Response, looked up only when needed: the global is a getter that loads undici.
 * It reads what the light classes do not hold as bytes.
 */
const nativeResponse = (body: unknown): Response =>
  new globalThis.Response(body as BodyInit | null);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A body kept as bytes, or one only Node's own classes can read. */
export type HeldBody =
  | { kind: 'none' }
  | { kind: 'bytes'; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'foreign'; value: unknown };

/** Streams handed out by a light `body` getter, so wrapping one again reads no stream. */
const streamSources = new WeakMap<object, Uint8Array<ArrayBuffer>>();
/** Those of them now the body of another light object: their first owner's body is gone. */
const handedOn = new WeakSet<object>();

export interface ExtractedBody {
  body: HeldBody;
  /** The Content-Type the standard gives this kind of body, when the headers have none. */
  contentType?: string;
}

export function extractBody(value: unknown): ExtractedBody {
  if (value === undefined || value === null) return { body: { kind: 'none' } };
  if (typeof value === 'string')
    return {
      body: { kind: 'bytes', bytes: encoder.encode(value) },
      contentType: 'text/plain;charset=UTF-8',
    };
  if (value instanceof Uint8Array) return { body: { kind: 'bytes', bytes: value.slice() } };
  if (value instanceof ArrayBuffer)
    return { body: { kind: 'bytes', bytes: new Uint8Array(value.slice(0)) } };
  if (ArrayBuffer.isView(value))
    return {
      body: {
        kind: 'bytes',
        bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice(),
      },
    };
  if (value instanceof URLSearchParams)
    return {
      body: { kind: 'bytes', bytes: encoder.encode(value.toString()) },
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    };
  const source = typeof value === 'object' ? streamSources.get(value) : undefined;
  if (source) {
    if ((value as ReadableStream).locked || handedOn.has(value as object))
      throw new TypeError('Response body object should not be disturbed or locked');
    handedOn.add(value as object);
    return { body: { kind: 'bytes', bytes: source } };
  }
  return { body: { kind: 'foreign', value } };
}

/** Reading a body once, as the standard allows; a second read is a TypeError. */
class BodyReader {
  readonly #body: HeldBody;
  #stream: ReadableStream<Uint8Array> | null | undefined;
  #used = false;
  /** Its stream has been read from. */
  #read = false;

  constructor(body: HeldBody) {
    this.#body = body;
  }

  get used(): boolean {
    return this.#used || this.#read;
  }

  /** The standard's `body`: null, or one ReadableStream of the bytes, made on first use. */
  stream(): ReadableStream<Uint8Array> | null {
    if (this.#stream !== undefined) return this.#stream;
    const body = this.#body;
    if (body.kind === 'none') this.#stream = null;
    else if (body.kind === 'foreign') this.#stream = nativeResponse(body.value).body;
    else {
      const bytes = body.bytes;
      // Pulled only when read (high-water mark 0): a read disturbs the body, as the standard says.
      const stream = new ReadableStream<Uint8Array>(
        {
          pull: (controller) => {
            this.#read = true;
            if (bytes.byteLength > 0) controller.enqueue(bytes.slice());
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      streamSources.set(stream, bytes);
      this.#stream = stream;
    }
    return this.#stream;
  }

  /** The bytes, once; a body only Node's own classes can read is read by them. */
  async take(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    const body = this.#body;
    const stream = this.#stream;
    if (stream && (stream.locked || handedOn.has(stream)))
      throw new TypeError('Body is unusable: Body has already been read');
    if (body.kind === 'none') return new Uint8Array(0);
    if (body.kind === 'foreign')
      return new Uint8Array(await nativeResponse(stream ?? body.value).arrayBuffer());
    return body.bytes;
  }

  /** A second body of the same bytes, for `clone()`. */
  copy(): HeldBody {
    if (this.used) throw new TypeError('Body has already been consumed.');
    const body = this.#body;
    if (this.#stream || body.kind === 'foreign') {
      // A foreign body (or a handed-out stream) is split the way Node's own classes split it.
      const [mine, theirs] = (this.stream() as ReadableStream<Uint8Array>).tee();
      this.#stream = mine;
      return { kind: 'foreign', value: theirs };
    }
    return body.kind === 'bytes' ? { kind: 'bytes', bytes: body.bytes.slice() } : body;
  }
}

const textOf = (bytes: Uint8Array): string => decoder.decode(bytes);

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The standard's Body mixin, shared by the light Request and Response: the body read once as
 * bytes, text, JSON, an ArrayBuffer, a Blob or a form, and `body` as a stream.
 */
export abstract class LightBody {
  #reader = new BodyReader({ kind: 'none' });
  abstract readonly headers: LightHeaders;

  /** Set once, at the end of a subclass's constructor (or by clone()). */
  protected holdBody(body: HeldBody): void {
    this.#reader = new BodyReader(body);
  }

  /** A second body of the same bytes, for `clone()` and `new Request(request)`. */
  protected copyBody(): HeldBody {
    return this.#reader.copy();
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#reader.stream();
  }

  get bodyUsed(): boolean {
    return this.#reader.used;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return arrayBufferOf(await this.#reader.take());
  }

  async bytes(): Promise<Uint8Array> {
    return (await this.#reader.take()).slice();
  }

  async text(): Promise<string> {
    return textOf(await this.#reader.take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return new Blob([await this.#reader.take()], { type });
  }

  /** An URL-encoded form is parsed here, a multipart one by Node's own Response. */
  async formData(): Promise<LightFormData> {
    return parseFormBody(await this.#reader.take(), this.headers.get('content-type'));
  }
}
