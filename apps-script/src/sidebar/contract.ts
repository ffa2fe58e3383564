// The admin sidebar's google.script.run contract, declared once: the server half
// (sidebar-api.ts, exposed by main.ts) must implement it, the page half
// (apps-script/sidebar/server.ts) calls through it. Office-only, so it lives
// beside the server functions rather than in shared/api (the edge API never
// sees it); it reuses the admin API's wire types where the sidebar shows them.
// Types only: the sidebar page imports it with `import type`.
import type {
  BoardAnswer,
  CallSummary,
  ChatAnswer,
  ChatPost,
  CrewFound,
  CrewMember,
  FeedLinkAnswer,
  FieldProblem,
  LinkInspection,
  PortalLinkAnswer,
  RevokeLinkAnswer,
  SimilarCrew,
} from '../../../shared/api/index.js';

/**
 * What every sidebarX function answers: `{ ok: true, ... }`, or `{ ok: false,
 * message, fields }` so the page can put an error next to the field it is about
 * (a thrown error would reach the page as one bare message). `code` is the edge
 * API's error code when it refused; `similar` comes with the close-name warning
 * (`similar_name`), so the form can name them and offer "Add anyway".
 */
export type SidebarResult<T> =
  | ({ ok: true } & T)
  | {
      ok: false;
      message: string;
      fields: FieldProblem[];
      code?: string;
      similar?: SimilarCrew[];
    };

/** Crew fields as the sidebar's form sends them (rate in currency units, as typed). */
export interface CrewForm {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
  cascade_level?: number | string;
  availability_key?: string;
  day_rate?: string;
  currency?: string;
  active?: boolean;
  /** Further roles as `role:level, ...` (the CLI's `--also`); blank clears them on an edit. */
  also_qualified?: string;
  /** Adds a new member despite the close-name warning (ignored for an edit). */
  confirm_similar_name?: boolean;
}

/** Roster keys no month tab names, and month-tab headers that name nobody. */
export interface KeyWarnings {
  tabs: string[];
  keysWithoutHeader: string[];
  headersWithoutCrew: Array<{ tab: string; header: string }>;
}

/** The settings as the sidebar shows them: the secret only as set or not. */
export interface SettingsView {
  apiUrl: string;
  region: string;
  accessKeyId: string;
  secretSet: boolean;
  /** How month tabs read `x` now (unset reads as yes). */
  xMeans: string;
}

/** Settings as the form sends them: a blank field keeps its value; the secret is write-only. */
export interface SettingsInput {
  apiUrl?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  xMeans?: string;
}

/**
 * The office's settings as the Settings tab shows them: the script's own (Script Properties)
 * and the edge API's roles and call windows, each as text to edit.
 */
export interface OfficeSettingsView {
  ownerEmails: string;
  /** Blank: emails are signed with the office's name. */
  senderName: string;
  /** The office's name (the edge API's OFFICE_NAME), the sender name's default; blank if not known yet. */
  officeName: string;
  currency: string;
  reportsRoot: string;
  /** Whole hours before departure the office is told again of open seats (default 24). */
  shortHandedHours: string;
  /** Comma-separated; blank when the edge API could not be asked (see `edgeProblem`). */
  roles: string;
  callWindowPolicy: string;
  /** Why the roles and call windows could not be read (not set up yet, unreachable), or null. */
  edgeProblem: string | null;
}

/** The office settings form: every field is sent; a blank one goes back to its default. */
export interface OfficeSettingsForm {
  ownerEmails: string;
  senderName: string;
  currency: string;
  reportsRoot: string;
  shortHandedHours: string;
  roles: string;
  callWindowPolicy: string;
}

/** The server functions the sidebar calls, by the names Apps Script exposes, and what each answers. */
export interface SidebarServer {
  /** `roles`: the office's role list, or null when the edge API could not say (use the common ones). */
  sidebarLoadRoster(): SidebarResult<{
    crew: CrewMember[];
    keys: KeyWarnings;
    roles: string[] | null;
  }>;
  sidebarSaveCrew(crewId: string | null, form: CrewForm): SidebarResult<{ member: CrewMember }>;
  /** The crew member holding a phone (as typed, national or not) or an email. */
  sidebarFindCrew(contact: string): SidebarResult<CrewFound>;
  sidebarDeactivateCrew(crewId: string): SidebarResult<{ member: CrewMember }>;
  /** Issues (reissues) a person's portal link; the previous one stops working. */
  sidebarIssueLink(crewId: string): SidebarResult<PortalLinkAnswer>;
  /** Stops a person's portal link without a new one. */
  sidebarRevokePortalLink(crewId: string): SidebarResult<RevokeLinkAnswer>;
  /** Issues (reissues) a person's calendar feed; the previous URL stops working. */
  sidebarIssueFeed(crewId: string): SidebarResult<FeedLinkAnswer>;
  sidebarRevokeFeed(crewId: string): SidebarResult<RevokeLinkAnswer>;
  sidebarInspectLink(link: string): SidebarResult<{ inspection: LinkInspection }>;
  sidebarLoadBoard(): SidebarResult<BoardAnswer>;
  sidebarEscalateNow(
    callId: string,
    fromLevel: number,
  ): SidebarResult<{ level: number | null; emails: number; call: CallSummary }>;
  sidebarLoadSettings(): SidebarResult<{ settings: SettingsView; office: OfficeSettingsView }>;
  /** Checks every office setting first; saves them all, or none with each problem named. */
  sidebarSaveOfficeSettings(
    form: OfficeSettingsForm,
  ): SidebarResult<{ office: OfficeSettingsView }>;
  sidebarSaveSettings(input: SettingsInput): SidebarResult<{
    settings: SettingsView;
    connection: string;
  }>;
  sidebarTestConnection(): SidebarResult<{ connection: string }>;
  /** A charter's crew chat, oldest first. */
  sidebarLoadChat(charterId: string): SidebarResult<ChatAnswer>;
  /** Posts as the office (the edge API names the author), then the chat as it now is. */
  sidebarPostChat(charterId: string, text: string): SidebarResult<{ post: ChatPost } & ChatAnswer>;
}
