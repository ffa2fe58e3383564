import type { JSX } from 'hono/jsx/jsx-runtime';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTML_CONTENT_TYPE } from './page-headers.js';

/** A crew page's answer as plain data: the Hono routes and the Lambda fast path both send it. */
export interface PageAnswer {
  status: ContentfulStatusCode;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** JSX to its HTML text, the way Hono's `c.html()` renders it. */
export const renderHtml = (page: JSX.Element): Promise<string> =>
  resolveCallback(page, HtmlEscapedCallbackPhase.Stringify, false, {});

/** An HTML page as an answer; `headers` adds to the content type. */
export const htmlAnswer = async (
  status: ContentfulStatusCode,
  page: JSX.Element,
  headers: Record<string, string> = {},
): Promise<PageAnswer> => ({
  status,
  headers: { 'content-type': HTML_CONTENT_TYPE, ...headers },
  body: await renderHtml(page),
});
