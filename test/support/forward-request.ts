import { type IncomingMessage, request, type ServerResponse } from 'node:http';

/**
 * Sends a request a test proxy received (its body already read) on to `target`, as it came,
 * and hands the whole answer back: at once, or when `onAnswer` calls `deliver` (a proxy that
 * holds or drops answers). `onError` is what the client sees when the target is gone.
 */
export function forwardRequest(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  options: { onAnswer?: (deliver: () => void) => void; onError: () => void },
): void {
  const out = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const deliver = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        };
        if (options.onAnswer) options.onAnswer(deliver);
        else deliver();
      });
    },
  );
  out.on('error', options.onError);
  out.end(body);
}
