import type { EdgeApiClient } from '../edge-api/client.js';

/**
 * Sends are written down in Script Properties the moment Gmail accepts them,
 * and reported to the edge API in one request per call afterwards. A run
 * killed between the two leaves the journal behind; the next run reports it
 * first and never sends those emails again.
 */
const KEY = 'CREWCALL_SENT_JOURNAL';

export function readJournal(): Set<string> {
  const raw = PropertiesService.getScriptProperties().getProperty(KEY);
  return new Set(raw ? (JSON.parse(raw) as string[]) : []);
}

export function writeJournal(ids: Set<string>): void {
  const props = PropertiesService.getScriptProperties();
  if (ids.size === 0) props.deleteProperty(KEY);
  else props.setProperty(KEY, JSON.stringify([...ids]));
}

/** Reports journaled sends to the edge API (one POST per call) and clears them. */
export function reportSent(client: EdgeApiClient, journal: Set<string>): number {
  const byCall = new Map<string, string[]>();
  for (const id of journal) {
    const callId = id.split('/')[0] as string;
    byCall.set(callId, [...(byCall.get(callId) ?? []), id]);
  }
  let reported = 0;
  for (const [callId, ids] of byCall) {
    client.post(`/api/calls/${callId}/notified`, { notification_ids: ids });
    for (const id of ids) journal.delete(id);
    writeJournal(journal);
    reported += ids.length;
  }
  return reported;
}
