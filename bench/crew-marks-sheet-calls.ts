import { existsSync } from 'node:fs';
import {
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from '../edge-api/src/local/dynamodb-local.js';
import type { RosterAnswer } from '../shared/api/index.js';
import { type Office, openOffice, startEdgeServer } from '../test/apps-script/support/office.js';
import { postCrewForm } from '../test/support/crew-links.js';
import { addDeckhands, signedRequest } from './apps-script-service-calls.js';

/**
 * `npm run bench -- --only crew-marks`: the timer's Sheets calls when crew have marked their
 * availability on the portal: N crew each changing M days over two month tabs (December dates
 * down, January crew down), then timer runs until no mark is pending (a due answer hands over
 * at most 200). Per run and per tab the reads and writes must not grow with the marks:
 * getValues, getFormulas and getNumberFormats of the data range, one setValues.
 */
const START = new Date('2026-11-28T17:00:00Z');
const SCENARIOS = [
  { crew: 5, marks: 1 },
  { crew: 50, marks: 10 },
] as const;
const DAYS = [
  '2026-12-20',
  '2026-12-21',
  '2026-12-22',
  '2026-12-23',
  '2026-12-24',
  '2027-01-05',
  '2027-01-06',
  '2027-01-07',
  '2027-01-08',
  '2027-01-09',
];

const READS = ['getValues', 'getValue', 'getDisplayValues', 'getFormulas', 'getNumberFormats'];
const WRITES = ['setValues', 'setValue', 'setFormulas', 'clearContent'];

function december(keys: string[]): unknown[][] {
  return [
    ['Date', ...keys],
    ...Array.from({ length: 31 }, (_, d) => [
      new Date(Date.UTC(2026, 11, d + 1, 8)),
      ...keys.map(() => ''),
    ]),
  ];
}
function january(keys: string[]): unknown[][] {
  return [
    ['Crew', ...Array.from({ length: 31 }, (_, d) => new Date(Date.UTC(2027, 0, d + 1, 8)))],
    ...keys.map((k) => [k, ...Array.from({ length: 31 }, () => '')]),
  ];
}

interface Row {
  scenario: string;
  run: number;
  tab: string;
  reads: number;
  writes: number;
  formats: number;
  urlFetch: number;
  written: number;
}

async function measure(endpoint: string, crew: number, marks: number): Promise<Row[]> {
  const edge = await startEdgeServer(START, endpoint);
  let office: Office | undefined;
  try {
    const keys = await addDeckhands(edge, crew);
    const roster = await signedRequest<RosterAnswer>(edge, START, 'GET', '/api/crew?active=true');
    const ids = roster.crew.filter((c) => keys.includes(c.availability_key));
    // Each crew member marks `marks` days; with one mark each, half of them in each tab.
    await Promise.all(
      ids.map(async (c, i) => {
        const { url } = await signedRequest<{ url: string }>(
          edge,
          START,
          'POST',
          '/api/links/portal',
          {
            crew_id: c.crew_id,
          },
        );
        const days = marks === 1 ? [DAYS[i % 2 === 0 ? 0 : 5] as string] : DAYS.slice(0, marks);
        const fields: Record<string, string> = {};
        for (const day of days) {
          Object.assign(fields, {
            [`kind_${day}`]: 'yes',
            [`after_${day}`]: '',
            [`note_${day}`]: '',
            [`was_${day}`]: '||',
          });
        }
        const res = await postCrewForm(`${url}/availability`, fields);
        if (res.status !== 303) throw new Error(`bench: portal save answered ${res.status}`);
      }),
    );
    office = openOffice(edge, START, [], {
      'December 2026': december(keys),
      'Jan 2027': january(keys),
    });
    const { harness } = office;
    const rows: Row[] = [];
    for (let run = 1; run <= 5; run++) {
      await office.setClock(new Date(START.getTime() + run * 5 * 60_000));
      harness.calls.reset();
      const tabs = ['December 2026', 'Jan 2027'].map((t) => [t, harness.sheet(t)._calls] as const);
      for (const [, c] of tabs) c.reset();
      const summary = harness.runTrigger('tick') as { marksWritten: number };
      const urlFetch = harness.calls.count('UrlFetchApp.fetch');
      for (const [tab, c] of tabs) {
        const sum = (names: string[]) =>
          names.reduce((n, m) => n + c.count(`SpreadsheetApp.Range.${m}`), 0);
        rows.push({
          scenario: `${crew} crew × ${marks} mark${marks === 1 ? '' : 's'}`,
          run,
          tab,
          reads: sum(READS),
          writes: sum(WRITES),
          formats: c.total('SpreadsheetApp.Range.set') - sum(WRITES),
          urlFetch,
          written: summary.marksWritten,
        });
      }
      if (summary.marksWritten === 0) break;
    }
    return rows;
  } finally {
    await office?.harness.close();
    await edge.stop();
  }
}

export async function runCrewMarksSheetCalls(): Promise<void> {
  if (!existsSync('dist/apps-script/Code.js')) {
    throw new Error('dist/apps-script/Code.js is missing: run npm run build first');
  }
  let dynamo: RunningDynamoDbLocal | undefined;
  try {
    console.log('Starting DynamoDB Local (in memory) ...');
    dynamo = await startDynamoDbLocal();
    const rows: Row[] = [];
    for (const s of SCENARIOS) {
      console.log(`  ${s.crew} crew × ${s.marks} mark(s): portal saves, then timer runs ...`);
      rows.push(...(await measure(dynamo.endpoint, s.crew, s.marks)));
    }
    console.log(
      "\nThe timer's Sheets calls per month tab, per run, after crew marked their availability:\n",
    );
    console.log(
      '| scenario | timer run | tab | Sheets reads | value writes | format calls | UrlFetch (run) | marks typed (run) | PASS/FAIL |',
    );
    console.log('|---|---:|---|---:|---:|---:|---:|---:|---|');
    for (const r of rows) {
      const busy = r.written > 0;
      const ok = busy ? r.reads <= 3 && r.writes <= 1 && r.formats === 0 : true;
      console.log(
        `| ${r.scenario} | ${r.run} | ${r.tab} | ${r.reads} | ${r.writes} | ${r.formats} | ${r.urlFetch} | ${r.written} | ${ok ? 'PASS' : 'FAIL'} |`,
      );
    }
    console.log(
      '\nPer tab with marks: getValues, getFormulas and getNumberFormats of the data range (formulas go back as formulas; text goes in as text, after an apostrophe except in plain-text cells), one setValues over the rectangle of the changed cells; UrlFetch per run: GET /api/calls/due, GET /api/crew, POST /api/availability/applied. A due answer hands over at most 200 marks, so 500 take three runs; the last run has nothing pending (one request, no sheet).',
    );
  } finally {
    await dynamo?.stop();
  }
}
