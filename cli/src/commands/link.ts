import type { Command } from 'commander';
import type {
  FeedLinkAnswer,
  FeedLinkBody,
  InspectLinkBody,
  LinkInspection,
  PortalLinkAnswer,
  PortalLinkBody,
  ReissueAnswer,
  RevokeLinkAnswer,
  RevokeLinkBody,
} from '../../../shared/api/index.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { inspectTokenLocally, type LocalTokenReport } from '../local-token.js';
import { fields, printJson } from '../output.js';
import {
  type ApiCommandOptions,
  apiClient,
  type Context,
  seg,
  withApiOptions,
  withExitCodes,
} from './common.js';

interface IssueFlags extends ApiCommandOptions {
  crew: string;
  call?: string;
  revoke?: boolean;
}

interface RevokeFlags extends ApiCommandOptions {
  revoke?: boolean;
}

/** What a revoke did, in words. */
function revokedWords(a: RevokeLinkAnswer, what: string): string {
  return a.revoked
    ? `Revoked the ${what} of ${a.crew_id} (issue ${a.issue}): it no longer works.`
    : `The ${what} of ${a.crew_id} (issue ${a.issue}) was already revoked: nothing changed.`;
}

/** Whether a link can still be used, and if not, why, from the API's inspection. */
export function verdict(a: LinkInspection): { usable: boolean; reason: string } {
  if (!a.valid_signature)
    return { usable: false, reason: 'not a genuine link: bad signature or altered' };
  if (a.expired) return { usable: false, reason: `expired at ${a.expires_at}` };
  if (a.state === 'used') return { usable: false, reason: `used (${a.decision ?? 'answered'})` };
  if (a.state === 'revoked')
    return {
      usable: false,
      reason: `revoked${a.revoked_because ? ` (${a.revoked_because})` : ''}`,
    };
  if (a.state !== 'live') return { usable: false, reason: 'no record of it (cleaned up?)' };
  if (a.current === false) return { usable: false, reason: 'replaced by a newer link' };
  return { usable: true, reason: 'live: it can be used' };
}

const when = (epochSeconds: unknown) =>
  typeof epochSeconds === 'number' ? new Date(epochSeconds * 1000).toISOString() : undefined;

function describeLocal(r: LocalTokenReport): string {
  const lines = ['Token, decoded here (not trusted until verified):'];
  if (r.decode_problem) {
    lines.push(`  cannot decode: ${r.decode_problem}`);
  } else {
    const h = r.header ?? {};
    const c = r.claims ?? {};
    const block = fields([
      ['header', `alg=${String(h.alg)} kid=${String(h.kid)} typ=${String(h.typ)}`],
      ['audience', Array.isArray(c.aud) ? c.aud.join(',') : (c.aud as string | undefined)],
      ['link id (jti)', c.jti as string | undefined],
      ['issued (iat)', when(c.iat)],
      ['expires (exp)', when(c.exp)],
    ]);
    lines.push(...block.split('\n').map((l) => `  ${l}`));
  }
  const kids = r.checked_with_kids?.join(', ');
  const check: Record<LocalTokenReport['signature'], string> = {
    valid: `valid (LINK_SIGNING_KEYS kids: ${kids})`,
    expired: `valid but expired (LINK_SIGNING_KEYS kids: ${kids})`,
    invalid: `INVALID: not signed by LINK_SIGNING_KEYS (kids: ${kids}), or altered`,
    not_checked: 'not checked here (set LINK_SIGNING_KEYS to check locally); see the API below',
  };
  lines.push(`Local signature check: ${check[r.signature]}`);
  return lines.join('\n');
}

function describeApi(a: LinkInspection): string {
  const block = a.valid_signature
    ? fields([
        ['signature', 'valid'],
        ['kind', a.kind],
        ['key (kid)', a.kid],
        ['crew', a.crew ? `${a.crew.name} (${a.crew.crew_id})` : undefined],
        ['call', a.call_id ? `${a.call_id} (charter ${a.charter_id})` : undefined],
        ['issued', a.issued_at],
        ['expires', `${a.expires_at}${a.expired ? ' (expired)' : ''}`],
        ['state', a.state],
        ['decision', a.decision],
        ['used at', a.used_at],
        ['revoked because', a.revoked_because],
        ['current link', a.current === undefined ? undefined : a.current ? 'yes' : 'no'],
      ])
    : fields([['signature', 'INVALID: the API did not sign this token, or it was altered']]);
  return `The API says:\n${block
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

export function linkCommand(program: Command, ctx: Context): void {
  const link = withExitCodes(program.command('link')).description('issue and inspect magic links');

  withApiOptions(
    link
      .command('issue')
      .description(
        'a fresh link for one person: their personal portal link, or with --call their link on that call (the old one is revoked either way)',
      )
      .requiredOption('--crew <crew-id>', 'the crew member, e.g. c-0001')
      .option(
        '--call <call-id>',
        "that person's link on this crew call (e.g. call-0123456789abcdef)",
      )
      .option('--revoke', 'revoke their portal link instead, without issuing a new one'),
  ).action(async (flags: IssueFlags) => {
    const client = apiClient(ctx, flags);
    if (flags.revoke) {
      if (flags.call) throw usageError('--revoke works on portal links only: leave out --call');
      const answer = await client.post<RevokeLinkAnswer>('/api/links/portal/revoke', {
        crew_id: flags.crew,
      } satisfies RevokeLinkBody);
      if (flags.json) return printJson(ctx.io, answer);
      ctx.io.out(revokedWords(answer, 'portal link'));
      return;
    }
    if (!flags.call) {
      const portal = await client.post<PortalLinkAnswer>('/api/links/portal', {
        crew_id: flags.crew,
      } satisfies PortalLinkBody);
      if (flags.json) return printJson(ctx.io, portal);
      ctx.io.out(
        `Portal link for ${portal.crew_id} (issue ${portal.issue}, expires ${portal.expires_at}):\n${portal.url}`,
      );
      return;
    }
    const answer = await client.post<ReissueAnswer>(
      `/api/calls/${seg(flags.call)}/crew/${seg(flags.crew)}/link`,
      {},
    );
    if (flags.json) return printJson(ctx.io, answer);
    const n = answer.notification;
    ctx.io.out(
      `New link for ${n.crew_id} on ${n.call_id} (charter ${n.charter_id}); the previous one is revoked:\n${n.link_url ?? '(no link)'}\n` +
        `Not emailed by crewcall: notification ${n.notification_id} (${n.kind}, to ${n.to}).`,
    );
  });

  withApiOptions(
    link
      .command('feed')
      .description(
        "a crew member's private calendar feed (.ics subscription): issue a new one (the old URL stops working), or --revoke it",
      )
      .argument('<crew-id>', 'the crew member, e.g. c-0001')
      .option('--revoke', 'stop their feed: its URL answers 404 from now on'),
  ).action(async (crewId: string, flags: RevokeFlags) => {
    const client = apiClient(ctx, flags);
    if (flags.revoke) {
      const answer = await client.post<RevokeLinkAnswer>('/api/links/feed/revoke', {
        crew_id: crewId,
      } satisfies RevokeLinkBody);
      if (flags.json) return printJson(ctx.io, answer);
      ctx.io.out(revokedWords(answer, 'calendar feed'));
      return;
    }
    const feed = await client.post<FeedLinkAnswer>('/api/links/feed', {
      crew_id: crewId,
    } satisfies FeedLinkBody);
    if (flags.json) return printJson(ctx.io, feed);
    ctx.io.out(
      `Calendar feed for ${feed.crew_id} (issue ${feed.issue}; any earlier feed URL no longer works):\n${feed.url}\n` +
        `Apple Calendar / Outlook one-tap: ${feed.webcal_url}`,
    );
  });

  withApiOptions(
    link
      .command('inspect')
      .description(
        'decode a link, verify its signature and say whose it is and whether it is live, used, revoked or expired (exit 0 only when live)',
      )
      .argument('<url-or-token>', 'the link as sent (…/m/<token>) or just the token')
      .addHelpText(
        'after',
        '\nWith LINK_SIGNING_KEYS set (the API\'s "kid:base64url-secret,..."), the signature is also\nverified here; the secrets are never printed.',
      ),
  ).action(async (text: string, flags: ApiCommandOptions) => {
    const client = apiClient(ctx, flags);
    const local = await inspectTokenLocally(text, ctx.env, new Date());
    let api: LinkInspection;
    try {
      api = await client.post<LinkInspection>('/api/links/inspect', {
        link: local.token,
      } satisfies InspectLinkBody);
    } catch (error) {
      // Whatever could be told without the API is still worth showing.
      if (!flags.json) ctx.io.out(describeLocal(local.report));
      throw error;
    }
    const v = verdict(api);
    const localGenuine = local.report.signature === 'valid' || local.report.signature === 'expired';
    const disagree =
      local.report.signature !== 'not_checked' && localGenuine !== api.valid_signature;
    if (flags.json) {
      printJson(ctx.io, { token: local.report, api, usable: v.usable, verdict: v.reason });
    } else {
      ctx.io.out(`${describeLocal(local.report)}\n${describeApi(api)}\nVerdict: ${v.reason}`);
    }
    if (disagree) {
      ctx.io.err(
        'warning: the local check and the API disagree about the signature: LINK_SIGNING_KEYS here is not what the API uses',
      );
    }
    if (!v.usable) throw new CliError(EXIT.NO, '', {});
  });
}
