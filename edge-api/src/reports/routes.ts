import { Hono } from 'hono';
import * as z from 'zod';
import type { MonthlyReportAnswer } from '../../../shared/api/index.js';
import {
  buildMonthlyReport,
  type MonthlyReportInput,
} from '../../../shared/reports/monthly-report.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { Db } from '../db/client.js';
import {
  type CallPartition,
  getCallPartition,
  listChartersDeparting,
} from '../db/dispatch-table/index.js';
import { listCrew } from '../db/roster-table.js';
import { parseOrThrow } from '../errors/parse-input.js';

const monthQuery = z.strictObject({
  month: z
    .string({ error: 'is required, as YYYY-MM (e.g. 2026-12)' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-12'),
});

/** Call partitions read at once: enough to be quick, few enough not to be throttled. */
const PARALLEL_READS = 8;

/**
 * The UTC window that holds every charter whose local start date is in the
 * month, in any time zone (UTC−12 to UTC+14): the month widened by a day each side.
 */
export function monthWindow(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const day = (d: number) => new Date(Date.UTC(year, mon - 1, d)).toISOString().slice(0, 10);
  // Day 0 is the last day of the month before; lastDay + 1 the first day of the month after.
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${day(0)}T00:00:00Z`, to: `${day(lastDay + 1)}T23:59:59Z` };
}

async function readCalls(db: Db, callIds: string[]): Promise<Map<string, CallPartition>> {
  const calls = new Map<string, CallPartition>();
  for (let i = 0; i < callIds.length; i += PARALLEL_READS) {
    const batch = callIds.slice(i, i + PARALLEL_READS);
    const parts = await Promise.all(batch.map((id) => getCallPartition(db, id)));
    for (const p of parts) if (p) calls.set(p.call.call_id, p);
  }
  return calls;
}

/** Admin routes for reports, mounted under /api. */
export function reportRoutes(deps: { db: Db }) {
  return new Hono<AppEnv>().get('/reports/monthly', async (c) => {
    const { month } = parseOrThrow(monthQuery, signedQuery(c));
    const { from, to } = monthWindow(month);
    // The charters' local date decides the month; the UTC window only narrows the Query.
    const charters = (await listChartersDeparting(deps.db, from, to)).filter((ch) =>
      ch.date.startsWith(`${month}-`),
    );
    const [calls, roster] = await Promise.all([
      readCalls(
        deps.db,
        charters.flatMap((ch) => (ch.call_id ? [ch.call_id] : [])),
      ),
      listCrew(deps.db),
    ]);
    const input: MonthlyReportInput = {
      month,
      charters: charters.map((charter) => {
        const p = charter.call_id ? calls.get(charter.call_id) : undefined;
        return p
          ? { charter, call: { opened: p.call.opened, responses: p.responses } }
          : { charter };
      }),
      roster: roster.map((m) => ({ crew_id: m.crew_id, name: m.name, email: m.email })),
    };
    return c.json(buildMonthlyReport(input) satisfies MonthlyReportAnswer);
  });
}
