// Test helper for the harness's own tests: a classic script (and optional .html files)
// written to a temp directory, loaded into a fresh harness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createHarness,
  type Harness,
  type HarnessOptions,
  type Manifest,
  SCOPES,
} from './index.js';

/** The manifest a harness test script gets unless it brings its own: every scope the table knows. */
export const ALL_SCOPES_MANIFEST: Manifest = {
  timeZone: 'America/Los_Angeles',
  oauthScopes: Object.values(SCOPES),
};

const dirs: string[] = [];

export function harnessFor(
  code: string,
  options: HarnessOptions = {},
  htmlFiles: Record<string, string> = {},
  manifest: Manifest = ALL_SCOPES_MANIFEST,
): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'apps-script-harness-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'Code.js'), code);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
  for (const [name, html] of Object.entries(htmlFiles))
    writeFileSync(join(dir, `${name}.html`), html);
  const harness = createHarness(options);
  harness.load(join(dir, 'Code.js'));
  return harness;
}

export function removeTempScripts(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
