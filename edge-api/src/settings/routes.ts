import { Hono } from 'hono';
import type { OfficeSettingsAnswer } from '../../../shared/api/settings.js';
import type { AppEnv } from '../app-env.js';
import { parseOrThrow, readJson } from '../errors/parse-input.js';
import { readOfficeSettings, type SettingsDeps, saveOfficeSettings } from './office-settings.js';
import { officeSettingsBodySchema } from './settings-input.js';

/** GET /api/settings, PUT /api/settings: the office's roles and call windows. */
export function settingsRoutes(deps: SettingsDeps) {
  return new Hono<AppEnv>()
    .get('/settings', async (c) =>
      c.json((await readOfficeSettings(deps)) satisfies OfficeSettingsAnswer),
    )
    .put('/settings', async (c) => {
      const change = parseOrThrow(officeSettingsBodySchema, readJson(await c.req.text()));
      const saved = await saveOfficeSettings(deps, change);
      return c.json(saved satisfies OfficeSettingsAnswer);
    });
}
