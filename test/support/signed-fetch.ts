import { randomUUID } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import { TEST_REGION } from './dynamodb.js';

export interface SignOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  service?: string;
  signingDate?: Date;
  /** Send an Idempotency-Key (signed). `true` makes a fresh one; a string uses it; false sends none. */
  idempotencyKey?: string | boolean;
  headers?: Record<string, string>;
  /** Change the request after signing, to prove the server notices. */
  tamper?: (request: {
    url: string;
    headers: Record<string, string>;
    body: string | undefined;
  }) => void;
}

/** A request signed the way the Apps Script side and the CLI sign: SigV4, service execute-api. */
export async function signedFetch(
  url: string,
  init: { method?: string; body?: unknown } = {},
  options: SignOptions = {},
): Promise<Response> {
  const method = init.method ?? 'GET';
  const target = new URL(url);
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  const headers: Record<string, string> = { host: target.host, ...(options.headers ?? {}) };
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const wantsKey = options.idempotencyKey ?? (method === 'POST' || method === 'PATCH');
  if (wantsKey) headers['idempotency-key'] = typeof wantsKey === 'string' ? wantsKey : randomUUID();
  // A repeated key is signed with all its values, as the Apps Script signer does.
  const query: Record<string, string | string[]> = {};
  for (const k of new Set(target.searchParams.keys())) {
    const values = target.searchParams.getAll(k);
    query[k] = values.length === 1 ? (values[0] as string) : values;
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? DEV_ADMIN_ACCESS_KEY_ID,
      secretAccessKey: options.secretAccessKey ?? DEV_ADMIN_SECRET_ACCESS_KEY,
    },
    region: options.region ?? TEST_REGION,
    service: options.service ?? 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method,
      protocol: target.protocol,
      hostname: target.host,
      path: target.pathname,
      query,
      headers,
      body,
    }),
    { signingDate: options.signingDate ?? new Date() },
  );
  const sent = { url, headers: { ...signed.headers } as Record<string, string>, body };
  options.tamper?.(sent);
  const { host: _host, ...sendHeaders } = sent.headers;
  return fetch(sent.url, { method, headers: sendHeaders, body: sent.body });
}
