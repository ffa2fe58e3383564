import { randomUUID } from 'node:crypto';
import { nodeSigV4Crypto } from '../../edge-api/src/auth/sigv4-node-crypto.js';
import type { ErrorBody } from '../../shared/api/index.js';
import { signRequest } from '../../shared/sigv4/sign-request.js';
import type { ApiConfig } from './config.js';
import { CliError, EXIT } from './errors.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** Attempts for a network error or a 5xx (writes reuse their Idempotency-Key). Default 3. */
  attempts?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * The edge API's admin routes, signed with the project's one SigV4 signer
 * (shared/sigv4, the same code the Apps Script side runs). Writes carry a
 * signed Idempotency-Key, the same on every retry of one command.
 */
export class ApiClient {
  private readonly attempts: number;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(
    private readonly config: ApiConfig,
    options: ApiClientOptions = {},
  ) {
    this.attempts = options.attempts ?? 3;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const url = `${this.config.apiUrl}${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = randomUUID();
    let problem = '';
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
      // Sign each attempt anew: the signature carries the time.
      const signed = signRequest(
        { method, url, headers, ...(payload !== undefined ? { body: payload } : {}) },
        this.config.credentials,
        {
          region: this.config.region,
          service: 'execute-api',
          now: this.now(),
          crypto: nodeSigV4Crypto,
        },
      );
      // fetch sets Host itself (the same value the signature covers).
      const { host: _host, ...send } = signed.headers;
      let res: Response;
      let text: string;
      try {
        res = await this.fetch(url, {
          method,
          headers: send,
          ...(payload !== undefined ? { body: payload } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await res.text();
      } catch (error) {
        problem = `could not reach the edge API at ${this.config.apiUrl} (${describeFetchError(error)})`;
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          return (text ? JSON.parse(text) : {}) as T;
        } catch {
          throw new CliError(
            EXIT.UNAVAILABLE,
            `the edge API at ${this.config.apiUrl} answered ${res.status} with something that is not JSON: is --api-url / CREWCALL_API_URL the API's base URL?`,
          );
        }
      }
      if (res.status >= 500) {
        problem = `the edge API failed: ${res.status}${errorSuffix(text)}`;
        continue;
      }
      throw refused(res.status, text, method, path);
    }
    throw new CliError(EXIT.UNAVAILABLE, `${problem}; tried ${this.attempts} times`);
  }
}

function describeFetchError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

/** An error body (shared/api/errors.ts), or undefined when the answer is not JSON. */
function parseErrorBody(text: string): Partial<ErrorBody> | undefined {
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object' ? body : undefined;
  } catch {
    return undefined;
  }
}

function errorSuffix(text: string): string {
  const body = parseErrorBody(text);
  return body?.message ? ` (${body.message})` : '';
}

/** A 4xx in the API's own words: its code, message and each field's problem. */
function refused(status: number, text: string, method: string, path: string): CliError {
  const body = parseErrorBody(text);
  const message = body?.message ?? (text.trim().slice(0, 200) || 'no explanation given');
  return new CliError(
    EXIT.REFUSED,
    `the API refused ${method} ${path}: ${status}${body?.error ? ` ${body.error}` : ''}: ${message}`,
    {
      status,
      ...(body?.error ? { error: body.error } : {}),
      ...(Array.isArray(body?.fields) ? { fields: body.fields } : {}),
    },
  );
}
