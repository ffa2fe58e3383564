import type { Command } from 'commander';
import { checkRegion } from '../config.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { formatDuration, printJson, table } from '../output.js';
import { type Comparison, compareItems, type Difference } from '../replication/compare.js';
import {
  openRegion,
  type RegionTarget,
  readCharters,
  readRoster,
} from '../replication/read-region.js';
import { type Context, withExitCodes } from './common.js';

interface CheckFlags {
  primary: string;
  secondary: string;
  primaryEndpoint?: string;
  secondaryEndpoint?: string;
  tablePrefix: string;
  charters?: boolean;
  json?: boolean;
}

const PROBLEM_TEXT: Record<Difference['problem'], string> = {
  missing: 'missing in secondary',
  behind: 'older in secondary',
  ahead: 'NEWER in secondary',
  conflict: 'same version, different content',
  extra: 'only in secondary',
};

function behindText(d: Difference): string {
  if (d.problem === 'missing') {
    return `all ${d.versions_behind} version(s); primary updated ${d.primary?.updated_at}`;
  }
  if (d.problem === 'extra' || d.versions_behind === undefined) return '';
  const versions = Math.abs(d.versions_behind);
  const time = formatDuration(Math.abs(d.time_behind_ms ?? 0));
  if (d.problem === 'ahead') return `ahead by ${versions} version(s), ${time}`;
  if (d.problem === 'conflict') return `updated_at differs by ${time}`;
  return `${versions} version(s), ${time} behind`;
}

function report(results: Comparison[], primary: RegionTarget, secondary: RegionTarget): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `${r.kind}: ${r.primary_count} in primary ${primary.region}, ${r.secondary_count} in secondary ${secondary.region}: ${
        r.differences.length === 0 ? 'in agreement' : `${r.differences.length} difference(s)`
      }`,
    );
  }
  const all = results.flatMap((r) => r.differences);
  if (all.length > 0) {
    const v = (s?: { version: number; updated_at: string }) =>
      s ? `v${s.version} ${s.updated_at}` : '-';
    lines.push(
      '',
      table(
        ['KIND', 'ID', 'PROBLEM', 'PRIMARY', 'SECONDARY', 'BEHIND BY'],
        all.map((d) => [
          d.kind,
          d.id,
          PROBLEM_TEXT[d.problem],
          v(d.primary),
          v(d.secondary),
          behindText(d),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

function endpointFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // fall through
  }
  throw usageError(`${flag} "${value}" is not an http(s) URL`);
}

export function replicationCommand(program: Command, ctx: Context): void {
  const replication = withExitCodes(program.command('replication')).description(
    'compare the global tables between regions (reads DynamoDB directly)',
  );

  withExitCodes(
    replication
      .command('check')
      .description(
        'compare the roster (and with --charters, the charters) of two regions: report items missing or older in the secondary and how far behind; exit 0 only when they agree',
      )
      .requiredOption('--primary <region>', 'the home region, which takes the writes')
      .requiredOption('--secondary <region>', 'the replica region to check')
      .option('--primary-endpoint <url>', 'DynamoDB endpoint for the primary (e.g. DynamoDB Local)')
      .option('--secondary-endpoint <url>', 'DynamoDB endpoint for the secondary')
      .option('--table-prefix <prefix>', 'prefix of the table names', 'crewcall-')
      .option('--charters', 'compare the charters too')
      .option('--json', 'print the comparison as JSON')
      .addHelpText(
        'after',
        "\nAWS credentials come from the usual AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...); with\nan endpoint, DynamoDB Local's placeholder credentials are used. Reads are Queries on the\nroster and charter indexes, never Scans.",
      ),
  ).action(async (flags: CheckFlags) => {
    if (!/^[A-Za-z0-9_.-]{0,100}$/.test(flags.tablePrefix)) {
      throw usageError('--table-prefix may use only letters, digits, _ . and -');
    }
    const primary: RegionTarget = {
      label: 'primary',
      region: checkRegion(flags.primary, '--primary'),
      tablePrefix: flags.tablePrefix,
    };
    const secondary: RegionTarget = {
      label: 'secondary',
      region: checkRegion(flags.secondary, '--secondary'),
      tablePrefix: flags.tablePrefix,
    };
    const pe = endpointFlag(flags.primaryEndpoint, '--primary-endpoint');
    const se = endpointFlag(flags.secondaryEndpoint, '--secondary-endpoint');
    if (pe) primary.endpoint = pe;
    if (se) secondary.endpoint = se;
    if (primary.region === secondary.region && primary.endpoint === secondary.endpoint) {
      throw usageError('--primary and --secondary name the same tables: compare two regions');
    }

    const dbs = [openRegion(primary), openRegion(secondary)] as const;
    try {
      const kinds = [{ kind: 'crew', read: readRoster }];
      if (flags.charters) kinds.push({ kind: 'charter', read: readCharters });
      const results: Comparison[] = [];
      for (const { kind, read } of kinds) {
        const [p, s] = await Promise.all([read(dbs[0], primary), read(dbs[1], secondary)]);
        results.push(compareItems(kind, p, s));
      }
      const agree = results.every((r) => r.differences.length === 0);
      if (flags.json) {
        printJson(ctx.io, {
          primary: { region: primary.region, endpoint: primary.endpoint },
          secondary: { region: secondary.region, endpoint: secondary.endpoint },
          table_prefix: flags.tablePrefix,
          agree,
          results,
        });
      } else {
        ctx.io.out(report(results, primary, secondary));
      }
      if (!agree) throw new CliError(EXIT.NO, '');
    } finally {
      for (const db of dbs) db.raw.destroy();
    }
  });
}
