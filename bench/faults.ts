import { performance } from 'node:perf_hooks';
import {
  type CallInvariants,
  checkCallInvariants,
  INVARIANT_NAMES,
  type InvariantName,
} from '../test/support/faults/call-invariants.js';
import { call, type DynamoDbRequest } from '../test/support/faults/dynamodb-proxy.js';
import { type FaultStack, type Seen, startFaultStack } from './support/fault-stack.js';

/**
 * `npm run bench -- --only faults`: real faults against the edge API on a DynamoDB
 * Local of its own: kill -9 in the middle of a start, an accept, an escalation, a
 * drop-out and a cancellation; a freeze (SIGSTOP) during an accept; a restart on the
 * same files during an accept. The proxy holds the chosen DynamoDB call so each fault
 * lands at the same step every run. Per fault: what the client saw, what recovery
 * gave (the same request again, a reload, or the timer's next run), and whether the
 * call's invariants held.
 */

interface Outcome {
  fault: string;
  saw: string;
  recovery: string;
  callId: string;
}

const DURABLE_AFTER_MS = 1000;
const bodyHas = (text: string) => (r: DynamoDbRequest) => JSON.stringify(r.body).includes(text);
const describe = (s: Seen) =>
  typeof s.status === 'string'
    ? s.status
    : `${s.status}${s.result ? ` ${s.result}` : s.json?.error ? ` ${s.json.error}` : ''}`;

/** A week from today, so the charter is upcoming whenever the bench runs. */
const charterDate = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

async function startCall(
  stack: FaultStack,
  id: string,
  needs: Record<string, number>,
  availability: Record<string, string>,
) {
  await putCharter(stack, id, needs);
  const res = await stack.admin('POST', `/api/charters/${id}/calls`, { availability });
  if (res.status !== 201) throw new Error(`bench faults: starting ${id} answered ${describe(res)}`);
  const notifications = res.json.notifications as Array<{
    to: string;
    call_id: string;
    link_url: string;
  }>;
  const link = (email: string) => notifications.find((n) => n.to === email)?.link_url as string;
  return { callId: notifications[0]?.call_id as string, link };
}

async function putCharter(stack: FaultStack, id: string, needs: Record<string, number>) {
  const res = await stack.admin('PUT', `/api/charters/${id}`, {
    vessel: 'Sea Lark',
    date: charterDate(),
    start: '09:00',
    end: '13:00',
    time_zone: 'America/Los_Angeles',
    client: 'Harbor View Events',
    guests: 18,
    needs,
    price: { amount_cents: 320000, currency: 'USD' },
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`bench faults: charter ${id} answered ${describe(res)}`);
}

async function callOf(stack: FaultStack, charterId: string) {
  const res = await stack.admin('GET', `/api/charters/${charterId}`);
  return res.json?.call as { call_id: string; status: string; current_level: number } | null;
}

/** Holds the DynamoDB call `match` picks, kills DynamoDB -9 with it in flight, restarts on the same files. */
async function killDuring(
  stack: FaultStack,
  match: (r: DynamoDbRequest) => boolean,
  request: () => Promise<Seen>,
): Promise<Seen> {
  const hold = stack.proxy.hold(match);
  const pending = request();
  const held = await arrivedWithin(hold.arrived, pending);
  // DynamoDB Local acknowledges a write before its files have it: killed within about a
  // second, it loses writes it already answered (real DynamoDB never does). Give the
  // earlier steps that second, so what is lost is only the step in flight.
  await new Promise((r) => setTimeout(r, DURABLE_AFTER_MS));
  await stack.dynamo.kill9();
  held.release();
  const seen = await pending;
  stack.proxy.clear();
  await stack.dynamo.restart();
  return seen;
}

/** The held call, or a clear failure when the request ended without making it. */
async function arrivedWithin<T>(arrived: Promise<T>, request: Promise<Seen>): Promise<T> {
  const ended = request.then((s): never => {
    throw new Error(`bench faults: the request ended (${describe(s)}) before the call to hold`);
  });
  return Promise.race([arrived, ended]);
}

const LEVEL_2 = { 'Liam B': 'am', Marisol: 'am', Kenji: 'yes', Esmi: 'yes' };
const CAPTAIN = { captain: 1 };

const scenarios: Array<(stack: FaultStack) => Promise<Outcome>> = [
  async (stack) => {
    await putCharter(stack, 'F-START', { captain: 1, mate: 1 });
    const body = { availability: LEVEL_2 };
    const saw = await killDuring(
      stack,
      call('TransactWriteItems', undefined, bodyHas('NOTICE#L')),
      () => stack.admin('POST', '/api/charters/F-START/calls', body, 'bench-fault-start'),
    );
    stack.advance(11_000);
    const retry = await stack.admin(
      'POST',
      '/api/charters/F-START/calls',
      body,
      'bench-fault-start',
    );
    return {
      fault: 'kill -9 during start (level half-written)',
      saw: describe(saw),
      recovery: `same request again: ${describe(retry)}, ${retry.json?.notifications?.length ?? 0} emails`,
      callId: (await callOf(stack, 'F-START'))?.call_id as string,
    };
  },
  async (stack) => {
    const { callId, link } = await startCall(stack, 'F-ACCEPT', CAPTAIN, LEVEL_2);
    const liam = link('liam.brennan@example.com');
    const saw = await killDuring(stack, bodyHas('filled < needed'), () =>
      stack.crew(liam, { action: 'accept' }),
    );
    const again = await stack.crew(liam, { action: 'accept' });
    return {
      fault: 'kill -9 during accept',
      saw: describe(saw),
      recovery: `accept again: ${describe(again)}; call ${(await callOf(stack, 'F-ACCEPT'))?.status}`,
      callId,
    };
  },
  async (stack) => {
    const { callId } = await startCall(
      stack,
      'F-ESCALATE',
      { captain: 1, deckhand: 1 },
      { 'Liam B': 'am', Esmi: 'yes' },
    );
    const body = { from_level: 2, force: true };
    const path = `/api/calls/${callId}/escalate`;
    const saw = await killDuring(
      stack,
      call('TransactWriteItems', undefined, bodyHas('NOTICE#L3')),
      () => stack.admin('POST', path, body, 'bench-fault-escalate'),
    );
    stack.advance(11_000);
    const retry = await stack.admin('POST', path, body, 'bench-fault-escalate');
    return {
      fault: 'kill -9 during escalate (level half-written)',
      saw: describe(saw),
      recovery: `same request again: ${describe(retry)}, level ${retry.json?.level ?? '-'}`,
      callId,
    };
  },
  async (stack) => {
    const { callId, link } = await startCall(
      stack,
      'F-DROPOUT',
      { deckhand: 1 },
      {
        Danika: 'yes',
        Owen: 'yes',
      },
    );
    const danika = link('danika.holm@example.com');
    const owen = link('owen.pike@example.com');
    await stack.crew(danika, { action: 'accept' });
    await stack.crew(owen, { action: 'accept' });
    await stack.crew(owen, { action: 'standby' });
    const saw = await killDuring(stack, bodyHas('call_reopened'), () =>
      stack.crew(danika, { action: 'dropout', reason: 'Sick' }),
    );
    const again = await stack.crew(danika, { action: 'dropout', reason: 'Sick' });
    return {
      fault: 'kill -9 during drop-out',
      saw: describe(saw),
      recovery: `drop out again: ${describe(again)}`,
      callId,
    };
  },
  async (stack) => {
    const { callId } = await startCall(stack, 'F-CANCEL', CAPTAIN, LEVEL_2);
    const saw = await killDuring(
      stack,
      call('UpdateItem', undefined, bodyHas('revoked_because')),
      () => stack.admin('POST', '/api/charters/F-CANCEL/cancel', {}),
    );
    stack.advance(11 * 60_000);
    const due = await stack.admin('GET', '/api/calls/due');
    const cancels = (due.json?.pending_notifications ?? []).filter(
      (n: { call_id: string; kind: string }) => n.call_id === callId && n.kind === 'cancellation',
    );
    return {
      fault: 'kill -9 during cancel (emails not yet written)',
      saw: describe(saw),
      recovery: `timer run after the lease: ${describe(due)}, ${cancels.length} CANCEL emails`,
      callId,
    };
  },
  async (stack) => {
    const { callId, link } = await startCall(stack, 'F-FREEZE', CAPTAIN, LEVEL_2);
    const liam = link('liam.brennan@example.com');
    const hold = stack.proxy.hold(bodyHas('filled < needed'));
    const pending = stack.crew(liam, { action: 'accept' }, 5_000);
    const held = await arrivedWithin(hold.arrived, pending);
    stack.dynamo.freeze();
    held.release();
    const saw = await pending;
    stack.dynamo.thaw();
    // Let the request the freeze caught finish against the thawed DynamoDB.
    await new Promise((r) => setTimeout(r, 1_500));
    const again = await stack.crew(liam, { action: 'accept' });
    return {
      fault: 'freeze (SIGSTOP) during accept, then thaw',
      saw: `${describe(saw)} within 5 s`,
      recovery: `accept again: ${describe(again)}; call ${(await callOf(stack, 'F-FREEZE'))?.status}`,
      callId,
    };
  },
  async (stack) => {
    const { callId, link } = await startCall(stack, 'F-RESTART', CAPTAIN, LEVEL_2);
    const liam = link('liam.brennan@example.com');
    const hold = stack.proxy.hold(bodyHas('filled < needed'));
    const pending = stack.crew(liam, { action: 'accept' });
    const held = await arrivedWithin(hold.arrived, pending);
    await stack.dynamo.restart();
    held.release();
    const saw = await pending;
    return {
      fault: 'restart on the same files during accept',
      saw: describe(saw),
      recovery: `call ${(await callOf(stack, 'F-RESTART'))?.status}`,
      callId,
    };
  },
];

const COLUMNS: InvariantName[] = [
  'seats_within_needed',
  'used_link_one_answer',
  'confirmed_has_used_link',
  'seat_counters_match',
  'nobody_asked_twice',
  'everyone_opened_was_asked',
  'status_matches_seats',
];

export async function runFaultSummary(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const began = performance.now();
  console.log('\nFault summary: starting a DynamoDB Local of its own, with the fault proxy ...');
  const stack = await startFaultStack();
  const rows: Array<Outcome & { inv: CallInvariants }> = [];
  // The API logs each 5xx it answers; the table says what the client saw.
  const log = console.error;
  console.error = process.env.BENCH_VERBOSE ? log : () => undefined;
  try {
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = await scenario(stack);
      console.log(`  ${i + 1}/${scenarios.length} ${outcome.fault}`);
      rows.push({
        ...outcome,
        inv: await checkCallInvariants(stack.db, stack.linkKeys, outcome.callId),
      });
    }
  } finally {
    console.error = log;
    await stack.close();
  }
  const lines = [
    `| fault | client saw | after recovery | ${COLUMNS.map((c) => INVARIANT_NAMES[c]).join(' | ')} |`,
    `|---|---|---|${COLUMNS.map(() => ':-:').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.saw} | ${r.recovery} | ${COLUMNS.map((c) => (r.inv[c].length === 0 ? 'held' : 'BROKEN')).join(' | ')} |`,
    ),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const broken = rows.flatMap((r) =>
    COLUMNS.flatMap((c) => r.inv[c].map((p) => `${r.fault}: ${INVARIANT_NAMES[c]}: ${p}`)),
  );
  for (const b of broken) console.log(`  ! ${b}`);
  console.log(
    `Invariants: ${broken.length === 0 ? 'PASS, every one held after every fault' : `FAIL, ${broken.length} broken`} (${((performance.now() - began) / 1000).toFixed(0)} s)`,
  );
  if (broken.length > 0) process.exitCode = 1;
}
