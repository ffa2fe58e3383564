/**
 * The one table of words crewcall reads in an availability cell: what offices actually type.
 * read-cell.ts applies it; the README lists it; test/shared/availability/vocabulary.test.ts
 * reads every entry. Add a word here and nowhere else.
 *
 * Words are compared after normalizing the cell (lower case, accents and emoji variation
 * selectors removed, dashes unified, spaces collapsed, a trailing "." or "!" dropped).
 *
 * The rule is never to guess yes: a word goes under `yes` only when nobody would mean anything
 * else by it; hedged words ("probably") are `unsure`. `x` is not here: some offices tick with it,
 * others mark "off" with it, so its meaning is an office setting (CREWCALL_X_MEANS).
 */
export const ANSWER_WORDS = {
  yes: [
    'y',
    'yes',
    'yep',
    'yeah',
    'ok',
    'okay',
    'free',
    'available',
    'avail',
    'all day',
    'all-day',
    'full day',
    'any time',
    'anytime',
    'am/pm',
    'am & pm',
    'am+pm',
    '✓',
    '✔',
    '☑',
    '✅',
    '👍',
    'true',
  ],
  no: [
    'n',
    'no',
    'nope',
    'out',
    'off',
    'away',
    'busy',
    'unavailable',
    'not available',
    'n/a',
    'na',
    'leave',
    'on leave',
    'holiday',
    'vacation',
    'sick',
    '✗',
    '✘',
    '❌',
    '👎',
    '-',
    'false',
  ],
  /** Mornings: charters over by 13:00 (MORNING_ENDS). */
  am: ['am', 'a.m', 'am only', 'a.m. only', 'morning', 'mornings', 'morning only', 'mornings only'],
  /** Afternoons: charters starting at 12:00 or later (AFTERNOON_STARTS). */
  pm: [
    'pm',
    'p.m',
    'pm only',
    'p.m. only',
    'afternoon',
    'afternoons',
    'afternoon only',
    'afternoons only',
  ],
  /** Not called, shown to the office as the sheet says it: they have to ask. */
  unsure: [
    '?',
    '??',
    '???',
    'maybe',
    'perhaps',
    'possibly',
    'probably',
    'prob',
    'tbc',
    'tbd',
    'tba',
    'not sure',
    'unsure',
    'depends',
    'call me',
    'text me',
    'ask',
    'ask me',
    'pending',
  ],
} as const;

export type AnswerWord = keyof typeof ANSWER_WORDS;

/** The ambiguous mark; read as CREWCALL_X_MEANS says (default yes, see read-cell.ts). */
export const X_WORD = 'x';

/** Words opening a part-day clause with a time: "after 2pm", "from 14:00", "till 11". */
export const HOURS_WORDS = {
  after: ['after', 'from', 'since'],
  before: ['before', 'until', 'till', 'til', "'til", 'up to'],
} as const;

/** Time words besides digits: "after noon", "before midday". */
export const NOON_WORDS = ['noon', 'midday'] as const;

/**
 * Remarks after a no- or unsure-word keep its meaning: "N (travel)", "no - boat yard",
 * "maybe: call me". After a yes-word only a part-day may follow ("Y - after 2pm", "Y - AM"):
 * "Y if back from Catalina" cannot be read and is a problem.
 */
export const REMARK_SEPARATORS = ['(', '-', ':', ',', ';'] as const;

/** Looks up a whole normalized answer. */
export function answerWord(text: string): AnswerWord | undefined {
  for (const meaning of Object.keys(ANSWER_WORDS) as AnswerWord[]) {
    if ((ANSWER_WORDS[meaning] as readonly string[]).includes(text)) return meaning;
  }
  return undefined;
}
