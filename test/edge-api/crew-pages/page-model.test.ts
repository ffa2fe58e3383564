import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crewLinkPage } from '../../../edge-api/src/crew-calls/crew-page-model.js';
import { seedDemoRoster } from '../../../edge-api/src/local/seed-roster.js';
import seed from '../../../edge-api/src/local/seed-roster.json' with { type: 'json' };
import type { Notification } from '../../../shared/api/index.js';
import { startTestApi, type TestApi } from '../../support/api-server.js';
import { demoRosterMarks, seaLark1205 } from '../../support/charters.js';
import { postCrewForm } from '../../support/crew-links.js';
import { signedFetch } from '../../support/signed-fetch.js';

// A crew page is a view for one person: it never carries anyone else's email or phone.
let api: TestApi;
const clock = new Date('2026-11-28T17:00:00Z');

beforeAll(async () => {
  api = await startTestApi({ now: () => clock });
  await seedDemoRoster(api.db, clock);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

/** Every way a roster member's email or phone could be written on a page. */
function contactsOf(crew: { email: string; phone: string }): string[] {
  const digits = crew.phone.replace(/\D/g, '');
  return [crew.email, crew.phone, digits, digits.slice(1), crew.email.split('@')[0] as string];
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop() as string;

describe('a crew page for one person', () => {
  it('shows who else is confirmed by first name, and no other candidate’s email or phone', async () => {
    expect(
      (
        await signedFetch(`${api.url}/api/charters/CH-PAGE-MODEL`, {
          method: 'PUT',
          body: seaLark1205,
        })
      ).status,
    ).toBe(201);
    const start = await signedFetch(`${api.url}/api/charters/CH-PAGE-MODEL/calls`, {
      method: 'POST',
      body: { availability: demoRosterMarks },
    });
    expect(start.status).toBe(201);
    const { notifications } = (await start.json()) as { notifications: Notification[] };
    const link = (email: string) => notifications.find((n) => n.to === email)?.link_url as string;
    // Liam (captain) takes his seat; Kenji (mate) opens his page.
    expect(
      (await postCrewForm(link('liam.brennan@example.com'), { action: 'accept' })).result,
    ).toBe('confirmed');
    const kenji = link('kenji.watanabe@example.com');
    const deps = { db: api.db, ...api.settings, now: () => clock };

    const shown = await crewLinkPage(deps, tokenOf(kenji));
    expect(shown.kind).toBe('page');
    if (shown.kind !== 'page') return;
    expect(shown.page).toMatchObject({
      first_name: 'Kenji',
      vessel: 'Sea Lark',
      role: 'mate',
      pay: '$300.00',
      meeting_point: 'Dock B, slip 14',
      client: 'Harbor View Events',
      confirmed_others: [{ first_name: 'Liam', role: 'captain' }],
      state: 'asked',
      choice: { may: 'decide' },
    });
    expect(shown.page.answer_by).toMatch(/^\w{3} \d{1,2} \w{3} \d{2}:\d{2} /);

    const html = await (await fetch(kenji)).text();
    expect(html).toContain('Liam (captain)');
    const others = seed.filter((c) => c.email !== 'kenji.watanabe@example.com');
    const model = JSON.stringify(shown.page);
    for (const other of others) {
      for (const contact of contactsOf(other)) {
        expect(model).not.toContain(contact);
        expect(html).not.toContain(contact);
      }
    }
  });

  it('is rendered by pages that import nothing from the data layer', () => {
    const pages = resolve(
      dirname(fileURLToPath(import.meta.url)),
      '../../../edge-api/src/crew-pages',
    );
    const files = readdirSync(pages).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((f) =>
      /from\s+['"][^'"]*\/db\//.test(readFileSync(join(pages, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
