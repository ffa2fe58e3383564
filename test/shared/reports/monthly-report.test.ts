import { describe, expect, it } from 'vitest';
import { type Charter, charterTimes } from '../../../shared/charter/index.js';
import {
  buildMonthlyReport,
  type CurrencyFigures,
  type MonthlyReport,
  type MonthlyReportInput,
  type ReportAnswer,
  type ReportResponse,
} from '../../../shared/reports/monthly-report.js';
import fixtureCharters from '../../fixtures/charters.json' with { type: 'json' };

// Fictional crew (the demo roster): id, name, email, day rate in cents.
const crew = {
  abdul: ['c-0001', 'Abdul Rahimi', 45000],
  teresa: ['c-0002', 'Teresa Okafor', 45000],
  liam: ['c-0003', 'Liam Brennan', 42000],
  marisol: ['c-0004', 'Marisol Vega', 30000],
  kenji: ['c-0005', 'Kenji Watanabe', 30000],
  danika: ['c-0007', 'Danika Holm', 22000],
  esmi: ['c-0008', 'Esmi Duarte', 22000],
  owen: ['c-0009', 'Owen Pike', 20000],
  sofia: ['c-0010', 'Sofia Marchetti', 20000],
  hana: ['c-0012', 'Hana Lindqvist', 20000],
} as const;
type Who = keyof typeof crew;
const emailOf = (who: Who) => `${crew[who][1].toLowerCase().replace(' ', '.')}@example.com`;

/** Raw test data: one assignment is [who, role, state, level, optional rate override]. */
type Assignment = [Who, string, ReportAnswer, number, { cents: number; currency: string }?];
interface Raw {
  charter_id: string;
  vessel: string;
  date: string;
  start: string;
  end: string;
  time_zone: string;
  price_cents: number;
  currency: string;
  cancelled?: boolean;
  crew?: Assignment[];
}

const fromFixture = (id: string): Raw => {
  const f = fixtureCharters.find((c) => c.charter_id === id);
  if (!f) throw new Error(id);
  const { price_usd, client: _c, guests: _g, needs: _n, ...rest } = f;
  return { ...rest, price_cents: price_usd * 100, currency: 'USD' };
};

/** "who role state level[ rate]" per assignment, comma-separated; rate like EUR40000. */
const staff = (text: string): Assignment[] =>
  text.split(',').map((part) => {
    const [who, role, state, level, rate] = part.trim().split(' ');
    const override = rate
      ? { cents: Number(rate.slice(3)), currency: rate.slice(0, 3) }
      : undefined;
    return [who as Who, role as string, state as ReportAnswer, Number(level), override];
  });

const raws: Raw[] = [
  {
    ...fromFixture('CH-2026-1205-A'),
    crew: staff(
      'abdul captain confirmed 1, marisol mate confirmed 2, kenji mate declined 2, ' +
        'danika deckhand confirmed 3, esmi deckhand confirmed 3, owen deckhand asked 3',
    ),
  },
  {
    ...fromFixture('CH-2026-1205-B'),
    crew: staff('teresa captain confirmed 1, owen deckhand confirmed 3, hana deckhand standby 4'),
  },
  // A call nobody accepted: the revenue still counts, with no captain.
  { ...fromFixture('CH-2026-1212-A'), crew: staff('liam captain declined 2') },
  {
    ...fromFixture('CH-2026-1231-A'),
    crew: staff(
      'liam captain confirmed 2, kenji mate confirmed 2, sofia deckhand dropped 4, esmi deckhand confirmed 3',
    ),
  },
  { ...fromFixture('CH-2027-0314-A'), crew: staff('teresa captain confirmed 1') },
  // Test-only additions: a cancelled charter, and one priced in euros with a deckhand paid in dollars.
  {
    ...fromFixture('CH-2026-1212-A'),
    charter_id: 'CH-2026-1219-X',
    date: '2026-12-19',
    price_cents: 250000,
    cancelled: true,
    crew: staff('abdul captain confirmed 1'),
  },
  {
    ...fromFixture('CH-2026-1205-A'),
    charter_id: 'CH-2026-1220-E',
    vessel: 'Andorinha',
    date: '2026-12-20',
    time_zone: 'Europe/Lisbon',
    price_cents: 150050,
    currency: 'EUR',
    crew: staff('abdul captain confirmed 1 EUR40000, owen deckhand confirmed 3'),
  },
];

const rateOf = (a: Assignment) => a[4] ?? { cents: crew[a[0]][2], currency: 'USD' };

function toInput(month: string, list: Raw[] = raws): MonthlyReportInput {
  return {
    month,
    roster: (Object.keys(crew) as Who[]).map((w) => ({
      crew_id: crew[w][0],
      name: crew[w][1],
      email: emailOf(w),
    })),
    charters: list.map((r) => {
      const base = { date: r.date, start: r.start, end: r.end, time_zone: r.time_zone };
      const charter: Charter & { starts_at: string } = {
        charter_id: r.charter_id,
        vessel: r.vessel,
        ...base,
        client: 'Example client',
        guests: 10,
        needs: { captain: 1 },
        price: { amount_cents: r.price_cents, currency: r.currency },
        meeting_point: 'Dock B',
        notes: '',
        status: r.cancelled ? 'cancelled' : 'scheduled',
        created_at: '2026-11-01T00:00:00Z',
        updated_at: '2026-11-01T00:00:00Z',
        version: 1,
        starts_at: charterTimes(base).starts_at,
      };
      if (!r.crew) return { charter };
      const opened = [1, 2, 3, 4].map((level) => {
        const day = `2026-11-2${level}`;
        return { level, opened_at: `${day}T17:00:00Z`, closes_at: `${day}T23:00:00Z` };
      });
      const responses: ReportResponse[] = r.crew.map((a) => {
        const [who, role, state, level] = a;
        const rate = rateOf(a);
        const answered = state !== 'asked';
        // Level 1 answers 20 s after the send, the others 10 minutes after.
        const after = level === 1 ? 20_000 : 600_000;
        const sent = Date.parse(`2026-11-2${level}T17:00:30Z`);
        return {
          crew_id: crew[who][0],
          name: crew[who][1],
          role,
          level,
          day_rate: { amount_cents: rate.cents, currency: rate.currency },
          state,
          link_issued_at: Date.parse(`2026-11-2${level}T17:00:00Z`) / 1000,
          notified_at: new Date(sent).toISOString(),
          ...(answered && state !== 'standby'
            ? { decided_at: new Date(sent + after).toISOString(), decided_after_ms: after }
            : {}),
          ...(state === 'standby' ? { standby_since: '2026-11-24T18:00:00.000Z' } : {}),
          ...(state === 'declined' ? { reason: 'Away that weekend' } : {}),
        };
      });
      return { charter, call: { opened, responses } };
    }),
  };
}

/** The expected figures, computed the plain way: one loop over the raw numbers. */
function expected(month: string, list: Raw[] = raws) {
  const totals: Record<string, { charters: number; revenue: number; cost: number }> = {};
  const pay: Record<string, Record<string, number>> = {};
  const lines: Record<string, string[]> = {};
  const bucket = (currency: string) => {
    totals[currency] ??= { charters: 0, revenue: 0, cost: 0 };
    return totals[currency];
  };
  for (const r of list) {
    if (r.date.slice(0, 7) !== month) continue;
    bucket(r.currency).charters++;
    if (r.cancelled) continue;
    bucket(r.currency).revenue += r.price_cents;
    for (const a of r.crew ?? []) {
      if (a[2] !== 'confirmed') continue;
      const { cents, currency } = rateOf(a);
      bucket(currency).cost += cents;
      const id = crew[a[0]][0];
      pay[id] = { ...pay[id], [currency]: (pay[id]?.[currency] ?? 0) + cents };
      lines[id] = [...(lines[id] ?? []), r.charter_id];
    }
  }
  return { totals, pay, lines };
}

const usd = (amount_cents: number) => ({ amount_cents, currency: 'USD' });
const eur = (amount_cents: number) => ({ amount_cents, currency: 'EUR' });
/** A figures entry as [currency, charters, cancelled, revenue, crew cost, net]. */
const flat = (f: CurrencyFigures) => [
  f.currency,
  f.charters,
  f.cancelled,
  f.revenue.amount_cents,
  f.crew_cost.amount_cents,
  f.net.amount_cents,
];
/** The month's totals against the plain computation; every amount in whole cents. */
function expectMatches(report: MonthlyReport, want: ReturnType<typeof expected>) {
  expect(report.currencies).toEqual(Object.keys(want.totals).sort());
  for (const t of report.totals) {
    const w = want.totals[t.currency] ?? { charters: NaN, revenue: NaN, cost: NaN };
    expect(flat(t)).toEqual([
      t.currency,
      w.charters,
      t.cancelled,
      w.revenue,
      w.cost,
      w.revenue - w.cost,
    ]);
  }
  const amounts = JSON.stringify(report).match(/"amount_cents":[^,}]+/g) ?? [];
  expect(amounts.filter((a) => !Number.isSafeInteger(Number(a.slice(15))))).toEqual([]);
}
const sumBy = <T>(
  items: T[],
  currency: string,
  get: (t: T) => { amount_cents: number; currency: string }[],
) =>
  items
    .flatMap(get)
    .filter((m) => m.currency === currency)
    .reduce((n, m) => n + m.amount_cents, 0);

describe('buildMonthlyReport over the fixture charters', () => {
  const december = buildMonthlyReport(toInput('2026-12'));

  it('puts each charter in the month of its local start date', () => {
    expect(december.charters.map((c) => c.charter_id)).toEqual([
      'CH-2026-1205-A',
      'CH-2026-1205-B',
      'CH-2026-1212-A',
      'CH-2026-1219-X',
      'CH-2026-1220-E',
      'CH-2026-1231-A', // starts 2027-01-01T05:00Z, but on New Year's Eve in Los Angeles
    ]);
    expect(buildMonthlyReport(toInput('2027-01')).charters).toEqual([]);
    expect(buildMonthlyReport(toInput('2027-02')).charters).toEqual([]);
    expect(buildMonthlyReport(toInput('2027-03')).charters.map((c) => c.charter_id)).toEqual([
      'CH-2027-0314-A',
    ]);
  });

  it('matches an independent computation, per currency, in whole cents', () => {
    for (const month of ['2026-12', '2027-03']) {
      expectMatches(buildMonthlyReport(toInput(month)), expected(month));
    }
    // The same figures, by hand: USD 3200+1450+6800+5200 = 16650.00 revenue; crew
    // 1190 + 650 + 0 + 940 (Liam, Kenji, Esmi) + 0 (cancelled) + 200 (Owen, paid in USD) = 2980.00.
    expect(december.totals.map(flat)).toEqual([
      ['EUR', 1, 0, 150050, 40000, 110050],
      ['USD', 5, 1, 1665000, 298000, 1367000],
    ]);
  });

  it('adds up: rows, vessels and captains each sum to the month, currency by currency', () => {
    for (const t of december.totals) {
      const c = t.currency;
      const rowsRevenue = sumBy(december.charters, c, (r) => [r.price]);
      const rowsCost = sumBy(december.charters, c, (r) => [r.crew_cost, ...r.other_crew_cost]);
      const rowsPay = sumBy(december.charters, c, (r) => r.crew.map((x) => x.pay));
      expect([rowsRevenue, rowsCost, rowsPay]).toEqual([
        t.revenue.amount_cents,
        t.crew_cost.amount_cents,
        t.crew_cost.amount_cents,
      ]);
      for (const groups of [december.by_vessel, december.by_captain]) {
        const mine = groups.filter((g) => g.currency === c);
        expect(mine.reduce((n, g) => n + g.revenue.amount_cents, 0)).toBe(t.revenue.amount_cents);
        expect(mine.reduce((n, g) => n + g.crew_cost.amount_cents, 0)).toBe(
          t.crew_cost.amount_cents,
        );
        expect(mine.reduce((n, g) => n + g.net.amount_cents, 0)).toBe(t.net.amount_cents);
        expect(mine.reduce((n, g) => n + g.charters, 0)).toBe(t.charters);
      }
      const paid = sumBy(december.statements, c, (s) => s.totals);
      expect(paid).toBe(t.crew_cost.amount_cents);
    }
    for (const row of december.charters) {
      expect(row.net.amount_cents).toBe(row.price.amount_cents - row.crew_cost.amount_cents);
    }
  });

  it('never mixes currencies: euro revenue with dollar pay stays in two buckets', () => {
    const row = december.charters.find((r) => r.charter_id === 'CH-2026-1220-E');
    expect(row).toMatchObject({
      price: eur(150050),
      crew_cost: eur(40000),
      net: eur(110050),
      other_crew_cost: [usd(20000)],
    });
    const andorinha = december.by_vessel.filter((v) => v.vessel === 'Andorinha');
    expect(andorinha.map(flat)).toEqual([
      ['EUR', 1, 0, 150050, 40000, 110050],
      ['USD', 0, 0, 0, 20000, -20000],
    ]);
    const abdul = december.statements.find((s) => s.crew_id === 'c-0001');
    expect(abdul?.totals).toEqual([eur(40000), usd(45000)]);
  });

  it('lists a cancelled charter with zero revenue and crew cost, and pays nobody for it', () => {
    const row = december.charters.find((r) => r.charter_id === 'CH-2026-1219-X');
    expect(row).toMatchObject({
      status: 'cancelled',
      quoted_price: usd(250000),
      price: usd(0),
      crew_cost: usd(0),
      net: usd(0),
      captain: '',
      crew: [],
    });
    expect(december.statements.flatMap((s) => s.lines).map((l) => l.charter_id)).not.toContain(
      'CH-2026-1219-X',
    );
    expect(december.call_record.filter((e) => e.charter_id === 'CH-2026-1219-X')).toEqual([
      expect.objectContaining({
        crew_id: 'c-0001',
        answer: 'confirmed',
        charter_status: 'cancelled',
      }),
    ]);
  });

  it('counts a charter without confirmed crew and groups it under "No captain"', () => {
    const row = december.charters.find((r) => r.charter_id === 'CH-2026-1212-A');
    expect(row).toMatchObject({
      price: { amount_cents: 680000 },
      crew_cost: { amount_cents: 0 },
      captain: '',
      crew: [],
    });
    const last = december.by_captain.filter((c) => c.captain_crew_id === '');
    expect(
      last.map((c) => [c.captain, c.currency, c.charters, c.cancelled, c.revenue.amount_cents]),
    ).toEqual([['No captain', 'USD', 2, 1, 680000]]);
    expect(december.by_captain.map((c) => c.captain)).toEqual([
      'Abdul Rahimi',
      'Abdul Rahimi',
      'Liam Brennan',
      'Teresa Okafor',
      'No captain',
    ]);
  });

  it('gives each crew member a statement with only their own confirmed lines', () => {
    const want = expected('2026-12');
    expect(december.statements.map((s) => s.crew_id).sort()).toEqual(
      Object.keys(want.lines).sort(),
    );
    expect(december.statements.map((s) => s.name)).toEqual(
      [...december.statements.map((s) => s.name)].sort((a, b) => (a < b ? -1 : 1)),
    );
    for (const s of december.statements) {
      expect(s.lines.map((l) => l.charter_id).sort()).toEqual(
        [...(want.lines[s.crew_id] ?? [])].sort(),
      );
      expect(Object.fromEntries(s.totals.map((t) => [t.currency, t.amount_cents]))).toEqual(
        want.pay[s.crew_id],
      );
      expect(s.email).toMatch(/@example\.com$/);
    }
    const owen = december.statements.find((s) => s.name === 'Owen Pike');
    expect(
      owen?.lines.map((l) => [l.charter_id, l.date, l.start, l.vessel, l.role, l.pay]),
    ).toEqual([
      ['CH-2026-1205-B', '2026-12-05', '16:30', 'Blue Heron', 'deckhand', usd(20000)],
      ['CH-2026-1220-E', '2026-12-20', '09:00', 'Andorinha', 'deckhand', usd(20000)],
    ]);
  });

  it('keeps the call record: asked at which level, when sent, when answered', () => {
    const sofia = december.call_record.filter((e) => e.crew_id === 'c-0010');
    expect(sofia).toEqual([
      {
        crew_id: 'c-0010',
        name: 'Sofia Marchetti',
        charter_id: 'CH-2026-1231-A',
        date: '2026-12-31',
        vessel: 'Blue Heron',
        charter_status: 'scheduled',
        role: 'deckhand',
        level: 4,
        asked_at: '2026-11-24T17:00:00Z',
        window_closes_at: '2026-11-24T23:00:00Z',
        notified_at: '2026-11-24T17:00:30.000Z',
        answered_at: '2026-11-24T17:10:30.000Z',
        answer: 'dropped',
        decided_within_a_minute: false,
        reason: '',
      },
    ]);
    const abdul = december.call_record.find((e) => e.crew_id === 'c-0001');
    expect(abdul).toMatchObject({ level: 1, decided_within_a_minute: true });
    const owenAsked = december.call_record.find(
      (e) => e.crew_id === 'c-0009' && e.answer === 'asked',
    );
    expect(owenAsked).toMatchObject({ answered_at: null, decided_within_a_minute: null });
    const kenji = december.call_record.find(
      (e) => e.crew_id === 'c-0005' && e.answer === 'declined',
    );
    expect(kenji?.reason).toBe('Away that weekend');
    const responses = raws.filter((r) => r.date.startsWith('2026-12')).flatMap((r) => r.crew ?? []);
    expect(december.call_record).toHaveLength(responses.length);
  });

  it('is deterministic whatever order the charters and responses come in', () => {
    const input = toInput('2026-12');
    const shuffled = {
      ...input,
      charters: [...input.charters]
        .reverse()
        .map((c) =>
          c.call ? { ...c, call: { ...c.call, responses: [...c.call.responses].reverse() } } : c,
        ),
    };
    expect(buildMonthlyReport(shuffled)).toEqual(december);
  });

  it('refuses a malformed month and amounts that are not whole cents', () => {
    for (const month of ['2026-13', '2026-00', '2026-1', '', 'December']) {
      expect(() => buildMonthlyReport({ month, charters: [] })).toThrow(/month must be YYYY-MM/);
    }
    const input = toInput('2026-12');
    const first = input.charters[0] as { charter: { price: { amount_cents: number } } };
    first.charter.price.amount_cents = 3200.5;
    expect(() => buildMonthlyReport(input)).toThrow(/whole cents/);
  });
});

describe('buildMonthlyReport at volume', () => {
  it('computes 1,000 charters in a month quickly, with exact totals', () => {
    let seed = 20261201;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const who = Object.keys(crew) as Who[];
    const many: Raw[] = Array.from({ length: 1000 }, (_, i) => ({
      charter_id: `CH-GEN-${String(i).padStart(4, '0')}`,
      vessel: ['Sea Lark', 'Blue Heron', 'Kestrel', 'Andorinha'][next(4)] as string,
      date: `2026-07-${String(1 + next(31)).padStart(2, '0')}`,
      start: `${String(6 + next(12)).padStart(2, '0')}:${next(2) ? '30' : '00'}`,
      end: '23:00',
      time_zone: 'America/Los_Angeles',
      price_cents: 10_000 + next(900_000),
      currency: next(5) === 0 ? 'EUR' : 'USD',
      ...(next(20) === 0 ? { cancelled: true } : {}),
      crew: Array.from(
        { length: next(6) },
        (_, k): Assignment => [
          who[(i + k) % who.length] as Who,
          k === 0 ? 'captain' : 'deckhand',
          (['confirmed', 'confirmed', 'declined', 'asked'] as const)[next(4)] as ReportAnswer,
          1 + next(4),
        ],
      ),
    }));
    const input = toInput('2026-07', many);
    const began = performance.now();
    const report = buildMonthlyReport(input);
    const took = performance.now() - began;
    expect(report.charters).toHaveLength(1000);
    expect(took).toBeLessThan(1000);
    expectMatches(report, expected('2026-07', many));
    for (const t of report.totals) {
      expect(sumBy(report.charters, t.currency, (r) => [r.net])).toBe(
        t.net.amount_cents + sumBy(report.charters, t.currency, (r) => r.other_crew_cost),
      );
      expect(sumBy(report.by_vessel, t.currency, (v) => [v.net])).toBe(t.net.amount_cents);
      expect(sumBy(report.statements, t.currency, (s) => s.totals)).toBe(t.crew_cost.amount_cents);
    }
  });
});
