/**
 * `FormData` as the XHR standard defines it, and the Fetch standard's `formData()` for a
 * body: an URL-encoded form (every crew button is one) is parsed here with URLSearchParams;
 * a multipart one by Node's own Response (which loads undici), its entries then copied.
 */

type Entry = [string, string | File];

/** A USVString: lone surrogates become U+FFFD, as WebIDL converts them. */
const usv = (value: unknown): string =>
  (String(value) as string & { toWellFormed(): string }).toWellFormed();

function entryValue(value: unknown, filename?: string): string | File {
  if (!(value instanceof Blob)) return usv(value);
  if (value instanceof File && filename === undefined) return value;
  const name = filename ?? (value instanceof File ? value.name : 'blob');
  return new File([value], name, { type: value.type });
}

export class LightFormData {
  #entries: Entry[] = [];

  constructor(form?: unknown) {
    if (form !== undefined) throw new TypeError('FormData: the argument must be undefined');
  }

  append(name: string, value: string | Blob, filename?: string): void {
    this.#entries.push([usv(name), entryValue(value, filename)]);
  }

  set(name: string, value: string | Blob, filename?: string): void {
    const key = usv(name);
    const entry: Entry = [key, entryValue(value, filename)];
    const first = this.#entries.findIndex(([k]) => k === key);
    if (first === -1) {
      this.#entries.push(entry);
      return;
    }
    this.#entries = this.#entries.filter(([k], i) => k !== key || i === first);
    this.#entries[first] = entry;
  }

  delete(name: string): void {
    const key = usv(name);
    this.#entries = this.#entries.filter(([k]) => k !== key);
  }

  get(name: string): string | File | null {
    const key = usv(name);
    return this.#entries.find(([k]) => k === key)?.[1] ?? null;
  }

  getAll(name: string): Array<string | File> {
    const key = usv(name);
    return this.#entries.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    const key = usv(name);
    return this.#entries.some(([k]) => k === key);
  }

  *entries(): IterableIterator<Entry> {
    // Live, as the standard's iterator is: an entry added while iterating is seen.
    for (let i = 0; i < this.#entries.length; i++) yield [...(this.#entries[i] as Entry)];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string | File> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<Entry> {
    return this.entries();
  }

  forEach(
    callback: (value: string | File, name: string, form: LightFormData) => void,
    thisArg?: unknown,
  ): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  get [Symbol.toStringTag](): string {
    return 'FormData';
  }
}

// "UTF-8 decode without BOM": a leading BOM stays part of the first name.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A body's `formData()`, given its bytes and its Content-Type. */
export async function parseFormBody(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string | null,
): Promise<LightFormData> {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  const form = new LightFormData();
  if (essence === 'application/x-www-form-urlencoded') {
    for (const [name, value] of new URLSearchParams(utf8.decode(bytes))) form.append(name, value);
    return form;
  }
  if (essence === 'multipart/form-data') {
    const parsed = await new globalThis.Response(bytes, {
      headers: { 'content-type': contentType as string },
    }).formData();
    parsed.forEach((value, name) => {
      form.append(name, value);
    });
    return form;
  }
  throw new TypeError(
    'Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".',
  );
}
