// Globals of the script's context that are not services: MimeType, and a Date whose "now"
// is the harness clock.
import type { Clock } from './runtime.js';

export const MIME_TYPES = {
  CSV: 'text/csv',
  FOLDER: 'application/vnd.google-apps.folder',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PDF: 'application/pdf',
  PLAIN_TEXT: 'text/plain',
  ZIP: 'application/zip',
};

/** `Date` for the script: the host Date, except that "now" is the harness clock. */
export function harnessDate(clock: Clock): DateConstructor {
  const proxy: DateConstructor = new Proxy(Date, {
    construct(target, args, newTarget) {
      const ctor = newTarget === proxy ? target : newTarget;
      return Reflect.construct(target, args.length === 0 ? [clock.time] : args, ctor);
    },
    apply() {
      return new Date(clock.time).toString();
    },
    get(target, prop) {
      if (prop === 'now') return () => clock.time;
      return Reflect.get(target, prop, target);
    },
  });
  return proxy;
}
