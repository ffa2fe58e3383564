import type { NotifiedAnswer, NotifiedBody } from '../../../shared/api/index.js';
import type { EdgeApiClient } from '../edge-api/client.js';

/**
 * Sends are written down in Script Properties the moment the mail service
 * accepts them, and reported to the edge API in one request per call
 * afterwards. A run killed between the two leaves the journal behind; the next
 * run reports it first and never sends those emails again. One property per
 * email, so a long journal never meets the 9 KB limit of a single value.
 */
const PREFIX = 'CREWCALL_SENT:';

export interface SentJournal {
  has(id: string): boolean;
  /** Records one send, durably, before anything else happens. */
  add(id: string): void;
  ids(): string[];
}

export function readJournal(): SentJournal {
  const props = PropertiesService.getScriptProperties();
  const ids = new Set(
    Object.keys(props.getProperties())
      .filter((k) => k.startsWith(PREFIX))
      .map((k) => k.slice(PREFIX.length)),
  );
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      props.setProperty(PREFIX + id, new Date().toISOString());
      ids.add(id);
    },
    ids: () => [...ids],
  };
}

/** Reports journaled sends to the edge API (one POST per call), then forgets them. */
export function reportSent(client: EdgeApiClient, journal: SentJournal): number {
  const byCall = new Map<string, string[]>();
  for (const id of journal.ids()) {
    const callId = id.split('/')[0] as string;
    byCall.set(callId, [...(byCall.get(callId) ?? []), id]);
  }
  const props = PropertiesService.getScriptProperties();
  let reported = 0;
  for (const [callId, ids] of byCall) {
    client.post<NotifiedAnswer>(`/api/calls/${callId}/notified`, {
      notification_ids: ids,
    } satisfies NotifiedBody);
    for (const id of ids) props.deleteProperty(PREFIX + id);
    reported += ids.length;
  }
  return reported;
}
