import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { forwardRequest } from '../forward-request.js';

/** One DynamoDB API call as the proxy saw it. */
export interface DynamoDbRequest {
  /** `X-Amz-Target`, e.g. `DynamoDB_20120810.TransactWriteItems`. */
  target: string;
  /** The operation alone: `TransactWriteItems`. */
  operation: string;
  // biome-ignore lint/suspicious/noExplicitAny: the DynamoDB JSON body, read field by field by predicates
  body: any;
  /** Every table the call names (TableName, TransactItems, RequestItems). */
  tables: string[];
}

export type Failure = '500' | 'reset';

/** A request a hold rule caught: it waits until the test decides. */
export interface HeldRequest {
  readonly request: DynamoDbRequest;
  /** Forward it to DynamoDB and deliver the answer. */
  release(): void;
  /** Answer it without forwarding (500 InternalServerError, or a connection reset). */
  fail(how: Failure): void;
}

export interface Hold {
  /** Resolves once the matching request arrives (or, with `afterUpstream`, once DynamoDB answered it). */
  readonly arrived: Promise<HeldRequest>;
}

export interface RuleOptions {
  /** Act on the nth matching request only (1-based, counted from when the rule is added). Default 1. */
  nth?: number;
}

/**
 * An HTTP proxy on loopback in front of DynamoDB Local that reads each call's
 * `X-Amz-Target` and body and lets a test hold, fail or pass chosen calls, so a
 * race or a crash between two steps happens every time, not by luck.
 */
export interface DynamoDbProxy {
  readonly endpoint: string;
  /** Every call seen, in order of arrival. */
  readonly seen: DynamoDbRequest[];
  /** Hold the nth call matching until the test releases or fails it. */
  hold(match: (r: DynamoDbRequest) => boolean, options?: RuleOptions): Hold;
  /**
   * Forward the nth matching call, then hold DynamoDB's answer: the write is
   * done, the client has not heard. `fail()` then loses the answer.
   */
  holdAnswer(match: (r: DynamoDbRequest) => boolean, options?: RuleOptions): Hold;
  /** Fail matching calls (`times` of them, default every one) from the nth on. */
  fail(
    match: (r: DynamoDbRequest) => boolean,
    how: Failure,
    options?: RuleOptions & { times?: number },
  ): void;
  /** Drop every rule; held calls stay held until released. */
  clear(): void;
  close(): Promise<void>;
}

type Rule = {
  match: (r: DynamoDbRequest) => boolean;
  nth: number;
  matched: number;
  remaining: number;
  act: (r: DynamoDbRequest, forward: Forward) => void;
};

type Forward = {
  pass(): void;
  passHoldingAnswer(onAnswer: (deliver: () => void, lose: (how: Failure) => void) => void): void;
  fail(how: Failure): void;
};

export function describeRequest(target: string, raw: string): DynamoDbRequest {
  // biome-ignore lint/suspicious/noExplicitAny: see DynamoDbRequest.body
  let body: any = {};
  try {
    body = raw === '' ? {} : JSON.parse(raw);
  } catch {
    body = {};
  }
  const tables = new Set<string>();
  if (typeof body.TableName === 'string') tables.add(body.TableName);
  for (const item of body.TransactItems ?? []) {
    for (const op of Object.values(item ?? {})) {
      const name = (op as { TableName?: unknown })?.TableName;
      if (typeof name === 'string') tables.add(name);
    }
  }
  for (const name of Object.keys(body.RequestItems ?? {})) tables.add(name);
  return { target, operation: target.split('.').pop() ?? target, body, tables: [...tables] };
}

export async function startDynamoDbProxy(upstream: string): Promise<DynamoDbProxy> {
  const target = new URL(upstream);
  const rules: Rule[] = [];
  const seen: DynamoDbRequest[] = [];
  const sockets = new Set<Socket>();

  const failResponse = (res: ServerResponse, how: Failure) => {
    if (how === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(
      JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'injected by the test proxy',
      }),
    );
  };

  const forwardTo = (
    req: IncomingMessage,
    raw: Buffer,
    res: ServerResponse,
    onAnswer?: (deliver: () => void, lose: (how: Failure) => void) => void,
  ) =>
    forwardRequest(target, req, raw, res, {
      ...(onAnswer
        ? { onAnswer: (deliver) => onAnswer(deliver, (how) => failResponse(res, how)) }
        : {}),
      // DynamoDB gone (killed): the client sees its connection drop, as it would without a proxy.
      onError: () => failResponse(res, 'reset'),
    });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const described = describeRequest(String(req.headers['x-amz-target'] ?? ''), raw.toString());
      seen.push(described);
      const forward: Forward = {
        pass: () => forwardTo(req, raw, res),
        passHoldingAnswer: (onAnswer) => forwardTo(req, raw, res, onAnswer),
        fail: (how) => failResponse(res, how),
      };
      for (const rule of rules) {
        if (rule.remaining <= 0 || !rule.match(described)) continue;
        rule.matched++;
        if (rule.matched < rule.nth) continue;
        rule.remaining--;
        rule.act(described, forward);
        return;
      }
      forward.pass();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  const addHold = (
    match: (r: DynamoDbRequest) => boolean,
    options: RuleOptions,
    afterUpstream: boolean,
  ): Hold => {
    let resolve!: (h: HeldRequest) => void;
    const arrived = new Promise<HeldRequest>((r) => {
      resolve = r;
    });
    rules.push({
      match,
      nth: options.nth ?? 1,
      matched: 0,
      remaining: 1,
      act: (request, forward) => {
        if (!afterUpstream) {
          resolve({ request, release: forward.pass, fail: forward.fail });
          return;
        }
        forward.passHoldingAnswer((deliver, lose) =>
          resolve({ request, release: deliver, fail: lose }),
        );
      },
    });
    return { arrived };
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    hold: (match, options = {}) => addHold(match, options, false),
    holdAnswer: (match, options = {}) => addHold(match, options, true),
    fail(match, how, options = {}) {
      rules.push({
        match,
        nth: options.nth ?? 1,
        matched: 0,
        remaining: options.times ?? Number.POSITIVE_INFINITY,
        act: (_request, forward) => forward.fail(how),
      });
    },
    clear() {
      rules.length = 0;
    },
    async close() {
      rules.length = 0;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A predicate for the common case: this operation, optionally touching this table. */
export const call =
  (operation: string, table?: string, where: (r: DynamoDbRequest) => boolean = () => true) =>
  (r: DynamoDbRequest) =>
    r.operation === operation && (table === undefined || r.tables.includes(table)) && where(r);
