import type { Charter } from '../charter/index.js';
import { COMMON_ROLES, nameSortKey } from '../crew/index.js';
import type { Money } from '../money/index.js';

/**
 * The month's figures, from the charter records and the crew calls' responses.
 * Pure: the edge API loads the data, the office side lays it out.
 *
 * Decisions:
 * - A charter belongs to the month of its local start date (`date`, in its own
 *   time zone): the New Year's Eve charter starting 2026-12-31 21:00 in
 *   Los Angeles is December's, whatever the UTC instant says.
 * - Money is integer cents and never mixed: every total is per currency.
 *   A charter's crew cost and net are in its price's currency; pay in any other
 *   currency is listed in `other_crew_cost` and counted in that currency's totals.
 * - A cancelled charter is listed (status 'cancelled', `quoted_price` kept for
 *   reference) with zero revenue, zero crew cost, no paid crew and no captain;
 *   nobody's statement has a line for it; its call record is kept.
 * - A charter without a call or without confirmed crew still counts its revenue.
 * - Only crew 'confirmed' at the time of the report are paid (their day rate);
 *   asked, declined, standby and dropped crew appear only in the call record.
 * - The captain is the confirmed 'captain' (else 'skipper'); charters without
 *   one are grouped under the "No captain" bucket (captain_crew_id '').
 */

export type ReportAnswer = 'asked' | 'confirmed' | 'declined' | 'standby' | 'dropped';

/** What the report needs of one crew member's response to a call. */
export interface ReportResponse {
  crew_id: string;
  name: string;
  email?: string;
  role: string;
  level: number;
  day_rate: Money;
  state: ReportAnswer;
  /** Epoch seconds the current link was issued. */
  link_issued_at: number;
  notified_at?: string;
  decided_at?: string;
  decided_after_ms?: number;
  decided_within_a_minute?: boolean;
  standby_since?: string;
  reason?: string;
}

export interface ReportCall {
  opened: Array<{ level: number; opened_at: string; closes_at: string }>;
  responses: ReportResponse[];
}

export interface MonthlyReportInput {
  /** YYYY-MM */
  month: string;
  /** Charters outside the month (by local date) are ignored. */
  charters: Array<{ charter: Charter & { starts_at: string }; call?: ReportCall }>;
  /** The roster's current names and emails; preferred over the copies on the call. */
  roster?: Array<{ crew_id: string; name: string; email: string }>;
}

export interface CrewPay {
  crew_id: string;
  name: string;
  role: string;
  pay: Money;
}

export interface CharterRow {
  charter_id: string;
  date: string;
  start: string;
  end: string;
  time_zone: string;
  vessel: string;
  client: string;
  status: 'scheduled' | 'cancelled';
  /** The price on the charter record, shown even when cancelled. */
  quoted_price: Money;
  /** Revenue counted: the quoted price, or zero when cancelled. */
  price: Money;
  /** Confirmed crew's pay in the price's currency (zero when cancelled). */
  crew_cost: Money;
  /** price − crew_cost. */
  net: Money;
  /** Confirmed crew's pay in other currencies, one entry per currency (usually none). */
  other_crew_cost: Money[];
  captain_crew_id: string;
  /** The confirmed captain's name, or '' when none. */
  captain: string;
  /** Paid crew: captain first, then skipper, mate, deckhand, other roles; by name within a role. */
  crew: CrewPay[];
}

/** Figures in one currency. `charters` counts charters priced in it (cancelled included). */
export interface CurrencyFigures {
  currency: string;
  charters: number;
  cancelled: number;
  revenue: Money;
  crew_cost: Money;
  net: Money;
}

export interface VesselFigures extends CurrencyFigures {
  vessel: string;
}

export interface CaptainFigures extends CurrencyFigures {
  /** '' for the "No captain" bucket. */
  captain_crew_id: string;
  captain: string;
}

export interface StatementLine {
  charter_id: string;
  date: string;
  start: string;
  vessel: string;
  role: string;
  pay: Money;
}

export interface CrewStatement {
  crew_id: string;
  name: string;
  email?: string;
  /** In charter order. */
  lines: StatementLine[];
  /** One per currency paid in, by currency code. */
  totals: Money[];
}

/** One crew member asked for one charter: how the call went, for pay questions. */
export interface CallRecordEntry {
  crew_id: string;
  name: string;
  charter_id: string;
  date: string;
  vessel: string;
  charter_status: 'scheduled' | 'cancelled';
  role: string;
  level: number;
  /** When their level opened (else when their link was issued). */
  asked_at: string;
  /** When their level's window closed; null if the level is not on record. */
  window_closes_at: string | null;
  /** When the email with their current link was reported sent. */
  notified_at: string | null;
  /** When they accepted or declined (else joined standby); null if they never answered. */
  answered_at: string | null;
  answer: ReportAnswer;
  /** Answered within a minute of the send (a mail scanner or a hasty tap); null if unanswered. */
  decided_within_a_minute: boolean | null;
  reason: string;
}

export interface MonthlyReport {
  month: string;
  /** Currencies in the report, sorted. */
  currencies: string[];
  /** By start instant, then charter_id. */
  charters: CharterRow[];
  /** By vessel, then currency. */
  by_vessel: VesselFigures[];
  /** By captain name (the "No captain" bucket last), then currency. */
  by_captain: CaptainFigures[];
  /** The month, one entry per currency. */
  totals: CurrencyFigures[];
  /** Crew with at least one paid line, by name then crew_id. */
  statements: CrewStatement[];
  /** By crew name, crew_id, then charter order. */
  call_record: CallRecordEntry[];
}

export const NO_CAPTAIN = 'No captain';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const CAPTAIN_ROLES = ['captain', 'skipper'];
const ROLE_ORDER: readonly string[] = COMMON_ROLES;

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string; crew_id: string }, b: { name: string; crew_id: string }) =>
  cmp(nameSortKey(a.name), nameSortKey(b.name)) || cmp(a.name, b.name) || cmp(a.crew_id, b.crew_id);
const roleRank = (role: string) => {
  const i = ROLE_ORDER.indexOf(role);
  return i === -1 ? ROLE_ORDER.length : i;
};
const money = (amount_cents: number, currency: string): Money => ({ amount_cents, currency });

function checkMoney(m: Money, what: string): void {
  if (!Number.isSafeInteger(m?.amount_cents) || !/^[A-Z]{3}$/.test(m?.currency ?? '')) {
    throw new Error(
      `${what} must be whole cents with an ISO currency code, got ${JSON.stringify(m)}`,
    );
  }
}

/** Adds cents per currency; `entries()` gives them sorted by currency. */
class PerCurrency {
  private readonly cents = new Map<string, number>();
  add(m: Money): void {
    this.cents.set(m.currency, (this.cents.get(m.currency) ?? 0) + m.amount_cents);
  }
  entries(): Money[] {
    return [...this.cents.entries()]
      .sort(([a], [b]) => cmp(a, b))
      .map(([currency, cents]) => money(cents, currency));
  }
}

/** Figures per (group, currency) over the rows; a cancelled row adds only to the counts. */
function groupFigures<K>(rows: CharterRow[], keyOf: (row: CharterRow) => [string, K]) {
  const groups = new Map<string, { key: K; figures: CurrencyFigures }>();
  const at = (id: string, key: K, currency: string) => {
    const k = `${id}\u0000${currency}`;
    let entry = groups.get(k);
    if (!entry) {
      const zero = () => money(0, currency);
      const figures = { currency, charters: 0, cancelled: 0 };
      entry = { key, figures: { ...figures, revenue: zero(), crew_cost: zero(), net: zero() } };
      groups.set(k, entry);
    }
    return entry.figures;
  };
  for (const row of rows) {
    const [id, key] = keyOf(row);
    const f = at(id, key, row.price.currency);
    f.charters += 1;
    if (row.status === 'cancelled') f.cancelled += 1;
    f.revenue.amount_cents += row.price.amount_cents;
    f.crew_cost.amount_cents += row.crew_cost.amount_cents;
    for (const other of row.other_crew_cost) {
      at(id, key, other.currency).crew_cost.amount_cents += other.amount_cents;
    }
  }
  for (const { figures: f } of groups.values()) {
    f.net.amount_cents = f.revenue.amount_cents - f.crew_cost.amount_cents;
  }
  return [...groups.values()];
}

/** Throws unless `month` is YYYY-MM with a month from 01 to 12. */
export function checkMonth(month: string): void {
  if (typeof month !== 'string' || !MONTH.test(month)) {
    throw new Error(
      `month must be YYYY-MM with a month from 01 to 12, e.g. 2026-12; got "${month}"`,
    );
  }
}

export function buildMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  checkMonth(input.month);
  const roster = new Map((input.roster ?? []).map((m) => [m.crew_id, m]));
  const inMonth = input.charters
    .filter(({ charter }) => charter.date.startsWith(`${input.month}-`))
    .sort(
      (a, b) =>
        cmp(a.charter.starts_at, b.charter.starts_at) ||
        cmp(a.charter.charter_id, b.charter.charter_id),
    );

  const rows: CharterRow[] = [];
  const statements = new Map<string, { statement: CrewStatement; pay: PerCurrency }>();
  const record: Array<CallRecordEntry & { order: number }> = [];
  const nameOf = (r: ReportResponse) => roster.get(r.crew_id)?.name ?? r.name;

  inMonth.forEach(({ charter, call }, order) => {
    checkMoney(charter.price, `charter ${charter.charter_id} price`);
    const cancelled = charter.status === 'cancelled';
    const currency = charter.price.currency;
    const confirmed = cancelled
      ? []
      : (call?.responses ?? [])
          .filter((r) => r.state === 'confirmed')
          .map((r) => ({ r, name: nameOf(r) }))
          .sort(
            (a, b) =>
              roleRank(a.r.role) - roleRank(b.r.role) ||
              cmp(a.r.role, b.r.role) ||
              byName(
                { name: a.name, crew_id: a.r.crew_id },
                { name: b.name, crew_id: b.r.crew_id },
              ),
          );
    let sameCurrencyCost = 0;
    const other = new PerCurrency();
    for (const { r } of confirmed) {
      checkMoney(r.day_rate, `day rate of ${r.crew_id} on charter ${charter.charter_id}`);
      if (r.day_rate.currency === currency) sameCurrencyCost += r.day_rate.amount_cents;
      else other.add(r.day_rate);
    }
    const captain = confirmed.find(({ r }) => CAPTAIN_ROLES.includes(r.role));
    const revenue = cancelled ? 0 : charter.price.amount_cents;
    const row: CharterRow = {
      charter_id: charter.charter_id,
      date: charter.date,
      start: charter.start,
      end: charter.end,
      time_zone: charter.time_zone,
      vessel: charter.vessel,
      client: charter.client,
      status: cancelled ? 'cancelled' : 'scheduled',
      quoted_price: money(charter.price.amount_cents, currency),
      price: money(revenue, currency),
      crew_cost: money(sameCurrencyCost, currency),
      net: money(revenue - sameCurrencyCost, currency),
      other_crew_cost: other.entries(),
      captain_crew_id: captain?.r.crew_id ?? '',
      captain: captain?.name ?? '',
      crew: confirmed.map(({ r, name }) => ({
        crew_id: r.crew_id,
        name,
        role: r.role,
        pay: money(r.day_rate.amount_cents, r.day_rate.currency),
      })),
    };
    rows.push(row);

    for (const { r, name } of confirmed) {
      let entry = statements.get(r.crew_id);
      if (!entry) {
        const email = roster.get(r.crew_id)?.email ?? r.email;
        const statement = { crew_id: r.crew_id, name, ...(email ? { email } : {}) };
        entry = { statement: { ...statement, lines: [], totals: [] }, pay: new PerCurrency() };
        statements.set(r.crew_id, entry);
      }
      entry.statement.lines.push({
        charter_id: charter.charter_id,
        date: charter.date,
        start: charter.start,
        vessel: charter.vessel,
        role: r.role,
        pay: money(r.day_rate.amount_cents, r.day_rate.currency),
      });
      entry.pay.add(r.day_rate);
    }

    for (const r of call?.responses ?? []) {
      const level = call?.opened.find((l) => l.level === r.level);
      const answered = r.decided_at ?? r.standby_since ?? null;
      record.push({
        order,
        crew_id: r.crew_id,
        name: nameOf(r),
        charter_id: charter.charter_id,
        date: charter.date,
        vessel: charter.vessel,
        charter_status: row.status,
        role: r.role,
        level: r.level,
        asked_at:
          level?.opened_at ?? new Date(r.link_issued_at * 1000).toISOString().replace('.000Z', 'Z'),
        window_closes_at: level?.closes_at ?? null,
        notified_at: r.notified_at ?? null,
        answered_at: answered,
        answer: r.state,
        decided_within_a_minute: !r.decided_at
          ? null
          : r.decided_after_ms !== undefined
            ? r.decided_after_ms < 60_000
            : (r.decided_within_a_minute ?? null),
        reason: r.reason ?? '',
      });
    }
  });

  const by_vessel = groupFigures(rows, (row) => [row.vessel, row.vessel])
    .sort(
      (a, b) =>
        cmp(nameSortKey(a.key), nameSortKey(b.key)) ||
        cmp(a.key, b.key) ||
        cmp(a.figures.currency, b.figures.currency),
    )
    .map(({ key, figures }) => ({ vessel: key, ...figures }));
  const by_captain = groupFigures(rows, (row) => [
    row.captain_crew_id,
    { crew_id: row.captain_crew_id, name: row.captain || NO_CAPTAIN },
  ])
    .sort(
      (a, b) =>
        cmp(a.key.crew_id === '' ? 1 : 0, b.key.crew_id === '' ? 1 : 0) ||
        byName(a.key, b.key) ||
        cmp(a.figures.currency, b.figures.currency),
    )
    .map(({ key, figures }) => ({ captain_crew_id: key.crew_id, captain: key.name, ...figures }));
  const totals = groupFigures(rows, () => ['', null])
    .map((e) => e.figures)
    .sort((a, b) => cmp(a.currency, b.currency));

  return {
    month: input.month,
    currencies: totals.map((t) => t.currency),
    charters: rows,
    by_vessel,
    by_captain,
    totals,
    statements: [...statements.values()]
      .map(({ statement, pay }) => ({ ...statement, totals: pay.entries() }))
      .sort(byName),
    call_record: record
      .sort((a, b) => byName(a, b) || a.order - b.order)
      .map(({ order: _order, ...entry }) => entry),
  };
}
