import { Hono } from 'hono';
import type { MarksAnswer, MarksAppliedAnswer } from '../../../shared/api/index.js';
import { marksAppliedBodySchema, marksQuerySchema } from '../../../shared/api/input.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { MarkOutcome } from '../db/dispatch-table/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import type { CallDeps } from './call-deps.js';
import { applyMarks, marksForDates } from './crew-marks.js';

/** The office side's routes for crew availability marks, mounted under /api. */
export function availabilityRoutes(deps: CallDeps) {
  return new Hono<AppEnv>()
    .get('/availability/marks', async (c) => {
      const q = parseOrThrow(marksQuerySchema, signedQuery(c));
      const from = (q.date ?? q.from) as string;
      const to = (q.date ?? q.to) as string;
      return c.json({ marks: await marksForDates(deps, from, to) } satisfies MarksAnswer);
    })
    .post('/availability/applied', async (c) => {
      const body = parseOrThrow(marksAppliedBodySchema, readJson(await c.req.text()));
      // The schema has checked that no_cell comes with a problem and the others with a cell.
      const results = body.results.map((r): MarkOutcome => {
        const mark = { crew_id: r.crew_id, date: r.date, set_at: r.set_at };
        if (r.outcome === 'no_cell')
          return { ...mark, outcome: 'no_cell', problem: r.problem as string };
        return {
          ...mark,
          outcome: r.outcome,
          cell: r.cell as string,
          ...(r.office_value !== undefined ? { office_value: r.office_value } : {}),
        };
      });
      return c.json((await applyMarks(deps, results)) satisfies MarksAppliedAnswer);
    });
}
