import { describe, expect, it } from 'vitest';
import * as light from '../../../../edge-api/src/adapter/aws-lambda/light-fetch/index.js';

/**
 * The light Headers, Request and Response the Lambda's full app uses in place of Node's own
 * (undici's): each case runs once with each set and must give the same result, or the same
 * kind of error.
 */
type Classes = {
  Headers: typeof Headers;
  Request: typeof Request;
  Response: typeof Response;
  FormData: typeof FormData;
};
const native: Classes = { Headers, Request, Response, FormData };
const lightClasses = light as unknown as Classes;

/** The classes a case runs with: Node's own, then the light ones. */
let currentSet: Classes = native;

async function outcome(run: (c: Classes) => unknown): Promise<unknown> {
  try {
    const value = await run(currentSet);
    return { value: plain(await value) };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

/** A Headers' or FormData's entries (the project's DOM lib has no iterable types). */
const entriesOf = (value: unknown) => [...(value as Iterable<[string, unknown]>)];

/** What a test can compare: headers as their entries, bytes as arrays. */
function plain(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (value && typeof value === 'object' && 'entries' in value && 'getSetCookie' in value)
    return { headers: entriesOf(value) };
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

async function both(run: (c: Classes) => unknown) {
  currentSet = native;
  const expected = await outcome(run);
  currentSet = lightClasses;
  const actual = await outcome(run);
  return { expected, actual };
}

const cases: Record<string, (c: Classes) => unknown> = {
  'header names are lower-cased and listed in byte order': ({ Headers }) => {
    const h = new Headers({ 'X-B': '1', 'x-a': '2', Accept: 'text/html' });
    h.append('X-b', '3');
    return entriesOf(h);
  },
  'values lose edge whitespace': ({ Headers }) => new Headers([['a', ' \t v \r\n']]).get('a'),
  'a name that is not a token is a TypeError': ({ Headers }) => new Headers({ 'bad name': 'x' }),
  'a value with a line break is a TypeError': ({ Headers }) => new Headers({ a: 'x\ny' }),
  'a value with NUL is a TypeError': ({ Headers }) => new Headers({ a: 'x\0y' }),
  'a value beyond U+00FF is a TypeError': ({ Headers }) => new Headers({ a: 'café ✓' }),
  'a Latin-1 value passes': ({ Headers }) => new Headers({ a: 'caf\u00e9' }).get('a'),
  'set-cookie stays apart, get joins': ({ Headers }) => {
    const h = new Headers();
    h.append('Set-Cookie', 'a=1');
    h.append('set-cookie', 'b=2');
    h.append('x', '1');
    return [h.get('set-cookie'), h.getSetCookie(), entriesOf(h), h.has('SET-COOKIE')];
  },
  'set replaces, delete removes, forEach sees entries': ({ Headers }) => {
    const h = new Headers([
      ['a', '1'],
      ['a', '2'],
      ['set-cookie', 'c=1'],
      ['b', 'x'],
    ]);
    h.set('A', '3');
    h.delete('b');
    const seen: string[] = [];
    h.forEach((v, k) => {
      seen.push(`${k}=${v}`);
    });
    return [
      seen,
      entriesOf(h).map(([name]) => name),
      entriesOf(h).map(([, v]) => v),
      h.get('missing'),
      h.has('b'),
    ];
  },
  'headers copied from headers': ({ Headers }) => {
    const h = new Headers({ a: '1' });
    const copy = new Headers(h);
    copy.set('a', '2');
    return [h.get('a'), copy.get('a')];
  },
  'a pair that is not a pair is a TypeError': ({ Headers }) =>
    new Headers([['a', '1', 'x']] as unknown as [string, string][]),
  'a Response from a string: status, type, text': async ({ Response }) => {
    const r = new Response('héllo');
    return [
      r.status,
      r.ok,
      r.statusText,
      r.headers.get('content-type'),
      r.bodyUsed,
      await r.text(),
      r.bodyUsed,
    ];
  },
  'a Response is read once': async ({ Response }) => {
    const r = new Response('x');
    await r.text();
    return r.text();
  },
  'a Response with its own content type and status': async ({ Response }) => {
    const r = new Response('{"a":1}', {
      status: 201,
      statusText: 'Created',
      headers: { 'Content-Type': 'application/json' },
    });
    return [r.status, r.statusText, r.headers.get('content-type'), await r.json()];
  },
  'status below 200 is a RangeError': ({ Response }) => new Response('x', { status: 199 }),
  'status above 599 is a RangeError': ({ Response }) => new Response('x', { status: 600 }),
  'a fractional status is cut to a whole one': ({ Response }) => [
    new Response('x', { status: 200.5 }).status,
    new Response('x', { status: 65736 }).status,
  ],
  'a status that is not a number is a RangeError': ({ Response }) =>
    new Response('x', { status: Number.NaN }),
  'a body with 204 is a TypeError': ({ Response }) => new Response('x', { status: 204 }),
  'an empty string body with 304 is a TypeError': ({ Response }) =>
    new Response('', { status: 304 }),
  'a null body with 204 is fine': async ({ Response }) => {
    const r = new Response(null, { status: 204 });
    return [r.status, r.body, await r.text(), r.headers.get('content-type')];
  },
  'no body reads as empty': async ({ Response }) => {
    const r = new Response();
    return [r.status, r.body, await r.arrayBuffer()];
  },
  'bytes and ArrayBuffer bodies have no content type and are copied': async ({ Response }) => {
    const bytes = new TextEncoder().encode('abc');
    const a = new Response(bytes);
    bytes[0] = 0x7a;
    const b = new Response(bytes.buffer);
    return [a.headers.get('content-type'), await a.text(), await b.text()];
  },
  'URLSearchParams body': async ({ Response }) => {
    const r = new Response(new URLSearchParams({ a: '1 2', b: 'é' }));
    return [r.headers.get('content-type'), await r.text()];
  },
  'clone reads apart': async ({ Response }) => {
    const r = new Response('abc', { headers: { x: '1' } });
    const c = r.clone();
    c.headers.set('x', '2');
    return [await r.text(), await c.text(), r.headers.get('x'), c.headers.get('x')];
  },
  'clone after reading is a TypeError': async ({ Response }) => {
    const r = new Response('abc');
    await r.text();
    return r.clone();
  },
  'a Response around another one (Hono: new Response(res.body, res))': async ({ Response }) => {
    const r = new Response('<p>hi</p>', { status: 404, headers: { 'content-type': 'text/html' } });
    const again = new Response(r.body, r);
    return [again.status, entriesOf(again.headers), await again.text()];
  },
  'the body stream is one stream': ({ Response }) => {
    const r = new Response('abc');
    const first = r.body;
    return first === r.body;
  },
  'the first owner of a handed-on body cannot read it': async ({ Response }) => {
    const r = new Response('abc');
    const again = new Response(r.body);
    await again.text();
    return r.text();
  },
  'a locked stream cannot be handed on': ({ Response }) => {
    const r = new Response('abc');
    r.body?.getReader();
    return new Response(r.body);
  },
  'the body stream reads the bytes': async ({ Response }) => {
    const r = new Response('abc');
    const reader = (r.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    return [first.value, r.bodyUsed];
  },
  'a foreign stream body': async ({ Response }) => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('strea'));
        controller.enqueue(new TextEncoder().encode('m'));
        controller.close();
      },
    });
    return new Response(stream).text();
  },
  'a Blob body and blob()': async ({ Response }) => {
    const r = new Response(new Blob(['ab'], { type: 'text/x-a' }));
    const blob = await new Response('xy', { headers: { 'content-type': 'text/x-b' } }).blob();
    return [await r.text(), blob.type, await blob.text()];
  },
  'Response.json and Response.redirect': async ({ Response }) => {
    const j = Response.json({ a: 1 }, { status: 202 });
    const r = Response.redirect('https://crew.example.com/x?y=1', 303);
    return [
      j.status,
      j.headers.get('content-type'),
      await j.text(),
      r.status,
      r.headers.get('location'),
    ];
  },
  'a redirect status outside the list is a RangeError': ({ Response }) =>
    Response.redirect('https://crew.example.com/', 200),
  'a Request: URL, method, headers, body': async ({ Request }) => {
    const body = new TextEncoder().encode('{"a":1}');
    const r = new Request('https://api.example.com/api/crew?x=1#f', {
      method: 'post',
      headers: { 'Content-Length': String(body.length) },
      body,
    });
    return [r.url, r.method, entriesOf(r.headers), r.bodyUsed, await r.json(), r.bodyUsed];
  },
  'methods: lower case upper-cased for the six, others kept': ({ Request }) =>
    ['get', 'Patch', 'delete', 'options', 'purge'].map(
      (method) => new Request('https://api.example.com/', { method }).method,
    ),
  'a method that is not a token is a TypeError': ({ Request }) =>
    new Request('https://api.example.com/', { method: 'GE T' }),
  'CONNECT is a TypeError': ({ Request }) =>
    new Request('https://api.example.com/', { method: 'connect' }),
  'a relative URL is a TypeError': ({ Request }) => new Request('/api/crew'),
  'a URL with credentials is a TypeError': ({ Request }) =>
    new Request('https://a:b@api.example.com/'),
  'GET with a body is a TypeError': ({ Request }) =>
    new Request('https://api.example.com/', { body: 'x' }),
  'HEAD with a body is a TypeError': ({ Request }) =>
    new Request('https://api.example.com/', { method: 'HEAD', body: 'x' }),
  'a string body gets text/plain': async ({ Request }) => {
    const r = new Request('https://api.example.com/', { method: 'PUT', body: 'x' });
    return [r.headers.get('content-type'), await r.text()];
  },
  'a Request from a Request with a new body (lazy routes)': async ({ Request }) => {
    const first = new Request('https://api.example.com/api/x', {
      method: 'PATCH',
      headers: { 'x-a': '1' },
      body: 'old',
    });
    const body = await first.arrayBuffer();
    const second = new Request(first, { body });
    return [
      second.url,
      second.method,
      entriesOf(second.headers),
      await second.text(),
      first.bodyUsed,
    ];
  },
  'a Request from a used Request without a body is a TypeError': async ({ Request }) => {
    const first = new Request('https://api.example.com/', { method: 'POST', body: 'x' });
    await first.text();
    return new Request(first);
  },
  'a Request from a Request keeps its body': async ({ Request }) => {
    const first = new Request('https://api.example.com/', { method: 'POST', body: 'x' });
    const second = new Request(first, { headers: { 'x-b': '2' } });
    return [entriesOf(second.headers), await second.text()];
  },
  'a GET request has no body and reads as empty': async ({ Request }) => {
    const r = new Request('https://api.example.com/');
    return [r.body, await r.text(), r.signal.aborted];
  },
  'a Request clone reads apart': async ({ Request }) => {
    const r = new Request('https://api.example.com/', { method: 'POST', body: 'abc' });
    const c = r.clone();
    return [await r.text(), await c.text()];
  },
  'a Request is read once': async ({ Request }) => {
    const r = new Request('https://api.example.com/', { method: 'POST', body: 'abc' });
    await r.arrayBuffer();
    return r.json();
  },
  'a form body is parsed as a form': async ({ Request }) => {
    const r = new Request('https://crew.example.com/m/x', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode('action=accept&note=h%C3%A9'),
    });
    return entriesOf(await r.formData());
  },
  'URL-encoded forms: repeats, plus, percent, empty parts, a BOM': async ({ Response }) => {
    const type = { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8' };
    const forms = await Promise.all(
      [
        'a=1&a=2&b=%C3%A9+x&&c',
        '',
        '\ufeffa=1',
        'x=%zz&y=%41',
        'note=caf%C3%A9%20%F0%9F%90%9F',
      ].map((body) => new Response(body, { headers: type }).formData()),
    );
    return forms.map(entriesOf);
  },
  'a form whose type is not a form is a TypeError': ({ Response }) =>
    new Response('a=1', { headers: { 'content-type': 'text/plain' } }).formData(),
  'a form without a type is a TypeError': ({ Response }) => new Response('a=1').formData(),
  'a multipart form': async ({ Request }) => {
    const body =
      '--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\n' +
      '--b1\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nfile\r\n--b1--\r\n';
    const form = await new Request('https://api.example.com/', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b1' },
      body,
    }).formData();
    const file = form.get('f') as File;
    return [form.get('a'), file.name, file.type, await file.text(), form.has('zz')];
  },
  'FormData: append, set, delete, get, getAll, has, forEach': ({ FormData }) => {
    const form = new FormData();
    form.append('a', '1');
    form.append('b', '2');
    form.append('a', '3');
    form.append('c', new Blob(['x'], { type: 'text/x' }), 'c.txt');
    form.set('a', '4');
    form.set('d', '5');
    form.delete('b');
    const seen: string[] = [];
    form.forEach((value, name) => {
      seen.push(`${name}=${typeof value === 'string' ? value : `${value.name}:${value.type}`}`);
    });
    return [seen, form.get('a'), form.getAll('a'), form.get('b'), form.has('d'), String(form)];
  },
  'FormData: a lone surrogate becomes U+FFFD': ({ FormData }) => {
    const form = new FormData();
    form.append('n\ud800', 'v\udc00');
    return entriesOf(form);
  },
  'FormData: a Blob without a name is called blob': ({ FormData }) => {
    const form = new FormData();
    form.append('f', new Blob(['x']));
    return (form.get('f') as File).name;
  },
  'bad JSON is a SyntaxError': ({ Request }) =>
    new Request('https://api.example.com/', { method: 'POST', body: '{' }).json(),
};

describe('light Headers, Request and Response behave as Node’s own', () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, async () => {
      const { expected, actual } = await both(run);
      expect(actual).toEqual(expected);
    });
  }

  it('the cases see a difference when there is one (a control)', async () => {
    currentSet = native;
    const nativeOrder = await outcome(({ Headers }) => entriesOf(new Headers({ b: '1', a: '2' })));
    expect(nativeOrder).toEqual({
      value: [
        ['a', '2'],
        ['b', '1'],
      ],
    });
    expect(nativeOrder).not.toEqual({
      value: [
        ['b', '1'],
        ['a', '2'],
      ],
    });
  });
});
