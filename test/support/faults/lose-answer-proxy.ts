import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A pass-through HTTP proxy in front of DynamoDB Local that can lose one answer:
 * armed with an operation (`TransactWriteItems`) and a fault, it forwards the next
 * such request, lets DynamoDB answer it, then runs the fault (freeze or kill -9
 * the database) and drops the answer. The write happened; the app never hears so.
 */
export interface LoseAnswerProxy {
  readonly endpoint: string;
  /** The next request for `operation` is carried out but its answer is lost, after `fault()` ran. */
  loseNextAnswer(operation: string, fault: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startLoseAnswerProxy(target: string): Promise<LoseAnswerProxy> {
  const upstream = new URL(target);
  let armed: { operation: string; fault: () => void | Promise<void>; done: () => void } | null =
    null;
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const trap = armed && armed.operation === operation ? armed : null;
    if (trap) armed = null;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (!trap) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        answer.resume();
        answer.on('end', async () => {
          await trap.fault();
          req.socket.destroy();
          trap.done();
        });
      },
    );
    // The database went away: so does the app's connection, as it would to the real one.
    forward.on('error', () => req.socket.destroy());
    // The app gave up waiting (its request timeout): stop waiting for the database too.
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    loseNextAnswer(operation, fault) {
      return new Promise<void>((done) => {
        armed = { operation, fault, done };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
