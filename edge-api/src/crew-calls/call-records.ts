import { type CallPartition, getCallPartition } from '../db/dispatch-table/calls.js';
import { getCharter, type StoredCharter } from '../db/dispatch-table/charters.js';
import { notFound } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import type { CrewCallPlan } from './plan-crew-call.js';

/** A call as the cascade reads it: the whole partition, its frozen plan typed as the planner made it. */
export type Call = CallPartition<CrewCallPlan>;

/** The charter a service acts on, or a 404 naming it. */
export async function loadCharter(
  deps: Pick<CallDeps, 'db'>,
  charterId: string,
): Promise<StoredCharter> {
  const charter = await getCharter(deps.db, charterId);
  if (!charter) throw notFound(`charter ${charterId}`);
  return charter;
}

/** The whole call, when there is one. */
export const readCall = (deps: Pick<CallDeps, 'db'>, callId: string) =>
  getCallPartition<CrewCallPlan>(deps.db, callId);

/** The whole call, or a 404 naming it. */
export async function loadCall(deps: Pick<CallDeps, 'db'>, callId: string): Promise<Call> {
  const p = await readCall(deps, callId);
  if (!p) throw notFound(`crew call ${callId}`);
  return p;
}
