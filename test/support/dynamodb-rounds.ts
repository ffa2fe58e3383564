import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { forwardRequest } from './forward-request.js';

/**
 * An HTTP proxy on loopback in front of DynamoDB Local that counts a client's sequential
 * rounds: it holds every call until none has arrived for `quietMs`, then forwards those
 * held together as one round. A call sent only after an earlier answer (it needed it) is
 * therefore always in a later round; calls sent side by side share one.
 */
export interface DynamoDbRounds {
  readonly endpoint: string;
  /** The operations (`Query`, `GetItem`, …) of each round, in order of arrival. */
  readonly rounds: string[][];
  close(): Promise<void>;
}

export async function startDynamoDbRounds(upstream: string, quietMs = 80): Promise<DynamoDbRounds> {
  const target = new URL(upstream);
  const rounds: string[][] = [];
  const sockets = new Set<Socket>();
  let held: Array<() => void> = [];
  let batch: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  const forward = (req: IncomingMessage, raw: Buffer, res: ServerResponse) =>
    forwardRequest(target, req, raw, res, { onError: () => res.socket?.resetAndDestroy() });

  const releaseRound = () => {
    rounds.push(batch);
    const go = held;
    batch = [];
    held = [];
    for (const send of go) send();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      batch.push(target.split('.').pop() ?? target);
      held.push(() => forward(req, Buffer.concat(chunks), res));
      clearTimeout(timer);
      timer = setTimeout(releaseRound, quietMs);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    rounds,
    async close() {
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
