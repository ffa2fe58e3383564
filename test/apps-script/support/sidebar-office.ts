import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { type EdgeServer, type Office, openOffice, startEdgeServer } from './office.js';
import { openSidebarPage, type SidebarPage, settled, sidebarHtml } from './sidebar-page.js';

/** A sidebar test's whole office: the edge API, the sheet in the harness, the sidebar in Chromium. */
export interface SidebarOffice {
  edge: EdgeServer;
  office: Office;
  browser: Browser;
  sidebar: SidebarPage;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts the edge API at `start`, opens the sheet with these Charters rows and the admin
 * sidebar in Chromium, settled. `beforeOpen` runs against the edge API before the sheet
 * opens (to store office settings the sidebar should load with).
 */
export async function openSidebarOffice(
  start: Date,
  dynamodbEndpoint: string,
  charters: unknown[][],
  beforeOpen?: (edge: EdgeServer) => Promise<void>,
): Promise<SidebarOffice> {
  const edge = await startEdgeServer(start, dynamodbEndpoint);
  await beforeOpen?.(edge);
  const office = openOffice(edge, start, charters);
  const browser = await launchChromium();
  const sidebar = await openSidebarPage(browser, office.harness, sidebarHtml(office.harness));
  await settled(sidebar.page);
  return {
    edge,
    office,
    browser,
    sidebar,
    page: sidebar.page,
    async close() {
      await browser.close();
      await office.harness.close();
      await edge.stop();
    },
  };
}
