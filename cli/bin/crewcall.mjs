#!/usr/bin/env node
// Launcher for the `crewcall` bin: runs the CLI that `npm run build` bundles.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../../dist/cli/crewcall.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write(`crewcall: ${fileURLToPath(built)} is missing: run npm run build first\n`);
  process.exit(2);
}
await import(built.href);
