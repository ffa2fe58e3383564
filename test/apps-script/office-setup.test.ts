import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  charterRow,
  decemberTab,
  type EdgeServer,
  openOffice,
  startEdgeServer,
} from './support/office.js';

const start = new Date('2026-11-28T17:00:00Z');
let edge: EdgeServer;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
}, 120_000);
afterAll(async () => {
  await edge?.stop();
});

const ADVICE =
  "Google's servers must reach the edge API over public HTTPS, so `npm start` on 127.0.0.1 cannot be called from a real sheet. For a trial, deploy the CDK stack (README, Deploy) and use its ApiUrl, or put `npm start` behind an HTTPS tunnel or reverse proxy you control and enter its https:// address.";

describe('the connection test, for an address Google cannot reach', () => {
  const unreachable = [
    'http://127.0.0.1:8787',
    'https://127.0.0.2/api',
    'http://localhost:8787',
    'https://[::1]:8787',
    'https://10.0.0.12',
    'https://172.20.4.1',
    'https://192.168.1.20:8443',
    'https://169.254.169.254',
    'https://crew-box.local',
  ];

  it('says so, in the Settings dialog and the sidebar, without fetching anything', async () => {
    const office = openOffice(edge, start, []);
    const h = office.harness;
    for (const url of unreachable) {
      h.properties.script.setProperty('CREWCALL_API_URL', url);
      const before = h.fetches.length;
      expect(h.run('sidebarTestConnection')).toEqual({
        ok: false,
        message: `${url} is a loopback or private address, which Google's servers cannot reach. ${ADVICE}`,
        fields: [
          {
            field: 'apiUrl',
            message: `${url} is a loopback or private address, which Google's servers cannot reach. ${ADVICE}`,
          },
        ],
      });
      for (let i = 0; i < 4; i += 1) h.ui.queuePrompt('');
      h.clickMenu('Crew', 'Settings…');
      expect(h.alerts.at(-1)?.prompt).toBe(
        `Settings saved, but the connection was not tested: ${url} is a loopback or private address, which Google's servers cannot reach. ${ADVICE}`,
      );
      expect(h.fetches.length).toBe(before);
    }
    h.properties.script.setProperty('CREWCALL_API_URL', 'http://edge-api.example.com');
    expect(h.run('sidebarTestConnection')).toMatchObject({
      ok: false,
      message: `http://edge-api.example.com is not https. ${ADVICE}`,
    });
    await h.close();
  });

  it('tests a public https address as before', async () => {
    const office = openOffice(edge, start, []);
    expect(office.harness.run('sidebarTestConnection')).toMatchObject({
      ok: true,
      connection: expect.stringMatching(
        /^Connection works: the edge API answered with \d+ captain/,
      ),
    });
    await office.harness.close();
  });
});

describe('the manifest’s scopes, on the real bundle', () => {
  it('open the admin sidebar and serve its calls (script.container.ui, external_request)', async () => {
    const office = openOffice(edge, start, []);
    const h = office.harness;
    expect(h.manifest?.oauthScopes).toContain(
      'https://www.googleapis.com/auth/script.container.ui',
    );
    h.clickMenu('Crew', 'Admin sidebar');
    expect(h.ui.dialogs.map((d) => d.kind)).toEqual(['sidebar']);
    expect(h.run('sidebarLoadRoster')).toMatchObject({ ok: true });
    expect(h.run('sidebarLoadSettings')).toMatchObject({ ok: true });
    await h.close();
  });
});

describe('sheet dates in the spreadsheet’s own time zone', () => {
  it('reads a charter and its availability on the sheet’s calendar when the script runs in another zone', async () => {
    // appsscript.json says Los Angeles; this office's spreadsheet is set to Auckland (UTC+13
    // in December), so its date cells hold Auckland midnights, which are the day before in LA.
    const auckland = (d: Date) => new Date(d.getTime() - 21 * 3600_000);
    const tab = decemberTab().map((row) => row.map((c) => (c instanceof Date ? auckland(c) : c)));
    const charter = charterRow('CH-2026-1205-A', '2026-12-05', '09:00', '13:00', 'mate 1');
    charter[1] = auckland(charter[1] as Date);
    const office = openOffice(
      edge,
      start,
      [charter],
      { 'December 2026': tab },
      {
        spreadsheetTimeZone: 'Pacific/Auckland',
      },
    );
    const h = office.harness;
    expect(h.spreadsheet.getSpreadsheetTimeZone()).toBe('Pacific/Auckland');
    h.select('Charters', 'A2:M2');
    h.clickMenu('Crew', 'Preview crew call');
    const preview = h.alerts.at(-1)?.prompt ?? '';
    expect(preview).toContain('Crew call preview for CH-2026-1205-A (Sea Lark, 2026-12-05 09:00):');
    expect(preview).toContain('Kenji Watanabe (mate)');
    const put = h.fetches.find((f) => f.method === 'PUT');
    expect(JSON.parse(put?.payload ?? '{}')).toMatchObject({
      date: '2026-12-05',
      start: '09:00',
      time_zone: 'Pacific/Auckland',
    });
    await h.close();
  });
});
