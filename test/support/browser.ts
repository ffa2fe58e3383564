import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (CI's .ci/run installs it); tests never download browsers. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium, quiet: no first-run, sync, component updates or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page (iPhone 12-14 viewport) in a fresh context: no cookies or cache from other pages. */
export interface PhonePage {
  page: Page;
  /**
   * Console errors (CSP refusals show up here), uncaught page errors, failed requests, subresources
   * answered with 4xx/5xx, and dialogs (e.g. an injected alert). A document's own status is left to
   * the test, which asserts it.
   */
  problems: string[];
}

export async function openPhonePage(browser: Browser): Promise<PhonePage> {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    // "Failed to load resource: ... status of 4xx" repeats an HTTP status, seen by 'response' below
    // (which also leaves out Chromium's own /favicon.ico probe: the app serves none, 404).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      problems.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`),
  );
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

/** Closes every context a test opened (each phone page has its own). */
export async function closeAllPages(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((c) => c.close()));
}
