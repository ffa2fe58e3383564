import type { RosterAnswer } from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { describeSettings, requireSettings, saveSettings } from './index.js';
import { whyGoogleCannotReach } from './reachable-url.js';

/**
 * Crew › Settings…: asks for each setting in turn (blank keeps the current
 * value; the secret is never shown), saves them, then tests the connection.
 */
export function askForSettings(): string | undefined {
  const ui = SpreadsheetApp.getUi();
  const current = describeSettings();
  const questions: Array<[keyof Parameters<typeof saveSettings>[0], string]> = [
    ['apiUrl', `Edge API URL (now: ${current.apiUrl || 'not set'})`],
    ['region', `AWS region (now: ${current.region || 'not set'})`],
    ['accessKeyId', `Access key id (now: ${current.accessKeyId || 'not set'})`],
    [
      'secretAccessKey',
      `Secret access key (${current.secretSet ? 'set; leave blank to keep it' : 'not set'})`,
    ],
  ];
  const answers: Record<string, string> = {};
  for (const [key, question] of questions) {
    const response = ui.prompt('crewcall settings', question, ui.ButtonSet.OK_CANCEL);
    if (response.getSelectedButton() !== ui.Button.OK) return 'Settings unchanged.';
    answers[key] = response.getResponseText();
  }
  saveSettings(answers);
  const unreachable = whyGoogleCannotReach(describeSettings().apiUrl);
  if (unreachable) return `Settings saved, but the connection was not tested: ${unreachable}`;
  return `Settings saved. ${testConnection()}`;
}

/**
 * A signed request that needs valid credentials: proves URL, region and keys together.
 * A URL Google cannot reach (loopback, private, not https) is refused without fetching it.
 */
export function testConnection(): string {
  const unreachable = whyGoogleCannotReach(requireSettings().apiUrl);
  if (unreachable) throw new OfficeError(unreachable, [{ field: 'apiUrl', message: unreachable }]);
  const roster = edgeApiClient().get<RosterAnswer>('/api/crew?role=captain');
  return `Connection works: the edge API answered with ${roster.crew.length} captain(s).`;
}
