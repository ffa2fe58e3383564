/**
 * When the office last typed each cell of a month tab, kept compactly so a month of 40 crew
 * fits Apps Script's property limits (9 KB a value, 500 KB in all): one value per tab COLUMN,
 * "row:seconds,row:seconds" with seconds since the epoch in base 36 (about 10 characters a cell;
 * a column of 31 dates or of 40 crew is under 500 bytes). Pure: bundled into Apps Script.
 */
export const EDIT_KEY_PREFIX = 'CREWCALL_EDITED|';

export function editKey(tab: string, column: number): string {
  return `${EDIT_KEY_PREFIX}${tab}|${column}`;
}

function decode(value: string | undefined): Map<number, number> {
  const rows = new Map<number, number>();
  for (const part of (value ?? '').split(',')) {
    const [row, at] = part.split(':');
    if (row && at) rows.set(Number(row), Number.parseInt(at, 36));
  }
  return rows;
}

function encode(rows: Map<number, number>): string {
  return [...rows].map(([row, at]) => `${row}:${at.toString(36)}`).join(',');
}

/**
 * The properties to set for a person's edit of a rectangle (1-based rows and columns) at `at`.
 * With `apart` (an onEdit that could not get the lock in time), the edit goes in keys of its
 * own, read from nothing, so it cannot overwrite another execution's record; readers merge them.
 */
export function recordEdit(
  stored: Record<string, string>,
  tab: string,
  rect: { row: number; column: number; numRows: number; numColumns: number },
  at: Date,
  apart?: string,
): Record<string, string> {
  const seconds = Math.floor(at.getTime() / 1000);
  const changes: Record<string, string> = {};
  for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
    const key = apart ? `${editKey(tab, c)}|+${apart}` : editKey(tab, c);
    const rows = decode(apart ? undefined : stored[key]);
    for (let r = rect.row; r < rect.row + rect.numRows; r++) rows.set(r, seconds);
    changes[key] = encode(rows);
  }
  return changes;
}

/** "tab|column" of a stored key, its own keys ("|+…") folded into the column's. */
function cellColumn(key: string): string {
  const rest = key.slice(EDIT_KEY_PREFIX.length);
  const last = rest.lastIndexOf('|');
  return rest.slice(last + 1).startsWith('+') ? rest.slice(0, last) : rest;
}

/** When the office last typed a cell (1-based), or undefined when no edit was recorded. */
export function editTimes(stored: Record<string, string>) {
  const columns = new Map<string, Map<number, number>>();
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(EDIT_KEY_PREFIX)) continue;
    const column = cellColumn(key);
    const rows = columns.get(column) ?? new Map<number, number>();
    for (const [row, at] of decode(value)) rows.set(row, Math.max(at, rows.get(row) ?? 0));
    columns.set(column, rows);
  }
  return (tab: string, row: number, column: number): Date | undefined => {
    const at = columns.get(`${tab}|${column}`)?.get(row);
    return at === undefined ? undefined : new Date(at * 1000);
  };
}

/**
 * Drops edits older than `before`: they can no longer outrank a crew mark (see
 * apply-crew-marks.ts for the choice of `before`). Answers what to set and what to delete.
 */
export function pruneEdits(
  stored: Record<string, string>,
  before: Date,
): { set: Record<string, string>; remove: string[] } {
  const limit = Math.floor(before.getTime() / 1000);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(EDIT_KEY_PREFIX)) continue;
    const rows = decode(value);
    let changed = false;
    for (const [row, at] of rows) {
      if (at < limit) {
        rows.delete(row);
        changed = true;
      }
    }
    if (!changed) continue;
    if (rows.size === 0) remove.push(key);
    else set[key] = encode(rows);
  }
  return { set, remove };
}
