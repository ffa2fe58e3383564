import type { CrewStatement, MonthlyReport } from '../../../shared/reports/monthly-report.js';
import type { SendBudget } from '../run-budget.js';
import { dateText, moneyListText, moneyText } from './report-format.js';

/** Script Property per month: JSON list of who has had their statement ("owner:<email>", "crew:<crew_id>"). */
export const SENT_PREFIX = 'CREWCALL_REPORT_SENT:';

/** Who has had the month's statements: written after each send, so a killed run never resends. */
export interface SentRecord {
  has(key: string): boolean;
  add(key: string): void;
  size(): number;
}

export function readSentRecord(month: string): SentRecord {
  const props = PropertiesService.getScriptProperties();
  const property = SENT_PREFIX + month;
  const keys = new Set<string>(JSON.parse(props.getProperty(property) ?? '[]') as string[]);
  return {
    has: (key) => keys.has(key),
    add: (key) => {
      keys.add(key);
      props.setProperty(property, JSON.stringify([...keys]));
    },
    size: () => keys.size,
  };
}

const ownerKey = (email: string) => `owner:${email.toLowerCase()}`;
const crewKey = (s: CrewStatement) => `crew:${s.crew_id}`;

export interface MailPlan {
  /** Owners to send to now. */
  owners: string[];
  ownersAlreadySent: string[];
  /** Crew to send their own statement to now. */
  crew: Array<CrewStatement & { email: string }>;
  crewAlreadySent: CrewStatement[];
  /** Paid crew with no email on the roster: nobody to send to. */
  crewWithoutEmail: CrewStatement[];
}

/** Who gets what; those already sent this month are left out unless `resend`. */
export function planMail(
  report: MonthlyReport,
  owners: string[],
  record: SentRecord,
  resend: boolean,
): MailPlan {
  const sent = (key: string) => !resend && record.has(key);
  const plan: MailPlan = {
    owners: owners.filter((o) => !sent(ownerKey(o))),
    ownersAlreadySent: owners.filter((o) => sent(ownerKey(o))),
    crew: [],
    crewAlreadySent: [],
    crewWithoutEmail: [],
  };
  for (const s of report.statements) {
    if (!s.email) plan.crewWithoutEmail.push(s);
    else if (sent(crewKey(s))) plan.crewAlreadySent.push(s);
    else plan.crew.push({ ...s, email: s.email });
  }
  return plan;
}

export interface MailResult {
  ownersSent: string[];
  crewSent: string[];
  /** Not sent because the day's email quota ran out; a later run (no resend needed) sends them. */
  leftForLater: string[];
  /** Crew not sent to because the run neared Apps Script's 6-minute limit; the timer continues. */
  waitingForTime: string[];
}

/**
 * Sends the plan with MailApp (script.send_mail scope; GmailApp would need the
 * full mailbox): the owners' statement with the Summary PDF attached, then
 * each crew member's own statement, which holds their lines and nobody else's.
 * No send starts once the run nears its time limit; each is recorded before the
 * next, so whichever run continues sends nobody theirs twice. Without `context`
 * (a continuation, which has no PDF) the owners are left out.
 */
export function sendPlannedMail(
  report: MonthlyReport,
  plan: MailPlan,
  context: {
    pdf?: GoogleAppsScript.Base.Blob;
    spreadsheetUrl: string;
    sender: string;
    /** The month as titled: "December 2026 (to date, 2 Dec)" while it runs. */
    title: string;
    /** Why the figures are not the whole month, if they are not. */
    note: string | null;
  },
  record: SentRecord,
  budget: SendBudget,
): MailResult {
  const result: MailResult = { ownersSent: [], crewSent: [], leftForLater: [], waitingForTime: [] };
  let quota = MailApp.getRemainingDailyQuota();
  if (plan.owners.length > 0 && context.pdf) {
    if (quota < plan.owners.length) result.leftForLater.push(`owners (${plan.owners.join(', ')})`);
    else if (!budget.canStartSend())
      result.waitingForTime.push(`owners (${plan.owners.join(', ')})`);
    else {
      const mail = ownersEmail(report, context);
      MailApp.sendEmail(plan.owners.join(','), mail.subject, mail.text, {
        htmlBody: mail.html,
        name: context.sender,
        attachments: [context.pdf.copyBlob()],
      });
      quota -= plan.owners.length;
      for (const owner of plan.owners) record.add(ownerKey(owner));
      result.ownersSent.push(...plan.owners);
    }
  }
  for (const statement of plan.crew) {
    if (quota < 1) {
      result.leftForLater.push(statement.name);
      continue;
    }
    if (!budget.canStartSend()) {
      result.waitingForTime.push(statement.name);
      continue;
    }
    const mail = crewEmail(context.title, statement, context.sender);
    MailApp.sendEmail(statement.email, mail.subject, mail.text, {
      htmlBody: mail.html,
      name: context.sender,
    });
    quota -= 1;
    record.add(crewKey(statement));
    result.crewSent.push(statement.name);
  }
  return result;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One crew member's statement: their lines only, built from their own statement alone. */
export function crewEmail(label: string, statement: CrewStatement, sender: string) {
  const lines = statement.lines.map((l) => ({
    date: dateText(l.date),
    start: l.start,
    vessel: l.vessel,
    charter: l.charter_id,
    role: l.role,
    pay: moneyText(l.pay),
  }));
  const total = moneyListText(statement.totals);
  const text = [
    `Hello ${statement.name},`,
    '',
    `Your confirmed charters in ${label}:`,
    '',
    ...lines.map((l) => `${l.date} ${l.start}  ${l.vessel}  ${l.charter}  ${l.role}  ${l.pay}`),
    '',
    `Total: ${total}`,
    '',
    'If anything here looks wrong, reply to this email.',
    `${sender}`,
  ].join('\n');
  const rows = lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.date)}</td><td>${escapeHtml(l.start)}</td><td>${escapeHtml(l.vessel)}</td><td>${escapeHtml(l.charter)}</td><td>${escapeHtml(l.role)}</td><td style="text-align:right">${escapeHtml(l.pay)}</td></tr>`,
    )
    .join('');
  const html = [
    `<p>Hello ${escapeHtml(statement.name)},</p>`,
    `<p>Your confirmed charters in ${escapeHtml(label)}:</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    '<tr><th align="left">Date</th><th align="left">Start</th><th align="left">Vessel</th><th align="left">Charter</th><th align="left">Role</th><th align="right">Pay</th></tr>',
    rows,
    `<tr><td colspan="5"><b>Total</b></td><td style="text-align:right"><b>${escapeHtml(total)}</b></td></tr>`,
    '</table>',
    '<p>If anything here looks wrong, reply to this email.</p>',
    `<p>${escapeHtml(sender)}</p>`,
  ].join('\n');
  return { subject: `Your statement for ${label}`, text, html };
}

/** The owners' statement: the month's totals, the link to the spreadsheet; the Summary PDF rides along. */
export function ownersEmail(
  report: MonthlyReport,
  {
    spreadsheetUrl,
    title: label,
    note,
  }: { spreadsheetUrl: string; title: string; note: string | null },
) {
  const totals = report.totals.map(
    (t) =>
      `${t.currency}: ${t.charters} charter${t.charters === 1 ? '' : 's'}${t.cancelled ? ` (${t.cancelled} cancelled)` : ''}, revenue ${moneyText(t.revenue)}, crew ${moneyText(t.crew_cost)}, net ${moneyText(t.net)}`,
  );
  const body = [
    `The crewcall report for ${label}.`,
    ...(note ? [note] : []),
    ...(totals.length ? totals : ['No charters this month.']),
    `Crew paid: ${report.statements.length} (${report.statements.map((s) => s.name).join(', ') || 'nobody'}).`,
    'The summary is attached as a PDF; every tab is in the spreadsheet:',
  ];
  return {
    subject: `crewcall report for ${label}`,
    text: [...body, spreadsheetUrl].join('\n\n'),
    html: [
      ...body.map((line) => `<p>${escapeHtml(line)}</p>`),
      `<p><a href="${escapeHtml(spreadsheetUrl)}">crewcall report ${escapeHtml(report.month)}</a></p>`,
    ].join('\n'),
  };
}
