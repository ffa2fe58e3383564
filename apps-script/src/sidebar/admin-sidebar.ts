import { describeSettings } from '../settings/index.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

/** Crew › Admin sidebar: the connection and timer status (the roster screens come with the admin work). */
export function openAdminSidebar(): void {
  const settings = describeSettings();
  const triggers = ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction());
  const rows: Array<[string, string]> = [
    ['Edge API', settings.apiUrl || 'not set'],
    ['Region', settings.region || 'not set'],
    ['Access key', settings.accessKeyId || 'not set'],
    ['Secret', settings.secretSet ? 'set' : 'not set'],
    ['Timer', triggers.includes('tick') ? 'installed (every 5 minutes)' : 'not installed'],
  ];
  const html = `<!doctype html><html><head><base target="_top"><style>
body{font-family:Arial,sans-serif;font-size:13px;margin:12px}dt{color:#555}dd{margin:0 0 8px;font-weight:bold;overflow-wrap:anywhere}
</style></head><body><h3>crewcall</h3><dl>${rows
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('')}</dl><p>Change these with Crew › Settings…</p></body></html>`;
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle('crewcall'));
}
