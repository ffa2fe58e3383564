import type { Browser, Page } from 'playwright-core';
import type { Harness } from './office.js';

/** The sidebar as Apps Script serves it: Crew › Admin sidebar, and the HTML that was shown. */
export function sidebarHtml(harness: Harness): string {
  const before = harness.ui.dialogs.length;
  harness.clickMenu('Crew', 'Admin sidebar');
  const shown = harness.ui.dialogs.slice(before);
  const sidebar = shown.find((d) => d.kind === 'sidebar');
  if (!sidebar) {
    throw new Error(`no sidebar shown; alerts: ${JSON.stringify(harness.alerts.at(-1))}`);
  }
  if (sidebar.title !== 'crewcall') throw new Error(`sidebar title ${sidebar.title}`);
  return sidebar.html;
}

export interface SidebarPage {
  page: Page;
  /**
   * Server functions the page called, in order, with their arguments, and whether the
   * page showed its progress (aria-busy and "Working…") while the call ran.
   */
  calls: Array<{ name: string; args: unknown[]; progressShown: boolean }>;
  /** Console errors, page errors, dialogs and requests the page made (it should make none). */
  problems: string[];
  /** The next server call throws this (as a timeout or a script error would) instead of running. */
  failNext(message: string): void;
}

/**
 * Loads the sidebar HTML in Chromium at the sidebar's 300 px, with google.script.run
 * wired to the harness: each call runs the built script's top-level function (whose
 * UrlFetch to the edge API blocks this thread, as Apps Script blocks its own), then
 * the page's success handler gets the answer, serialised as google.script.run does,
 * or its failure handler an Error when the function threw.
 */
export async function openSidebarPage(
  browser: Browser,
  harness: Harness,
  html: string,
): Promise<SidebarPage> {
  const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
  const calls: SidebarPage['calls'] = [];
  const problems: string[] = [];
  let failure: string | null = null;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && r.url() !== 'about:blank')
      problems.push(`request: ${r.url()}`);
  });
  await page.exposeFunction('__runServerFunction', async (name: string, args: unknown[]) => {
    const progressShown = await page.evaluate(
      () =>
        document.body.getAttribute('aria-busy') === 'true' &&
        document.getElementById('progress')?.hidden === false &&
        (document.getElementById('progress')?.textContent ?? '').includes('Working…'),
    );
    calls.push({ name, args, progressShown });
    try {
      if (failure !== null) {
        const message = failure;
        failure = null;
        throw new Error(message);
      }
      const value = harness.run(name, ...args);
      // google.script.run passes values, not objects: plain data only.
      return {
        threw: false,
        value: value === undefined ? null : JSON.parse(JSON.stringify(value)),
      };
    } catch (error) {
      return { threw: true, message: (error as Error).message };
    }
  });
  await page.addInitScript(() => {
    type Answer = { threw: boolean; value?: unknown; message?: string };
    const bridge = window as unknown as {
      __runServerFunction(name: string, args: unknown[]): Promise<Answer>;
      google: unknown;
    };
    const runner = (ok?: (v: unknown) => void, fail?: (e: Error) => void): object =>
      new Proxy(
        {},
        {
          get(_target, prop) {
            if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, fail);
            if (prop === 'withFailureHandler') return (f: (e: Error) => void) => runner(ok, f);
            if (typeof prop !== 'string' || prop === 'then') return undefined;
            return (...args: unknown[]) => {
              void bridge.__runServerFunction(prop, args).then((answer) => {
                if (answer.threw) fail?.(new Error(answer.message));
                else ok?.(answer.value);
              });
            };
          },
        },
      );
    bridge.google = { script: { run: runner() } };
  });
  // A document made after the init script, so that it runs; then the sidebar's HTML in it.
  await page.goto('about:blank');
  await page.setContent(html);
  return {
    page,
    calls,
    problems,
    failNext(message) {
      failure = message;
    },
  };
}

/** Waits until no server call is in flight. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false');
}

/** Neither the page nor anything on it is wider than the sidebar. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}
