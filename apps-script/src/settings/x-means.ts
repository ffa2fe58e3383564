import type { XMeans } from '../../../shared/availability/read-cell.js';
import { OfficeError } from '../office-error.js';

/** Script Property: what `x` in a month tab means in this office. */
export const X_MEANS_KEY = 'CREWCALL_X_MEANS';

/**
 * The office's meaning of `x`: "yes" or "no". Unset is "yes", what crewcall always read, so a
 * sheet that worked yesterday calls the same people today; every summary that read an x says
 * how it was read, so an office marking "off" with x sees it on the first run. A bad value is
 * refused before anything is sent.
 */
export function xMeansSetting(): XMeans {
  const raw = (PropertiesService.getScriptProperties().getProperty(X_MEANS_KEY) ?? '').trim();
  const value = checkXMeans(raw);
  if (value === undefined) {
    throw new OfficeError(
      `The setting ${X_MEANS_KEY} is "${raw}"; it must be yes or no (Settings: what x means).`,
    );
  }
  return value;
}

/** "yes", "no" or blank (unset: yes) → the meaning; anything else → undefined. */
export function checkXMeans(text: string): XMeans | undefined {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'yes') return 'yes';
  if (value === 'no') return 'no';
  return undefined;
}
