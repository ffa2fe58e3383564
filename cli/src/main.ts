// The `crewcall` command (built to dist/cli/crewcall.mjs; cli/bin/crewcall.mjs launches it).
import { processIo } from './output.js';
import { run } from './program.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `crewcall ... | head`: the reader left; stop quietly rather than crash on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await run(process.argv.slice(2), { io: processIo, env: process.env });
