import type { ErrorBody, SimilarNameAnswer } from '../../../shared/api/index.js';
import { signRequest } from '../../../shared/sigv4/sign-request.js';
import { OfficeError } from '../office-error.js';
import { type EdgeApiSettings, requireSettings } from '../settings/index.js';
import { utilitiesCrypto } from './utilities-crypto.js';

// shared/api stays types only in the office bundles; the contract still checks the word.
const SIMILAR_NAME_ERROR: SimilarNameAnswer['error'] = 'similar_name';

const RETRIES = 3;

export interface EdgeApiClient {
  get<T>(path: string): T;
  put<T>(path: string, body: unknown): T;
  delete<T>(path: string): T;
  /** POSTs and PATCHes carry an Idempotency-Key, the same on every retry of this call. */
  post<T>(path: string, body: unknown): T;
  patch<T>(path: string, body: unknown): T;
}

/**
 * A small client over UrlFetchApp: every request signed with SigV4
 * (service execute-api) using Apps Script's own Utilities; a 5xx or a network
 * error is retried with backoff; a 4xx is explained in the API's own words.
 */
export function edgeApiClient(settings: EdgeApiSettings = requireSettings()): EdgeApiClient {
  const crypto = utilitiesCrypto(Utilities);
  const send = <T>(
    method: 'get' | 'put' | 'post' | 'patch' | 'delete',
    path: string,
    body?: unknown,
  ): T => {
    const url = `${settings.apiUrl}${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const baseHeaders: Record<string, string> = {};
    if (payload !== undefined) baseHeaders['content-type'] = 'application/json';
    if (method === 'post' || method === 'patch')
      baseHeaders['idempotency-key'] = Utilities.getUuid();
    let lastProblem = '';
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      if (attempt > 0) Utilities.sleep(500 * 2 ** (attempt - 1));
      // Sign each attempt anew: the signature carries the time.
      const signed = signRequest(
        {
          method: method.toUpperCase(),
          url,
          headers: baseHeaders,
          ...(payload !== undefined ? { body: payload } : {}),
        },
        { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
        { region: settings.region, service: 'execute-api', now: new Date(), crypto },
      );
      const { host: _host, ...headers } = signed.headers;
      let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
      try {
        response = UrlFetchApp.fetch(url, {
          method,
          headers,
          muteHttpExceptions: true,
          followRedirects: false,
          ...(payload !== undefined ? { payload, contentType: 'application/json' } : {}),
        });
      } catch (error) {
        lastProblem = `could not reach the edge API at ${settings.apiUrl} (${(error as Error).message})`;
        continue;
      }
      const code = response.getResponseCode();
      const text = response.getContentText();
      if (code >= 200 && code < 300) return (text ? JSON.parse(text) : {}) as T;
      if (code >= 500) {
        lastProblem = `the edge API failed (${code})`;
        continue;
      }
      throw explain4xx(code, text, method, path);
    }
    throw new OfficeError(`${lastProblem}; tried ${RETRIES} times. Try again in a few minutes.`);
  };
  return {
    get: (path) => send('get', path),
    put: (path, body) => send('put', path, body),
    post: (path, body) => send('post', path, body),
    patch: (path, body) => send('patch', path, body),
    delete: (path) => send('delete', path),
  };
}

function explain4xx(code: number, text: string, method: string, path: string): OfficeError {
  // An error body (shared/api/errors.ts), or not JSON at all (a proxy's page).
  let body: Partial<ErrorBody> & { similar?: SimilarNameAnswer['similar'] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: fall through to the status line
  }
  if (code === 401 || code === 403) {
    return new OfficeError(
      `The edge API refused the credentials (${code}): ${body.message ?? 'check the access key in Crew › Settings'}.`,
    );
  }
  const fields = body.fields?.map((f) => `${f.field} ${f.message}`).join('; ');
  return new OfficeError(
    `The edge API said no to ${method.toUpperCase()} ${path} (${code}): ${fields || body.message || text.slice(0, 200)}`,
    body.fields ?? [],
    {
      ...(body.error ? { code: body.error } : {}),
      ...(body.message ? { apiMessage: body.message } : {}),
      ...(body.error === SIMILAR_NAME_ERROR && Array.isArray(body.similar)
        ? { similar: body.similar }
        : {}),
    },
  );
}
