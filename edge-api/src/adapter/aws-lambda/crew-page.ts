import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { callSettings } from '../../config/call-settings.js';
import type { Config } from '../../config/index.js';
import { answerCrewLinkPage } from '../../crew-pages/crew-link-answer.js';
import { createDb } from '../../db/client.js';

/**
 * A crew page answered without Hono's Request/Response (on Node the first one loads undici)
 * or its router: the crew page answer module renders plain data, turned into the v2 result
 * here with the same fields, headers and body the Hono adapter would give.
 *
 * The Lambda build makes this module a bundle of its own (dist/edge-api/crew-page/), apart
 * from the full app's, so that a crew page loads only its own files. Like the full app it
 * gets only plain data (the configuration and settings) and makes its own DynamoDB client
 * (see full-app.ts).
 */
export function crewPageHandler(config: Config, settings: ReturnType<typeof callSettings>) {
  const db = createDb(config);
  return async (
    event: APIGatewayProxyEventV2,
    token: string,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const query = new URLSearchParams(event.rawQueryString ?? '');
    const answer = await answerCrewLinkPage(
      { db, ...settings, now: () => new Date() },
      {
        method,
        token,
        ownPage: event.rawPath,
        query: (name) => query.get(name) ?? undefined,
      },
    );
    const headers: Record<string, string> = {};
    for (const name of Object.keys(answer.headers).sort()) {
      headers[name] = answer.headers[name] as string;
    }
    return {
      body: method === 'HEAD' ? '' : answer.body,
      statusCode: answer.status,
      isBase64Encoded: false,
      headers,
    };
  };
}
