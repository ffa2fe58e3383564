import { DateTime } from 'luxon';
import type { CrewMarkKind } from '../../../shared/api/availability.js';
import { cleanNote, MARK_NOTE_MAX, markText } from '../../../shared/availability/mark-text.js';
import {
  listMarksOfCrew,
  type MarkChange,
  type StoredMark,
  saveMarks,
} from '../db/dispatch-table/index.js';
import { getCrewMember } from '../db/roster-table.js';
import type { CallDeps } from './call-deps.js';

/** How far ahead a crew member keeps their availability on the portal. */
export const PORTAL_AVAILABILITY_DAYS = 60;
const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const KINDS: readonly CrewMarkKind[] = ['yes', 'no', 'morning', 'afternoon', 'after'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One day as the form shows it: what is stored, or what was typed when the save was refused. */
export interface AvailabilityDay {
  date: string;
  /** e.g. "Thu 3 Dec". */
  label: string;
  /** '' is "not set". */
  kind: CrewMarkKind | '';
  after: string;
  note: string;
  /** The stored mark's words as the page showed them: a save changes only days that differ. */
  was: string;
  /** Vessels of charters they are confirmed on that day. */
  confirmed?: string[];
  /** The office kept its own cell for this day: what it has. */
  office_value?: string;
  /** The office's sheet has no cell for this day's answer yet: why, in plain words. */
  not_in_sheet?: string;
  error?: string;
}

export interface AvailabilityModel {
  days: AvailabilityDay[];
  /** After a save: how many days it changed. */
  saved?: number;
  /** A refusal not about one day (a day the form does not have). */
  error?: string;
}

/** The portal's dates: today in the office's time zone and the days after it. */
export function portalDates(now: Date, timeZone: string): string[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return Array.from(
    { length: PORTAL_AVAILABILITY_DAYS },
    (_, i) => today.plus({ days: i }).toISODate() as string,
  );
}

const dayLabel = (date: string) => {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.isValid ? day.setLocale('en-GB').toFormat('ccc d LLL') : date.slice(0, 40);
};

const words = (kind: string, after: string, note: string) =>
  `${kind}|${kind === 'after' ? after : ''}|${note}`;

const wordsOf = (m: StoredMark | undefined) =>
  m ? words(m.kind, m.after ?? '', m.note ?? '') : words('', '', '');

const timeZoneOf = (deps: CallDeps) => deps.officeTimeZone ?? DEFAULT_TIME_ZONE;

async function readDays(deps: CallDeps, crewId: string) {
  const dates = portalDates(deps.now(), timeZoneOf(deps));
  const marks = await listMarksOfCrew(deps.db, crewId, dates[0] as string, dates.at(-1) as string);
  return { dates, byDate: new Map(marks.map((m) => [m.date, m])) };
}

/** Vessels by date of the charters someone is confirmed on (their portal's entries). */
export type ConfirmedDays = ReadonlyMap<string, string[]>;

export function confirmedDays(
  entries: ReadonlyArray<{ date: string; vessel: string; state: string }>,
): ConfirmedDays {
  const days = new Map<string, string[]>();
  for (const e of entries)
    if (e.state === 'confirmed') days.set(e.date, [...(days.get(e.date) ?? []), e.vessel]);
  return days;
}

/** The crew member's words for a mark the office's sheet has no cell for. */
const notInSheet = (problem: string | undefined) =>
  `Not in the office's sheet yet${problem ? ` (${problem})` : ''}. Your answer is saved; it goes in when the office adds it.`;

function shownDay(
  date: string,
  mark: StoredMark | undefined,
  confirmed?: ConfirmedDays,
): AvailabilityDay {
  const vessels = confirmed?.get(date);
  return {
    date,
    ...(vessels ? { confirmed: vessels } : {}),
    label: dayLabel(date),
    kind: mark?.kind ?? '',
    after: mark?.after ?? '',
    note: mark?.note ?? '',
    was: wordsOf(mark),
    ...(mark?.state === 'kept_office' && mark.office_value !== undefined
      ? { office_value: mark.office_value }
      : {}),
    ...(mark?.state === 'no_cell' ? { not_in_sheet: notInSheet(mark.problem) } : {}),
  };
}

/** The portal's availability section: one Query of the person's 60 days. */
export async function portalAvailability(
  deps: CallDeps,
  crewId: string,
  options: { saved?: number | undefined; confirmed?: ConfirmedDays } = {},
): Promise<AvailabilityModel> {
  const { saved, confirmed } = options;
  const { dates, byDate } = await readDays(deps, crewId);
  return {
    days: dates.map((d) => shownDay(d, byDate.get(d), confirmed)),
    ...(saved !== undefined ? { saved } : {}),
  };
}

type Form = Record<string, string | File | (string | File)[]>;
const field = (form: Form, name: string) => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

/** What was wrong with one day's typed answer, in the crew member's words. */
function dayProblem(kind: string, after: string, note: string): string | undefined {
  if (kind !== '' && !KINDS.includes(kind as CrewMarkKind))
    return 'Choose Yes, No, Morning, Afternoon or After… from the list.';
  if (kind === 'after' && after === '') return 'Give the time you are free after.';
  if (kind === 'after' && !HHMM.test(after))
    return 'Give the time as hours and minutes, e.g. 14:00.';
  if (/[\r\n\t]/.test(note)) return 'Keep the note to one line.';
  if (note.trim().length > MARK_NOTE_MAX)
    return `Keep the note to ${MARK_NOTE_MAX} characters (it has ${note.trim().length}).`;
  if (kind === '' && note.trim() !== '')
    return 'Choose an answer for this day to go with the note.';
  return undefined;
}

export type AvailabilitySave =
  | { ok: true; saved: number }
  | { ok: false; model: AvailabilityModel };

/**
 * POST /m/:token/availability: the days whose answer differs from what the page showed,
 * checked first and saved together in one transaction, or none of them.
 */
export async function saveAvailability(
  deps: CallDeps,
  crewId: string,
  form: Form,
  confirmed?: ConfirmedDays,
): Promise<AvailabilitySave> {
  const { dates, byDate } = await readDays(deps, crewId);
  const inRange = new Set(dates);
  const outside = Object.keys(form)
    .map((k) => /^(?:kind|after|note|was)_(.+)$/.exec(k)?.[1])
    .filter((d): d is string => d !== undefined && !inRange.has(d));
  const days: AvailabilityDay[] = [];
  const changes: MarkChange[] = [];
  const setAt = deps.now().toISOString();
  let availabilityKey: string | undefined;
  for (const date of dates) {
    if (!(`kind_${date}` in form)) {
      days.push(shownDay(date, byDate.get(date), confirmed));
      continue;
    }
    const kind = field(form, `kind_${date}`);
    const after = field(form, `after_${date}`).trim();
    const typedNote = field(form, `note_${date}`);
    const error = dayProblem(kind, after, typedNote);
    const note = cleanNote(typedNote);
    const stored = byDate.get(date);
    days.push({
      ...shownDay(date, stored, confirmed),
      kind: kind as CrewMarkKind | '',
      after,
      note: typedNote,
      was: field(form, `was_${date}`),
      ...(error ? { error } : {}),
    });
    if (error || words(kind, after, note) === field(form, `was_${date}`)) continue;
    if (kind === '') {
      if (stored) changes.push({ date, mark: undefined });
      continue;
    }
    availabilityKey ??= (await getCrewMember(deps.db, crewId))?.availability_key ?? '';
    const mark = {
      kind: kind as CrewMarkKind,
      ...(kind === 'after' ? { after } : {}),
      ...(note ? { note } : {}),
    };
    changes.push({
      date,
      mark: {
        crew_id: crewId,
        availability_key: availabilityKey,
        date,
        ...mark,
        set_at: setAt,
        set_by: crewId,
        text: markText(mark),
        state: 'pending',
      },
    });
  }
  if (outside.length > 0 || days.some((d) => d.error)) {
    return {
      ok: false,
      model: {
        days,
        ...(outside.length > 0
          ? {
              error: `${dayLabel(outside[0] as string)} is not among your next ${PORTAL_AVAILABILITY_DAYS} days: reload the page and try again. Nothing was saved.`,
            }
          : {}),
      },
    };
  }
  const written = await saveMarks(deps.db, crewId, changes);
  if (!written.ok) throw new Error('saving availability marks: an unconditional write was refused');
  return { ok: true, saved: changes.length };
}
