import type {
  BoardAnswer,
  ChatAnswer,
  ChatPost,
  ChatPostBody,
  CrewAddBody,
  CrewFound,
  CrewMember,
  CrewPatchBody,
  EscalateAnswer,
  EscalateBody,
  FeedLinkAnswer,
  FeedLinkBody,
  InspectLinkBody,
  LinkInspection,
  OfficeSettingsAnswer,
  PortalLinkAnswer,
  PortalLinkBody,
  RevokeLinkAnswer,
  RevokeLinkBody,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { parseAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';
import { readAlsoQualified } from '../../../shared/crew/also-qualified.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { describeSettings, saveSettings } from '../settings/index.js';
import { describeOfficeSettings, saveOfficeSettings } from '../settings/office-settings-form.js';
import { testConnection } from '../settings/settings-dialog.js';
import type {
  CrewForm,
  KeyWarnings,
  OfficeSettingsForm,
  SettingsInput,
  SidebarResult,
  SidebarServer,
} from './contract.js';

// The functions the admin sidebar calls through google.script.run; their names and
// answers are the contract in ./contract.ts (checked by `sidebarFunctions` below).

function answer<T>(action: () => T): SidebarResult<T> {
  try {
    return { ok: true, ...action() };
  } catch (error) {
    if (error instanceof OfficeError) {
      const { code, similar } = error.detail;
      return {
        ok: false,
        message: error.message,
        fields: error.fields,
        ...(code ? { code } : {}),
        ...(similar ? { similar } : {}),
      };
    }
    return { ok: false, message: `Something went wrong: ${(error as Error).message}`, fields: [] };
  }
}

const MONTH_TAB =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}$|^\d{4}-\d{2}$|^\d{2}\/\d{4}$/i;

/**
 * Roster, ordered by level then name, with availability-key warnings against the month tabs,
 * and the office's roles for the form's suggestions (null if the edge API would not say).
 */
export function sidebarLoadRoster() {
  return answer(() => {
    const client = edgeApiClient();
    const { crew } = client.get<RosterAnswer>('/api/crew');
    return {
      crew,
      keys: keyWarnings(
        crew.map((c) => c.availability_key),
        crew.filter((c) => c.active).map((c) => c.availability_key),
      ),
      roles: officeRoles(client),
    };
  });
}

/** Suggestions only: a refusal here must not keep the roster from showing. */
function officeRoles(client: ReturnType<typeof edgeApiClient>): string[] | null {
  try {
    return client.get<OfficeSettingsAnswer>('/api/settings').roles;
  } catch (error) {
    if (error instanceof OfficeError) return null;
    throw error;
  }
}

/** Which roster keys no month tab names, and which month-tab headers name nobody. */
function keyWarnings(rosterKeys: string[], activeKeys: string[]): KeyWarnings {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const tabs = spreadsheet.getSheets().filter((s) => MONTH_TAB.test(s.getName().trim()));
  const matched = new Set<string>();
  const unmatchedHeaders: Array<{ tab: string; header: string }> = [];
  for (const sheet of tabs) {
    const parsed = parseAvailabilityTab({
      sheetName: sheet.getName(),
      values: sheet.getDataRange().getValues(),
      timeZone: spreadsheet.getSpreadsheetTimeZone(),
      rosterKeys,
    });
    for (const m of parsed.matchedHeaders) matched.add(m.availability_key);
    for (const h of parsed.unmatchedHeaders)
      unmatchedHeaders.push({ tab: sheet.getName(), header: h });
  }
  return {
    tabs: tabs.map((s) => s.getName()),
    // A header for someone deactivated still names somebody; only active crew need a column.
    keysWithoutHeader: tabs.length === 0 ? [] : activeKeys.filter((k) => !matched.has(k)),
    headersWithoutCrew: unmatchedHeaders,
  };
}

/**
 * Turns the form into the API's body: a rate typed as "450" or "450.50" becomes exact
 * cents. Left to the API to check (it names the field), so a new member's missing
 * fields pass through as missing.
 */
function crewBody(form: CrewForm): CrewPatchBody {
  const body: CrewPatchBody = {};
  for (const key of ['name', 'phone', 'email', 'role', 'availability_key'] as const) {
    if (form[key] !== undefined) body[key] = form[key];
  }
  if (form.cascade_level !== undefined && form.cascade_level !== '')
    body.cascade_level = Number(form.cascade_level);
  if (form.active !== undefined) body.active = form.active;
  if (form.also_qualified !== undefined) {
    const also = readAlsoQualified(form.also_qualified);
    if ('problem' in also)
      throw new OfficeError(`"Also qualified as" ${also.problem}.`, [
        { field: 'also_qualified', message: also.problem },
      ]);
    body.also_qualified = also.qualifications;
  }
  if (form.day_rate !== undefined && form.day_rate !== '') {
    const m = String(form.day_rate)
      .trim()
      .replace(/^\$/, '')
      .match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
    if (!m)
      throw new OfficeError('The day rate is not an amount.', [
        { field: 'day_rate', message: 'must be an amount like 450 or 450.50' },
      ]);
    body.day_rate = {
      amount_cents: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')),
      currency: form.currency || 'USD',
    };
  }
  return body;
}

/** Adds a crew member (no id) or changes one. */
export function sidebarSaveCrew(crewId: string | null, form: CrewForm) {
  return answer(() => {
    const client = edgeApiClient();
    if (crewId)
      return {
        member: client.patch<CrewMember>(`/api/crew/${encodeURIComponent(crewId)}`, crewBody(form)),
      };
    const body = crewBody(form) as CrewAddBody;
    // Only after the office saw the close-name warning and chose "Add anyway".
    if (form.confirm_similar_name === true) body.confirm_similar_name = true;
    return { member: client.post<CrewMember>('/api/crew', body) };
  });
}

/**
 * Who holds a phone or an email; the edge API reads the contact (an `@` makes it an
 * email) and names it when malformed. Nobody is said in the API's own words.
 */
export function sidebarFindCrew(contact: string) {
  return answer(() => {
    try {
      return edgeApiClient().get<CrewFound>(
        `/api/crew/find?contact=${encodeURIComponent(contact)}`,
      );
    } catch (error) {
      const { code, apiMessage } = error instanceof OfficeError ? error.detail : {};
      if (code === 'not_found' && apiMessage)
        throw new OfficeError(`${apiMessage.charAt(0).toUpperCase()}${apiMessage.slice(1)}.`, [], {
          code,
        });
      throw error;
    }
  });
}

export function sidebarDeactivateCrew(crewId: string) {
  return answer(() => ({
    member: edgeApiClient().delete<CrewMember>(`/api/crew/${encodeURIComponent(crewId)}`),
  }));
}

/** A personal portal link to send by hand. */
export function sidebarIssueLink(crewId: string) {
  return answer(() =>
    edgeApiClient().post<PortalLinkAnswer>('/api/links/portal', {
      crew_id: crewId,
    } satisfies PortalLinkBody),
  );
}

/** Stops a person's portal link; no new one is issued. */
export function sidebarRevokePortalLink(crewId: string) {
  return answer(() =>
    edgeApiClient().post<RevokeLinkAnswer>('/api/links/portal/revoke', {
      crew_id: crewId,
    } satisfies RevokeLinkBody),
  );
}

/** A person's private calendar feed; a new one kills the previous URL. */
export function sidebarIssueFeed(crewId: string) {
  return answer(() =>
    edgeApiClient().post<FeedLinkAnswer>('/api/links/feed', {
      crew_id: crewId,
    } satisfies FeedLinkBody),
  );
}

export function sidebarRevokeFeed(crewId: string) {
  return answer(() =>
    edgeApiClient().post<RevokeLinkAnswer>('/api/links/feed/revoke', {
      crew_id: crewId,
    } satisfies RevokeLinkBody),
  );
}

/** Whose a pasted link is, for which call, expired or used; never the secret. */
export function sidebarInspectLink(link: string) {
  return answer(() => ({
    inspection: edgeApiClient().post<LinkInspection>('/api/links/inspect', {
      link,
    } satisfies InspectLinkBody),
  }));
}

/** Upcoming charters with seats per role and where the cascade is. */
export function sidebarLoadBoard() {
  return answer(() => edgeApiClient().get<BoardAnswer>('/api/charters'));
}

/**
 * Opens the next level now, without waiting for the window (sending waits for the
 * timer, or Sync now). `fromLevel` is the level the board shows as current: two
 * clicks at once (two admins, a double click) then open one level, and the second
 * gets the same answer.
 */
export function sidebarEscalateNow(callId: string, fromLevel: number) {
  return answer(() => {
    const result = edgeApiClient().post<EscalateAnswer>(
      `/api/calls/${encodeURIComponent(callId)}/escalate`,
      { from_level: fromLevel, force: true } satisfies EscalateBody,
    );
    return { level: result.level, emails: result.notifications.length, call: result.call };
  });
}

export function sidebarLoadSettings() {
  return answer(() => ({ settings: describeSettings(), office: describeOfficeSettings() }));
}

export function sidebarSaveOfficeSettings(form: OfficeSettingsForm) {
  return answer(() => ({ office: saveOfficeSettings(form) }));
}

/** Saves settings (blank fields keep their value; the secret is write-only) and tests them. */
export function sidebarSaveSettings(input: SettingsInput) {
  return answer(() => {
    saveSettings(input);
    // Saved either way; a failing test is reported as such, not as "not saved".
    let connection: string;
    try {
      connection = testConnection();
    } catch (error) {
      connection = `Saved, but the connection test failed: ${(error as Error).message}`;
    }
    return { settings: describeSettings(), connection };
  });
}

export function sidebarTestConnection() {
  return answer(() => ({ connection: testConnection() }));
}

const chatPath = (charterId: string) => `/api/charters/${encodeURIComponent(charterId)}/chat`;

/** A charter's crew chat, as the office reads it. */
export function sidebarLoadChat(charterId: string) {
  return answer(() => edgeApiClient().get<ChatAnswer>(chatPath(charterId)));
}

/**
 * Posts to a charter's crew chat as the office. The edge API checks the text (naming
 * the field) and signs the post with the office's name; the answer carries the chat
 * as it now is, so the sidebar shows the post among the crew's.
 */
export function sidebarPostChat(charterId: string, text: string) {
  return answer(() => {
    const client = edgeApiClient();
    const post = client.post<ChatPost>(chatPath(charterId), { text } satisfies ChatPostBody);
    return { post, posts: client.get<ChatAnswer>(chatPath(charterId)).posts };
  });
}

/** What main.ts exposes to google.script.run: the contract's names, each checked against it. */
export const sidebarFunctions: SidebarServer = {
  sidebarLoadRoster,
  sidebarSaveCrew,
  sidebarFindCrew,
  sidebarDeactivateCrew,
  sidebarIssueLink,
  sidebarRevokePortalLink,
  sidebarIssueFeed,
  sidebarRevokeFeed,
  sidebarInspectLink,
  sidebarLoadBoard,
  sidebarEscalateNow,
  sidebarLoadSettings,
  sidebarSaveSettings,
  sidebarSaveOfficeSettings,
  sidebarTestConnection,
  sidebarLoadChat,
  sidebarPostChat,
};
