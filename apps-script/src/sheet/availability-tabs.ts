import type { DayAvailability } from '../../../shared/availability/index.js';
import {
  type ParsedAvailabilityTab,
  parseAvailabilityTab,
} from '../../../shared/availability/parse-availability-tab.js';
import type { XMeans } from '../../../shared/availability/read-cell.js';
import { MONTH_NAMES } from '../../../shared/months/index.js';

/** Tab names people give a month: "December 2026", "Dec 2026", "2026-12", "12/2026". */
export function monthTabNames(date: string): string[] {
  const [year, month] = date.split('-');
  const name = MONTH_NAMES[Number(month) - 1] as string;
  return [`${name} ${year}`, `${name.slice(0, 3)} ${year}`, `${year}-${month}`, `${month}/${year}`];
}

export interface DayAvailabilityResult {
  tab: string;
  day: DayAvailability;
  parsed: ParsedAvailabilityTab;
}

/**
 * Reads month tabs on demand, each with one getValues, and keeps them for the
 * rest of the run so several charters in one month read the tab once.
 */
export function availabilityReader(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rosterKeys: string[],
  timeZone: string,
  xMeans: XMeans,
) {
  const parsedTabs = new Map<string, ParsedAvailabilityTab>();
  const byName = new Map(spreadsheet.getSheets().map((s) => [s.getName().trim().toLowerCase(), s]));
  return {
    /** The availability of one date, or why there is none. */
    forDate(date: string): DayAvailabilityResult | { problem: string } {
      const names = monthTabNames(date);
      const sheet = names.map((n) => byName.get(n.toLowerCase())).find(Boolean);
      if (!sheet)
        return {
          problem: `no availability tab for ${names[0]} (looked for ${names.map((n) => `"${n}"`).join(', ')})`,
        };
      const tab = sheet.getName();
      let parsed = parsedTabs.get(tab);
      if (!parsed) {
        parsed = parseAvailabilityTab({
          sheetName: tab,
          values: sheet.getDataRange().getValues(),
          timeZone,
          rosterKeys,
          xMeans,
        });
        parsedTabs.set(tab, parsed);
      }
      const day = parsed.days[date];
      if (!day) return { problem: `the "${tab}" tab has no row or column for ${date}` };
      return { tab, day, parsed };
    },
    parsedTabs: () => [...parsedTabs.values()],
  };
}
