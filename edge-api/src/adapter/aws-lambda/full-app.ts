import { handle } from 'hono/aws-lambda';
import { type AppDeps, createApp } from '../../app.js';

/**
 * The whole edge API under Hono's Lambda adapter: what every event but a crew page gets.
 * One module, so that the handler loads it with one dynamic import.
 */
export const fullAppHandler = (deps: AppDeps) => handle(createApp(deps));
