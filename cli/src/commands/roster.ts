import { type Command, Option } from 'commander';
import type {
  CrewAddBody,
  CrewFound,
  CrewMember,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { SIMILAR_NAME_ERROR } from '../../../shared/api/roster.js';
import { readAlsoQualified } from '../../../shared/crew/also-qualified.js';
import { formatMoney } from '../../../shared/money/index.js';
import { CliError, usageError } from '../errors.js';
import { fields, printJson, table } from '../output.js';
import {
  type ApiCommandOptions,
  apiClient,
  type Context,
  parseCents,
  parseCurrency,
  parseWholeNumber,
  seg,
  withApiOptions,
  withExitCodes,
} from './common.js';

interface CrewFlags extends ApiCommandOptions {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
  level?: number;
  availabilityKey?: string;
  dayRate?: number;
  currency?: string;
  active?: boolean;
  inactive?: boolean;
  also?: Array<{ role: string; cascade_level: number }>;
  confirmSimilarName?: boolean;
}

/** `--also "mate:3, skipper:2"` (shared/crew/also-qualified.ts); `--also ""` clears them. The API checks roles and levels. */
function parseAlso(text: string): Array<{ role: string; cascade_level: number }> {
  const read = readAlsoQualified(text);
  if ('problem' in read) throw usageError(`--also ${read.problem}`);
  return read.qualifications;
}

/** The crew fields as flags; `required` marks the ones `add` must have. */
function crewOptions(cmd: Command, required: boolean): Command {
  const opt = (flags: string, description: string) =>
    required ? cmd.requiredOption(flags, description) : cmd.option(flags, description);
  opt('--name <name>', 'full name, as crew and the office see it');
  opt('--phone <phone>', 'phone with country code, e.g. "+1 310 555 0101"');
  opt('--email <email>', 'email address (unique on the roster)');
  opt('--role <role>', 'captain, mate, deckhand, ...');
  cmd.addOption(
    new Option('--level <n>', 'cascade level, 1-9 (1 is called first)')
      .argParser(parseWholeNumber)
      .makeOptionMandatory(required),
  );
  opt('--availability-key <header>', "this person's column header in the availability sheet");
  cmd.addOption(
    new Option(
      '--also <role:level,...>',
      'other seats they may take, each at its own cascade level, e.g. "mate:3" ("" clears)',
    ).argParser(parseAlso),
  );
  cmd.addOption(
    new Option('--day-rate <dollars>', 'day rate in dollars, e.g. 450 or 450.10 (exact cents)')
      .argParser(parseCents)
      .makeOptionMandatory(required),
  );
  const currency = new Option('--currency <code>', 'ISO 4217 currency of the day rate').argParser(
    parseCurrency,
  );
  cmd.addOption(required ? currency.default('USD') : currency);
  return cmd;
}

/** The JSON body the API takes, from whichever flags were given. */
function crewBody(flags: CrewFlags): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (flags.name !== undefined) body.name = flags.name;
  if (flags.phone !== undefined) body.phone = flags.phone;
  if (flags.email !== undefined) body.email = flags.email;
  if (flags.role !== undefined) body.role = flags.role;
  if (flags.level !== undefined) body.cascade_level = flags.level;
  if (flags.availabilityKey !== undefined) body.availability_key = flags.availabilityKey;
  if (flags.also !== undefined) body.also_qualified = flags.also;
  if (flags.active) body.active = true;
  if (flags.inactive) body.active = false;
  return body;
}

function describeMember(m: CrewMember): string {
  return fields([
    ['crew_id', m.crew_id],
    ['name', m.name],
    ['role', m.role],
    ['cascade level', m.cascade_level],
    ...(m.also_qualified?.length
      ? [
          [
            'also qualified',
            m.also_qualified.map((q) => `${q.role} (level ${q.cascade_level})`).join(', '),
          ] as [string, string],
        ]
      : []),
    ['phone', m.phone],
    ['email', m.email],
    ['availability key', m.availability_key],
    ['day rate', formatMoney(m.day_rate)],
    ['active', m.active ? 'yes' : 'no'],
    ['version', m.version],
    ['updated', m.updated_at],
  ]);
}

export function rosterCommand(program: Command, ctx: Context): void {
  const roster = withExitCodes(program.command('roster')).description(
    'list, add, update and deactivate crew on the roster (the admin API)',
  );

  withApiOptions(
    roster
      .command('list')
      .description('the roster, by cascade level then name')
      .option('--role <role>', 'only this role')
      .addOption(new Option('--active', 'only active crew').conflicts('inactive'))
      .addOption(new Option('--inactive', 'only deactivated crew')),
  ).action(async (flags: CrewFlags) => {
    const query = new URLSearchParams();
    if (flags.role) query.set('role', flags.role);
    if (flags.active) query.set('active', 'true');
    if (flags.inactive) query.set('active', 'false');
    const path = `/api/crew${query.size > 0 ? `?${query}` : ''}`;
    const answer = await apiClient(ctx, flags).get<RosterAnswer>(path);
    if (flags.json) return printJson(ctx.io, answer);
    if (answer.crew.length === 0) return ctx.io.out('No crew match.');
    ctx.io.out(
      table(
        ['ID', 'LVL', 'ROLE', 'NAME', 'PHONE', 'EMAIL', 'DAY RATE', 'ACTIVE'],
        answer.crew.map((m) => [
          m.crew_id,
          String(m.cascade_level),
          m.role,
          m.name,
          m.phone,
          m.email,
          formatMoney(m.day_rate),
          m.active ? 'yes' : 'no',
        ]),
      ),
    );
  });

  const add = roster
    .command('add')
    .description('add a crew member; the API checks every field and that email and phone are free');
  crewOptions(add, true);
  withApiOptions(
    add
      .option('--inactive', 'add as deactivated')
      .option(
        '--confirm-similar-name',
        'add even though someone on the roster has a close name (the API warns otherwise)',
      ),
  ).action(async (flags: CrewFlags) => {
    const body = {
      ...crewBody(flags),
      day_rate: { amount_cents: flags.dayRate, currency: flags.currency },
      ...(flags.confirmSimilarName ? { confirm_similar_name: true } : {}),
    } as CrewAddBody;
    let member: CrewMember;
    try {
      member = await apiClient(ctx, flags).post<CrewMember>('/api/crew', body);
    } catch (error) {
      if (error instanceof CliError && error.details.error === SIMILAR_NAME_ERROR) {
        throw new CliError(
          error.exitCode,
          `${error.message}\n  A different person? Run the same command with --confirm-similar-name.`,
          error.details,
        );
      }
      throw error;
    }
    if (flags.json) return printJson(ctx.io, member);
    ctx.io.out(`Added ${member.name} as ${member.crew_id}.\n${describeMember(member)}`);
  });

  withApiOptions(
    roster
      .command('find')
      .description('who on the roster has a phone or an email, written any way')
      .argument('<phone-or-email>', 'e.g. "(310) 555-0101" or abdul.rahimi@example.com'),
  ).action(async (contact: string, flags: ApiCommandOptions) => {
    const path = `/api/crew/find?${new URLSearchParams({ contact })}`;
    const found = await apiClient(ctx, flags).get<CrewFound>(path);
    if (flags.json) return printJson(ctx.io, found);
    ctx.io.out(
      `${found.crew.name} (${found.crew.crew_id}) has this ${found.matched_by}.\n${describeMember(found.crew)}`,
    );
  });

  const update = roster
    .command('update')
    .description('change fields of a crew member; fields not given are left alone')
    .argument('<crew-id>', 'the crew member, e.g. c-0001');
  crewOptions(update, false);
  withApiOptions(
    update
      .addOption(new Option('--active', 'reactivate').conflicts('inactive'))
      .addOption(new Option('--inactive', 'deactivate (same as roster deactivate)')),
  ).action(async (crewId: string, flags: CrewFlags) => {
    const body = crewBody(flags);
    const client = apiClient(ctx, flags);
    if (flags.dayRate !== undefined || flags.currency !== undefined) {
      // Keep the half of the day rate that was not given.
      const current =
        flags.dayRate === undefined || flags.currency === undefined
          ? await client.get<CrewMember>(`/api/crew/${seg(crewId)}`)
          : undefined;
      body.day_rate = {
        amount_cents: flags.dayRate ?? current?.day_rate.amount_cents,
        currency: flags.currency ?? current?.day_rate.currency,
      };
    }
    if (Object.keys(body).length === 0) {
      throw usageError(
        'nothing to change: give at least one of --name, --phone, --email, --role, --level, --availability-key, --also, --day-rate, --currency, --active, --inactive',
      );
    }
    const member = await client.patch<CrewMember>(`/api/crew/${seg(crewId)}`, body);
    if (flags.json) return printJson(ctx.io, member);
    ctx.io.out(`Updated ${member.crew_id} (version ${member.version}).\n${describeMember(member)}`);
  });

  withApiOptions(
    roster
      .command('deactivate')
      .description('deactivate a crew member (never deleted: charters and statements keep them)')
      .argument('<crew-id>', 'the crew member, e.g. c-0001'),
  ).action(async (crewId: string, flags: ApiCommandOptions) => {
    const member = await apiClient(ctx, flags).delete<CrewMember>(`/api/crew/${seg(crewId)}`);
    if (flags.json) return printJson(ctx.io, member);
    ctx.io.out(`Deactivated ${member.name} (${member.crew_id}); they are no longer called.`);
  });
}
