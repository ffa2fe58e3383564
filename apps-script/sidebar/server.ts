// The sidebar's only way to the server: google.script.run, one call at a time per
// action, with a success and a failure handler, and a progress indicator meanwhile.
import type { SidebarServer as ServerFunctions } from '../src/sidebar/contract.js';

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
