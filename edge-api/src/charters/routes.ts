import { Hono } from 'hono';
import * as z from 'zod';
import type {
  ApiCharter,
  BoardAnswer,
  CancelAnswer,
  CharterPutAnswer,
  CharterWithCall,
  ChatAnswer,
  ChatPost,
  PreviewAnswer,
  RecallAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { chatPostBodySchema } from '../../../shared/api/input.js';
import type { AppEnv } from '../app-env.js';
import { signedQuery } from '../auth/signed-query.js';
import type { CallDeps } from '../crew-calls/call-deps.js';
import { summariseCall } from '../crew-calls/call-summary.js';
import { cancelCharter } from '../crew-calls/cancel-charter.js';
import { checkText } from '../crew-calls/crew-responses.js';
import { recallForNewDate } from '../crew-calls/recall-call.js';
import { loadCharter, previewCrewCall, startCrewCall } from '../crew-calls/start-call.js';
import { updateRunningCall } from '../crew-calls/update-running-call.js';
import { CHAT_MAX_LENGTH, postToChat, readChat } from '../db/chats-table.js';
import {
  getCallPartition,
  getCharter,
  listChartersDeparting,
  putCharter,
  type StoredCharter,
} from '../db/dispatch-table/index.js';
import { checkId } from '../errors/ids.js';
import { invalidInput, UserError } from '../errors/index.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import { apiCharter } from './api-charter.js';
import { parseCallRequest, parseCharterInput } from './charter-input.js';
import { refuseNeedsOffTheList } from './needs-roles.js';

/** Admin routes for charters and starting their crew calls, mounted under /api. */
export function charterRoutes(deps: CallDeps) {
  const charterId = (raw: string) => checkId('charter', 'charterId', raw);
  const listQuery = z.strictObject({
    from: z.iso.datetime({ error: 'must be an ISO time such as 2026-12-01T00:00:00Z' }).optional(),
    to: z.iso.datetime({ error: 'must be an ISO time such as 2027-01-31T00:00:00Z' }).optional(),
  });
  // check=true (Preview): a running call's charter is checked and its changes listed, nothing written.
  const putQuery = z.strictObject({
    check: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  });
  return new Hono<AppEnv>()
    .get('/charters', async (c) => {
      // The dispatch board: charters departing in a window (default: the next 60 days), with their calls.
      const q = parseOrThrow(listQuery, signedQuery(c));
      const from = q.from ?? deps.now().toISOString();
      const to = q.to ?? new Date(Date.parse(from) + 60 * 86_400_000).toISOString();
      if (Date.parse(to) < Date.parse(from)) {
        throw invalidInput([
          { field: 'to', message: `must not be before from (${q.from ? from : `now, ${from}`})` },
        ]);
      }
      const charters = await listChartersDeparting(deps.db, from, to);
      const rows: CharterWithCall[] = [];
      for (const charter of charters) {
        const partition = charter.call_id
          ? await getCallPartition(deps.db, charter.call_id)
          : undefined;
        rows.push({
          charter: apiCharter(charter),
          call: partition ? summariseCall(partition, deps.now()) : null,
        });
      }
      return c.json({ from, to, charters: rows } satisfies BoardAnswer);
    })
    .put('/charters/:charterId', async (c) => {
      const id = charterId(c.req.param('charterId'));
      const { check } = parseOrThrow(putQuery, signedQuery(c));
      const input = parseCharterInput(readJson(await c.req.text()));
      await refuseNeedsOffTheList(deps.db, input.needs);
      const existing = await getCharter(deps.db, id);
      if (existing?.status === 'cancelled') {
        throw new UserError(
          409,
          'charter_cancelled',
          `charter ${id} is cancelled and cannot be changed`,
        );
      }
      if (existing?.call_id) {
        const { charter, update } = await updateRunningCall(
          deps,
          { ...existing, call_id: existing.call_id },
          input,
          { write: check !== 'true' },
        );
        return c.json({ ...apiCharter(charter), update } satisfies CharterPutAnswer, 200);
      }
      const at = deps.now().toISOString();
      const charter: StoredCharter = {
        ...existing,
        charter_id: id,
        ...input,
        status: 'scheduled',
        created_at: existing?.created_at ?? at,
        updated_at: at,
        version: (existing?.version ?? 0) + 1,
      };
      if (!(await putCharter(deps.db, charter, existing?.version ?? 0))) {
        throw new UserError(
          409,
          'charter_changed',
          `charter ${id} was changed by someone else at the same time; try again`,
        );
      }
      return c.json(apiCharter(charter) satisfies ApiCharter, existing ? 200 : 201);
    })
    .post('/charters/:charterId/recall', async (c) => {
      const id = charterId(c.req.param('charterId'));
      const input = parseCharterInput(readJson(await c.req.text()));
      await refuseNeedsOffTheList(deps.db, input.needs);
      const recalled = await recallForNewDate(deps, id, input);
      return c.json({
        charter: apiCharter(recalled.charter),
        notifications: recalled.notifications,
      } satisfies RecallAnswer);
    })
    .get('/charters/:charterId', async (c) => {
      const charter = await loadCharter(deps, charterId(c.req.param('charterId')));
      const partition = charter.call_id
        ? await getCallPartition(deps.db, charter.call_id)
        : undefined;
      return c.json({
        charter: apiCharter(charter),
        call: partition ? summariseCall(partition) : null,
      } satisfies CharterWithCall);
    })
    .post('/charters/:charterId/calls/preview', async (c) => {
      const charter = await loadCharter(deps, charterId(c.req.param('charterId')));
      const { availability } = parseCallRequest(readJson(await c.req.text()));
      return c.json({
        plan: await previewCrewCall(deps, charter, availability),
      } satisfies PreviewAnswer);
    })
    .post('/charters/:charterId/calls', async (c) => {
      const id = charterId(c.req.param('charterId'));
      const { availability } = parseCallRequest(readJson(await c.req.text()));
      const started = await startCrewCall(deps, id, availability);
      const partition = await getCallPartition(deps.db, started.call.call_id);
      // Just written; not finding it is a bug (a 500, logged), not an answer without its call.
      if (!partition) throw new Error(`crew call ${started.call.call_id} could not be read back`);
      return c.json(
        {
          call: summariseCall(partition),
          plan: started.plan,
          notifications: started.notifications,
        } satisfies StartCallAnswer,
        201,
      );
    })
    .post('/charters/:charterId/cancel', async (c) => {
      const cancelled = await cancelCharter(deps, charterId(c.req.param('charterId')));
      return c.json(cancelled satisfies CancelAnswer);
    })
    .get('/charters/:charterId/chat', async (c) => {
      const charter = await loadCharter(deps, charterId(c.req.param('charterId')));
      return c.json({ posts: await readChat(deps.db, charter.charter_id) } satisfies ChatAnswer);
    })
    .post('/charters/:charterId/chat', async (c) => {
      const charter = await loadCharter(deps, charterId(c.req.param('charterId')));
      const body = parseOrThrow(chatPostBodySchema, readJson(await c.req.text()));
      const post = await postToChat(deps.db, {
        charter_id: charter.charter_id,
        posted_at: deps.now().toISOString(),
        author: deps.office.name,
        text: checkText(body.text, 'text', CHAT_MAX_LENGTH, true),
      });
      return c.json(post satisfies ChatPost, 201);
    });
}
