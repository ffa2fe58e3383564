import type {
  FieldProblem,
  OfficeSettingsAnswer,
  OfficeSettingsBody,
} from '../../../shared/api/index.js';
import { checkRoles } from '../../../shared/crew/roles.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import type { OfficeSettingsForm, OfficeSettingsView } from '../sidebar/contract.js';
import {
  checkScriptSettings,
  describeScriptSettings,
  LABELS,
  rememberOffice,
  storeScriptSettings,
} from './office-settings.js';

/** The edge API names its fields as the wire does; the form names them as the page does. */
const FORM_FIELD: Record<string, keyof typeof LABELS> = {
  roles: 'roles',
  call_window_policy: 'callWindowPolicy',
};

/** The Settings tab's office part: the script's settings, and the edge API's when it answers. */
export function describeOfficeSettings(): OfficeSettingsView {
  let edge: OfficeSettingsAnswer | null = null;
  let edgeProblem: string | null = null;
  try {
    edge = edgeApiClient().get<OfficeSettingsAnswer>('/api/settings');
    rememberOffice(edge);
  } catch (error) {
    if (!(error instanceof OfficeError)) throw error;
    edgeProblem = `The crew roles and call windows could not be read: ${error.message}`;
  }
  return viewOf(edge, edgeProblem);
}

function viewOf(edge: OfficeSettingsAnswer | null, edgeProblem: string | null): OfficeSettingsView {
  return {
    ...describeScriptSettings(),
    roles: edge ? edge.roles.join(', ') : '',
    callWindowPolicy: edge?.call_window_policy ?? '',
    edgeProblem,
  };
}

const rolesOf = (text: string) =>
  text
    .split(/[,\n]+/)
    .map((r) => r.trim())
    .filter(Boolean);

function refuse(problems: FieldProblem[]): never {
  const words = problems.map(
    (p) => `${LABELS[p.field as keyof typeof LABELS] ?? p.field}: ${p.message}`,
  );
  throw new OfficeError(`Office settings not saved: ${words.join('; ')}.`, problems);
}

/**
 * Saves the office's settings from the sidebar, all or none: the script's are checked first
 * (and the roles by the same rule the edge API uses), then the edge API checks and stores
 * the roles and call windows that changed, and only then are the script's stored. A refusal
 * anywhere leaves every setting as it was, and names each bad one.
 */
export function saveOfficeSettings(form: OfficeSettingsForm): OfficeSettingsView {
  const { values, problems } = checkScriptSettings({
    ownerEmails: form.ownerEmails,
    senderName: form.senderName,
    currency: form.currency,
    reportsRoot: form.reportsRoot,
    shortHandedHours: form.shortHandedHours,
  });
  const roles = checkRoles(rolesOf(form.roles));
  if ('problem' in roles) problems.push({ field: 'roles', message: roles.problem });
  const policy = form.callWindowPolicy.trim();
  if (policy === '')
    problems.push({ field: 'callWindowPolicy', message: 'is required, e.g. 168h=12h,0h=30m' });
  if (problems.length > 0) refuse(problems);

  const client = edgeApiClient();
  let edge = client.get<OfficeSettingsAnswer>('/api/settings');
  // Only what changed: an unchanged default stays a default (and follows CALL_WINDOW_POLICY).
  const change: OfficeSettingsBody = {};
  if ('roles' in roles && roles.roles.join(',') !== edge.roles.join(','))
    change.roles = roles.roles;
  if (policy !== edge.call_window_policy) change.call_window_policy = policy;
  if (Object.keys(change).length > 0) {
    try {
      edge = client.put<OfficeSettingsAnswer>('/api/settings', change);
    } catch (error) {
      if (!(error instanceof OfficeError) || error.fields.length === 0) throw error;
      refuse(
        error.fields.map((f) => ({ field: FORM_FIELD[f.field] ?? f.field, message: f.message })),
      );
    }
  }
  storeScriptSettings(values);
  rememberOffice(edge);
  return viewOf(edge, null);
}
