import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_ADMIN_ACCESS_KEY_ID,
  DEV_ADMIN_SECRET_ACCESS_KEY,
} from '../../edge-api/src/config/index.js';
import {
  buildMonthlyReport,
  type MonthlyReportInput,
} from '../../shared/reports/monthly-report.js';
import { createHarness, type Harness } from '../apps-script-harness/index.js';
import { CHARTERS_HEADER, TIME_ZONE } from './support/office.js';
import { startReportStub } from './support/report-stub.js';

const OWNERS = ['owner.one@example.com', 'owner.two@example.com'];
const CREW = 400;

/** February 2027 with 400 paid crew, one charter each: more statements than six minutes of sending. */
function bigRosterMonth(): MonthlyReportInput {
  const roster = Array.from({ length: CREW }, (_, i) => ({
    crew_id: `crew-${String(i).padStart(3, '0')}`,
    name: `Deckhand ${String(i).padStart(3, '0')}`,
    email: `deckhand${String(i).padStart(3, '0')}@example.com`,
  }));
  return {
    month: '2027-02',
    roster,
    charters: roster.map((member, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const hour = String(6 + (i % 12)).padStart(2, '0');
      return {
        charter: {
          charter_id: `ROSTER-${String(i).padStart(3, '0')}`,
          vessel: 'Sea Lark',
          date: `2027-02-${day}`,
          start: `${hour}:00`,
          end: `${hour}:45`,
          time_zone: TIME_ZONE,
          client: `Client ${i}`,
          guests: 6,
          needs: { deckhand: 1 },
          price: { amount_cents: 100_000, currency: 'USD' },
          meeting_point: 'Dock B',
          notes: '',
          status: 'scheduled',
          created_at: '2027-01-01T00:00:00Z',
          updated_at: '2027-01-01T00:00:00Z',
          version: 1,
          starts_at: `2027-02-${day}T${hour}:00:00Z`,
        },
        call: {
          opened: [
            { level: 3, opened_at: '2027-01-01T00:00:00Z', closes_at: '2027-01-01T12:00:00Z' },
          ],
          responses: [
            {
              ...member,
              role: 'deckhand',
              level: 3,
              day_rate: { amount_cents: 20_000, currency: 'USD' },
              state: 'confirmed' as const,
              link_issued_at: 1_798_761_600,
              decided_at: '2027-01-02T00:00:00Z',
              decided_after_ms: 120_000,
            },
          ],
        },
      };
    }),
  };
}

describe('the monthly report within the 6-minute limit', () => {
  let stub: ChildProcess | undefined;
  let dir: string | undefined;
  const offices: Harness[] = [];
  afterAll(async () => {
    for (const office of offices) await office.close();
    stub?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crewcall-report-'));
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(buildMonthlyReport(bigRosterMonth())));
    const started = startReportStub(file, '2027-02');
    stub = started.child;
    url = await started.url;
  });

  function openOffice(): Harness {
    const h = createHarness({
      timeZone: TIME_ZONE,
      now: new Date('2027-03-01T14:00:00Z'), // 6 am on 1 March in Los Angeles
      sheets: { Charters: [CHARTERS_HEADER] },
      dailyEmailQuota: 1500,
      scriptProperties: {
        CREWCALL_API_URL: url,
        CREWCALL_REGION: 'us-west-2',
        CREWCALL_ACCESS_KEY_ID: DEV_ADMIN_ACCESS_KEY_ID,
        CREWCALL_SECRET_ACCESS_KEY: DEV_ADMIN_SECRET_ACCESS_KEY,
        CREWCALL_OWNER_EMAILS: OWNERS.join(', '),
      },
    });
    offices.push(h);
    h.load();
    return h;
  }

  /** Timer runs, five minutes apart, until everyone has had theirs (at most `runs`). */
  function timerUntilAllSent(h: Harness, runs: number) {
    for (let run = 0; run < runs && h.outbox.length < 1 + CREW; run++) {
      h.clock.advance(5 * 60_000);
      h.runTrigger('tick');
      expect(h.executions.at(-1)?.outcome).toBe('completed');
    }
  }

  function expectEveryoneOnce(h: Harness) {
    const to = h.outbox.map((m) => m.to.join(','));
    expect(to.filter((t) => t === OWNERS.join(','))).toHaveLength(1);
    expect(to).toHaveLength(1 + CREW);
    expect(new Set(to).size).toBe(1 + CREW);
    expect(h.properties.script.getProperty('CREWCALL_REPORT_PENDING')).toBeNull();
  }

  it('a big roster’s statements continue in the next timer runs, and nobody gets theirs twice', () => {
    const h = openOffice();
    h.runTrigger('monthlyReportTrigger');
    // Not killed: it stopped a minute before the limit and says how many wait.
    expect(h.executions.at(-1)?.outcome).toBe('completed');
    const firstRun = h.outbox.length;
    expect(firstRun).toBeGreaterThan(200);
    expect(firstRun).toBeLessThan(1 + CREW);
    const summary = h.logs.at(-1)?.message ?? '';
    expect(summary).toContain(
      `Not sent yet, this run neared Apps Script's 6-minute limit: ${1 + CREW - firstRun} statements`,
    );

    // The timer carries on, run after run, until everyone has theirs.
    timerUntilAllSent(h, 3);
    expectEveryoneOnce(h);

    // Nothing pending: the next timer run sends nothing more.
    h.clock.advance(5 * 60_000);
    h.runTrigger('tick');
    expect(h.outbox).toHaveLength(1 + CREW);
  }, 120_000);

  it('the monthly trigger finding another run busy leaves the report to the timer', () => {
    const h = openOffice();
    h.locks.hold('script');
    h.runTrigger('monthlyReportTrigger');
    expect(h.outbox).toHaveLength(0);
    expect(h.logs.at(-1)?.message).toBe(
      'crewcall monthly report 2027-02: another run holds the script lock; the timer runs the report when it is free.',
    );
    h.locks.release('script');
    timerUntilAllSent(h, 4);
    expectEveryoneOnce(h);
  }, 120_000);
});
