import type { Money } from '../../../shared/money/index.js';
import type { CurrencyFigures, MonthlyReport } from '../../../shared/reports/monthly-report.js';
import {
  amount,
  currencyFormat,
  DATE,
  DATE_TIME,
  moneyListText,
  TEXT,
  WHOLE,
  wallClock,
} from './report-format.js';

/**
 * The report's tabs laid out as grids: values, a number format for every cell
 * and which rows are bold (headers and totals). Pure: the workbook writer
 * turns each tab into one setNumberFormats, one setValues and one
 * setFontWeights, however many charters the month had.
 */
export type CellValue = string | number | Date;
export interface Tab {
  name: string;
  values: CellValue[][];
  formats: string[][];
  bold: boolean[];
}

type Cell = [value: CellValue, format: string];

class TabBuilder {
  private readonly rows: Cell[][] = [];
  private readonly bold: boolean[] = [];
  constructor(
    private readonly name: string,
    private readonly width: number,
  ) {}
  add(cells: Cell[], bold = false): void {
    const row = cells.slice(0, this.width);
    while (row.length < this.width) row.push(['', TEXT]);
    this.rows.push(row);
    this.bold.push(bold);
  }
  header(names: string[]): void {
    this.add(names.map(text), true);
  }
  blank(): void {
    this.add([]);
  }
  build(): Tab {
    return {
      name: this.name,
      values: this.rows.map((row) => row.map((c) => c[0])),
      formats: this.rows.map((row) => row.map((c) => c[1])),
      bold: [...this.bold],
    };
  }
}

const text = (value: string): Cell => [value, TEXT];
const whole = (value: number): Cell => [value, WHOLE];
const money = (m: Money): Cell => [amount(m), currencyFormat(m.currency)];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const FIGURES = ['Currency', 'Charters', 'Cancelled', 'Revenue', 'Crew cost', 'Net'];
const figures = (f: CurrencyFigures): Cell[] => [
  text(f.currency),
  whole(f.charters),
  whole(f.cancelled),
  money(f.revenue),
  money(f.crew_cost),
  money(f.net),
];

/**
 * Every tab of the month, in order. `timeZone` is the report spreadsheet's;
 * `title` names the month ("December 2026 (to date, 2 Dec)"), `note` says why
 * the figures are not the whole month, if they are not.
 */
export function buildTabs(
  report: MonthlyReport,
  timeZone: string,
  generatedAt: Date,
  title: string,
  note: string | null,
): Tab[] {
  const date = (ymd: string): Cell => [wallClock(ymd, timeZone), DATE];
  const instant = (iso: string | null): Cell => (iso ? [new Date(iso), DATE_TIME] : text(''));
  return [
    summaryTab(report, generatedAt, title, note),
    byVesselTab(report),
    byCrewTab(report, date),
    chartersTab(report, date),
    callRecordTab(report, date, instant),
  ];
}

function summaryTab(
  report: MonthlyReport,
  generatedAt: Date,
  label: string,
  note: string | null,
): Tab {
  const tab = new TabBuilder('Summary', 7);
  tab.header(['Month', ...FIGURES]);
  if (report.totals.length === 0) tab.add([text(label), text(''), whole(0), whole(0)], true);
  for (const t of report.totals) tab.add([text(label), ...figures(t)], true);
  tab.blank();
  tab.header(['Vessel', ...FIGURES]);
  for (const v of report.by_vessel) tab.add([text(v.vessel), ...figures(v)]);
  tab.blank();
  tab.header(['Captain', ...FIGURES]);
  for (const c of report.by_captain) tab.add([text(c.captain), ...figures(c)]);
  tab.blank();
  tab.add([text('Crew paid'), text(plural(report.statements.length, 'statement'))]);
  tab.add([text('Generated'), [generatedAt, DATE_TIME]]);
  if (note) tab.add([text('Note'), text(note)], true);
  return tab.build();
}

function byVesselTab(report: MonthlyReport): Tab {
  const tab = new TabBuilder('By vessel', 7);
  tab.header(['Vessel', ...FIGURES]);
  for (const v of report.by_vessel) tab.add([text(v.vessel), ...figures(v)]);
  for (const t of report.totals) tab.add([text('Total'), ...figures(t)], true);
  return tab.build();
}

function byCrewTab(report: MonthlyReport, date: (ymd: string) => Cell): Tab {
  const tab = new TabBuilder('By crew', 8);
  tab.header(['Crew', 'Email', 'Date', 'Start', 'Vessel', 'Charter', 'Role', 'Pay']);
  const all = new Map<string, number>();
  for (const s of report.statements) {
    for (const line of s.lines) {
      tab.add([
        text(s.name),
        text(s.email ?? ''),
        date(line.date),
        text(line.start),
        text(line.vessel),
        text(line.charter_id),
        text(line.role),
        money(line.pay),
      ]);
    }
    for (const total of s.totals) {
      tab.add(
        [
          text(`${s.name} total`),
          text(''),
          text(''),
          text(''),
          text(''),
          text(plural(s.lines.length, 'charter')),
          text(''),
          money(total),
        ],
        true,
      );
      all.set(total.currency, (all.get(total.currency) ?? 0) + total.amount_cents);
    }
  }
  for (const [currency, cents] of [...all].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cells: Cell[] = [text('Total'), text(plural(report.statements.length, 'crew member'))];
    while (cells.length < 7) cells.push(text(''));
    tab.add([...cells, money({ amount_cents: cents, currency })], true);
  }
  return tab.build();
}

function chartersTab(report: MonthlyReport, date: (ymd: string) => Cell): Tab {
  const tab = new TabBuilder('Charters', 14);
  tab.header([
    'Date',
    'Start',
    'End',
    'Charter',
    'Vessel',
    'Client',
    'Status',
    'Captain',
    'Crew',
    'Quoted price',
    'Revenue',
    'Crew cost',
    'Net',
    'Other crew cost',
  ]);
  for (const c of report.charters) {
    tab.add([
      date(c.date),
      text(c.start),
      text(c.end),
      text(c.charter_id),
      text(c.vessel),
      text(c.client),
      text(c.status),
      text(c.captain),
      text(c.crew.map((p) => `${p.name} (${p.role})`).join(', ')),
      money(c.quoted_price),
      money(c.price),
      money(c.crew_cost),
      money(c.net),
      text(c.other_crew_cost.length ? moneyListText(c.other_crew_cost) : ''),
    ]);
  }
  for (const t of report.totals) {
    const count = `${plural(t.charters, 'charter')}${t.cancelled ? `, ${t.cancelled} cancelled` : ''}`;
    tab.add(
      [
        text('Total'),
        text(''),
        text(''),
        text(count),
        text(''),
        text(''),
        text(''),
        text(''),
        text(''),
        text(t.currency),
        money(t.revenue),
        money(t.crew_cost),
        money(t.net),
      ],
      true,
    );
  }
  return tab.build();
}

function callRecordTab(
  report: MonthlyReport,
  date: (ymd: string) => Cell,
  instant: (iso: string | null) => Cell,
): Tab {
  const tab = new TabBuilder('Call record', 14);
  tab.header([
    'Crew',
    'Charter',
    'Date',
    'Vessel',
    'Charter status',
    'Role',
    'Level',
    'Asked at',
    'Window closed',
    'Email sent',
    'Answered at',
    'Answer',
    'Within a minute',
    'Reason',
  ]);
  for (const e of report.call_record) {
    const quick = e.decided_within_a_minute;
    tab.add([
      text(e.name),
      text(e.charter_id),
      date(e.date),
      text(e.vessel),
      text(e.charter_status),
      text(e.role),
      whole(e.level),
      instant(e.asked_at),
      instant(e.window_closes_at),
      instant(e.notified_at),
      instant(e.answered_at),
      text(e.answer),
      text(quick === null ? '' : quick ? 'yes' : 'no'),
      text(e.reason),
    ]);
  }
  const confirmed = report.call_record.filter((e) => e.answer === 'confirmed').length;
  tab.add(
    [
      text('Total'),
      text(plural(report.call_record.length, 'response')),
      ...Array.from({ length: 9 }, () => text('')),
      text(`${confirmed} confirmed`),
    ],
    true,
  );
  return tab.build();
}
