import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { postCrewForm } from '../support/crew-links.js';
import {
  charterRow,
  type EdgeServer,
  linkIn,
  type Office,
  openOffice,
  startEdgeServer,
} from './support/office.js';
import {
  openSidebarPage,
  pageWidth,
  type SidebarPage,
  settled,
  sidebarHtml,
} from './support/sidebar-page.js';

// Issue 13: the office reads a charter's crew chat and posts to it from the sidebar. The
// built script in the harness, the real edge API (DynamoDB Local), the sidebar in Chromium.
const start = new Date('2026-11-28T17:00:00Z');
const OFFICE_NAME = 'Harbor Charters (demo)';
let edge: EdgeServer;
let office: Office;
let browser: Browser;
let sidebar: SidebarPage;
let page: Page;
let kenjiLink: string;

beforeAll(async () => {
  edge = await startEdgeServer(start, inject('dynamodbEndpoint'));
  office = openOffice(edge, start, [
    charterRow('CH-CHAT-A', '2026-12-05', '09:00', '13:00', 'captain 1, mate 1, deckhand 2'),
    charterRow('CH-CHAT-B', '2026-12-06', '09:00', '13:00', 'mate 1'),
  ]);
  office.harness.select('Charters', 'A2:M3');
  office.harness.clickMenu('Crew', 'Send crew call for selected charters');
  // Kenji is asked for both (a mate each); his call for the 5th is the one he accepts.
  const mail = office.harness.outbox.find(
    (m) => m.to.includes('kenji.watanabe@example.com') && m.subject.includes('Sat 5 Dec'),
  );
  kenjiLink = linkIn(mail?.body ?? '');
  expect((await postCrewForm(kenjiLink, { action: 'accept' })).result).toBe('confirmed');
  expect(
    (await postCrewForm(kenjiLink, { action: 'chat', message: 'Which dock? <b>B</b>?' })).status,
  ).toBe(303);
  // The office posts a minute later: posts are ordered by time, and the test clock stands still.
  await office.setClock(new Date(start.getTime() + 60_000));
  browser = await launchChromium();
  sidebar = await openSidebarPage(browser, office.harness, sidebarHtml(office.harness));
  page = sidebar.page;
  await settled(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await office?.harness.close();
  await edge?.stop();
});

const posts = () =>
  page.locator('#chat-posts li').evaluateAll((items) =>
    items.map((li) => ({
      who: li.querySelector('.who')?.textContent,
      text: li.querySelector('.text')?.textContent,
    })),
  );

async function openChat(): Promise<void> {
  await page.getByRole('tab', { name: 'Chat' }).click();
  await settled(page);
}

describe('the sidebar Chat tab', () => {
  it('lists the charters and shows the crew’s posts for the one chosen, as text', async () => {
    await openChat();
    const charter = page.getByLabel('Charter', { exact: true });
    expect(await charter.locator('option').allTextContents()).toEqual([
      'CH-CHAT-A · Sea Lark 2026-12-05',
      'CH-CHAT-B · Sea Lark 2026-12-06',
    ]);
    expect(await charter.inputValue()).toBe('CH-CHAT-A');
    expect(await posts()).toEqual([{ who: 'Kenji (mate)', text: 'Which dock? <b>B</b>?' }]);
    expect(await page.locator('#chat-posts b').count()).toBe(0);
    expect(await page.locator('#chat-about').textContent()).toContain('1 message(s)');

    await charter.selectOption('CH-CHAT-B');
    await settled(page);
    expect(await posts()).toEqual([]);
    expect(await page.locator('#chat-about').textContent()).toContain('no messages yet');
    await charter.selectOption('CH-CHAT-A');
    await settled(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(300);
  });

  it('posts as the office; the post shows under the office name here and on the crew page', async () => {
    await page.getByLabel('Message to the crew').fill('Dock B, slip 14. Be there 08:30.');
    await page.getByRole('button', { name: 'Post as the office' }).click();
    await settled(page);
    expect(await posts()).toEqual([
      { who: 'Kenji (mate)', text: 'Which dock? <b>B</b>?' },
      { who: OFFICE_NAME, text: 'Dock B, slip 14. Be there 08:30.' },
    ]);
    expect(await page.getByLabel('Message to the crew').inputValue()).toBe('');
    expect(await page.locator('#status').textContent()).toBe(
      `CH-CHAT-A: posted to the crew chat as ${OFFICE_NAME}.`,
    );
    await page.screenshot({ path: '/tmp/admin-sidebar-chat.png', fullPage: true });

    // Kenji's crew page shows the office's post, by name, after his own.
    const crew = await browser.newPage();
    await crew.goto(kenjiLink);
    const lines = await crew
      .locator('ul.chat li')
      .evaluateAll((items) => items.map((li) => li.querySelector('.who')?.textContent));
    expect(lines).toEqual(['Kenji (mate)', OFFICE_NAME]);
    expect(await crew.locator('ul.chat').textContent()).toContain('Be there 08:30.');
    await crew.close();

    // The other charter's chat is untouched.
    expect(office.harness.run('sidebarLoadChat', 'CH-CHAT-B')).toEqual({ ok: true, posts: [] });
  });

  it('refuses an empty message next to the box, and posts nothing', async () => {
    await page.getByLabel('Message to the crew').fill('   ');
    await page.getByRole('button', { name: 'Post as the office' }).click();
    await settled(page);
    expect(await page.locator('#chat-text-error').textContent()).toBe(
      'The message must not be empty.',
    );
    expect(await page.getByLabel('Message to the crew').getAttribute('aria-invalid')).toBe('true');
    expect(await posts()).toHaveLength(2);
    const stored = office.harness.run('sidebarLoadChat', 'CH-CHAT-A') as { posts: unknown[] };
    expect(stored.posts).toHaveLength(2);
  });

  it('names a charter the edge API does not know, through the built script', () => {
    expect(office.harness.run('sidebarPostChat', 'CH-NOPE', 'hello')).toMatchObject({
      ok: false,
      message: expect.stringContaining('404'),
    });
  });

  it('reached the server only through google.script.run, showing progress each time', () => {
    expect(sidebar.problems).toEqual([]);
    expect(sidebar.calls.filter((c) => !c.progressShown)).toEqual([]);
    expect(sidebar.calls.map((c) => c.name)).toEqual([
      'sidebarLoadRoster',
      'sidebarLoadBoard',
      'sidebarLoadChat',
      'sidebarLoadChat',
      'sidebarLoadChat',
      'sidebarPostChat',
      'sidebarPostChat',
    ]);
  });
});
