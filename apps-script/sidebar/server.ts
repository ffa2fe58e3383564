// The sidebar's only way to the server: google.script.run, one call at a time per
// action, with a success and a failure handler, and a progress indicator meanwhile.
import type { CallSummary } from '../../shared/crew-calls/call-summary.js';

export type { CallSummary };

export interface FieldProblem {
  field: string;
  message: string;
}

/** What every sidebarX function answers (see apps-script/src/sidebar/sidebar-api.ts). */
export type Result<T> = ({ ok: true } & T) | { ok: false; message: string; fields: FieldProblem[] };

export interface CrewMember {
  crew_id: string;
  name: string;
  phone: string;
  email: string;
  role: string;
  cascade_level: number;
  availability_key: string;
  day_rate: { amount_cents: number; currency: string };
  active: boolean;
}

export interface CrewForm {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
  cascade_level?: string;
  availability_key?: string;
  day_rate?: string;
  currency?: string;
  active?: boolean;
}

export interface KeyWarnings {
  tabs: string[];
  keysWithoutHeader: string[];
  headersWithoutCrew: Array<{ tab: string; header: string }>;
}

export interface LinkInspection {
  valid_signature: boolean;
  kind?: 'call' | 'portal';
  issued_at?: string;
  expires_at?: string;
  expired?: boolean;
  state?: 'live' | 'used' | 'revoked' | 'unknown';
  decision?: string;
  used_at?: string;
  revoked_because?: string;
  current?: boolean;
  crew?: { crew_id: string; name: string };
  call_id?: string;
  charter_id?: string;
}

export interface Charter {
  charter_id: string;
  vessel: string;
  date: string;
  start: string;
  end: string;
  time_zone: string;
  status?: string;
}

export interface Settings {
  apiUrl: string;
  region: string;
  accessKeyId: string;
  secretSet: boolean;
  xMeans: string;
}

export interface SettingsInput {
  apiUrl?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  xMeans?: string;
}

/** The server functions and what each answers. */
export interface ServerFunctions {
  sidebarLoadRoster(): Result<{ crew: CrewMember[]; keys: KeyWarnings }>;
  sidebarSaveCrew(crewId: string | null, form: CrewForm): Result<{ member: CrewMember }>;
  sidebarDeactivateCrew(crewId: string): Result<{ member: CrewMember }>;
  sidebarIssueLink(crewId: string): Result<{ url: string; expires_at: string }>;
  sidebarInspectLink(text: string): Result<{ inspection: LinkInspection }>;
  sidebarLoadBoard(): Result<{
    charters: Array<{ charter: Charter; call: CallSummary | null }>;
  }>;
  sidebarEscalateNow(
    callId: string,
    fromLevel: number,
  ): Result<{ level: number | null; emails: number; call: CallSummary }>;
  sidebarLoadSettings(): Result<{ settings: Settings }>;
  sidebarSaveSettings(input: SettingsInput): Result<{ settings: Settings; connection: string }>;
  sidebarTestConnection(): Result<{ connection: string }>;
}

type ServerName = keyof ServerFunctions;

/** The part of google.script.run the sidebar uses. */
type ScriptRun = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
} & { [K in ServerName]: (...args: Parameters<ServerFunctions[K]>) => void };

declare const google: { script: { run: ScriptRun } };

let busy = 0;

function setBusy(delta: number): void {
  busy += delta;
  const progress = document.getElementById('progress');
  document.body.setAttribute('aria-busy', busy > 0 ? 'true' : 'false');
  if (progress) progress.hidden = busy === 0;
}

/**
 * Calls a server function; resolves with its answer, or with `{ ok: false }`
 * when the call itself failed (a thrown error, no network, a timeout). While
 * waiting, the page is aria-busy, "Working…" shows, and `button` is disabled.
 */
export function call<K extends ServerName>(
  name: K,
  args: Parameters<ServerFunctions[K]>,
  button?: HTMLButtonElement | null,
): Promise<ReturnType<ServerFunctions[K]>> {
  type Answer = ReturnType<ServerFunctions[K]>;
  setBusy(1);
  if (button) button.disabled = true;
  return new Promise<Answer>((resolve) => {
    const done = (answer: Answer) => {
      setBusy(-1);
      if (button) button.disabled = false;
      resolve(answer);
    };
    const failed = (message: string) => done({ ok: false, message, fields: [] } as Answer);
    const runner = google.script.run
      .withSuccessHandler((value) => {
        if (value && typeof value === 'object' && 'ok' in value) done(value as Answer);
        else failed('The script gave no answer. Reopen the sidebar and try again.');
      })
      .withFailureHandler((error) =>
        failed(`The script could not be reached or failed: ${error?.message ?? String(error)}`),
      );
    (runner[name] as (...a: Parameters<ServerFunctions[K]>) => void)(...args);
  });
}
