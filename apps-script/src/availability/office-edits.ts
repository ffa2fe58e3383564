import {
  EDIT_KEY_PREFIX,
  pruneEdits,
  recordEdit,
} from '../../../shared/availability/office-edit-times.js';
import { monthOfTab } from '../../../shared/availability/read-date-cell.js';

/**
 * The onEdit simple trigger: remembers when a person typed cells of a month tab, so the timer
 * never puts a crew member's mark over what the office typed later (Apps Script keeps no
 * per-cell edit time). Simple triggers run in AuthMode.LIMITED for at most 30 s and may use the
 * bound spreadsheet and services that need no authorization, PropertiesService and LockService
 * among them (https://developers.google.com/apps-script/guides/triggers#restrictions). Script
 * writes do not fire onEdit ("Script executions and API requests do not cause triggers to run").
 * e.range is the whole edited range, a paste of many cells included; e.value and e.oldValue are
 * there for single cells only (https://developers.google.com/apps-script/guides/triggers/events#edit).
 */
export function recordOfficeEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e?.range;
  if (!range) return;
  const tab = range.getSheet().getName();
  if (monthOfTab(tab).month === undefined) return;
  // Two quick edits run as two executions: the lock keeps one from losing the other's record;
  // without it in time, the edit goes in keys of its own (recordEdit's `apart`).
  const lock = LockService.getDocumentLock();
  const locked = lock.tryLock(10_000);
  try {
    const props = PropertiesService.getDocumentProperties();
    const rect = {
      row: range.getRow(),
      column: range.getColumn(),
      numRows: range.getNumRows(),
      numColumns: range.getNumColumns(),
    };
    const apart = locked ? undefined : Utilities.getUuid().slice(0, 8);
    props.setProperties(
      recordEdit(locked ? props.getProperties() : {}, tab, rect, new Date(), apart),
    );
  } finally {
    if (locked) lock.releaseLock();
  }
}

/**
 * Forgets edits older than `before`. The timer passes the oldest pending mark's set_at (or the
 * time it asked, when none is pending) after it was handed every pending mark: an edit older
 * than every mark still to come can no longer outrank one. An hour's margin covers clocks.
 */
export function pruneOfficeEdits(before: Date): void {
  const props = PropertiesService.getDocumentProperties();
  const stored = props.getProperties();
  if (!Object.keys(stored).some((k) => k.startsWith(EDIT_KEY_PREFIX))) return;
  const { set, remove } = pruneEdits(stored, new Date(before.getTime() - 3_600_000));
  if (Object.keys(set).length > 0) props.setProperties(set);
  for (const key of remove) props.deleteProperty(key);
}
