import { runAppsScriptServiceCalls } from './apps-script-service-calls.js';
import { runColdStart } from './cold-start-bench.js';
import { runCrewActionCapacity } from './crew-action-capacity.js';
import { runCrewLinkThroughput } from './crew-link-throughput.js';
import { runCrewMarksSheetCalls } from './crew-marks-sheet-calls.js';
import { runFaultSummary } from './faults.js';

/**
 * `npm run bench`: every benchmark, each printing its tables; `--only NAME`
 * runs one (see parseOnly).
 */

const BENCHES = [
  'cold-start',
  'crew-links',
  'capacity',
  'apps-script',
  'crew-marks',
  'faults',
] as const;

/** `--only cold-start|crew-links|capacity|apps-script|crew-marks|faults` (or BENCH_ONLY) runs one bench; by default all, in this order. */
function parseOnly(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const flag = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  const only =
    flag >= 0 ? (argv[flag]?.split('=')[1] ?? argv[flag + 1]) : env.BENCH_ONLY || undefined;
  if (only !== undefined && !(BENCHES as readonly string[]).includes(only)) {
    throw new Error(`--only / BENCH_ONLY must be one of ${BENCHES.join(', ')}, not "${only}"`);
  }
  return only;
}

async function main(): Promise<void> {
  const only = parseOnly(process.argv.slice(2), process.env);
  if (only === undefined || only === 'cold-start') {
    await runColdStart(process.argv.slice(2), process.env);
  }
  if (only === undefined || only === 'crew-links') {
    await runCrewLinkThroughput(process.argv.slice(2), process.env);
  }
  if (only === undefined || only === 'capacity') await runCrewActionCapacity();
  if (only === undefined || only === 'apps-script') await runAppsScriptServiceCalls();
  if (only === undefined || only === 'crew-marks') await runCrewMarksSheetCalls();
  if (only === undefined || only === 'faults') await runFaultSummary();
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
