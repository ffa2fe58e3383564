import { describeCharterTime } from '../../../shared/charter/index.js';
import { firstName } from '../../../shared/crew/index.js';
import type { PortalEntry } from '../crew-calls/portal-links.js';
import { Layout, type Office } from './layout.js';

const STATE_WORDS: Record<string, string> = {
  asked: 'waiting for your answer',
  confirmed: 'you are confirmed',
  declined: 'you declined',
  standby: 'you are on standby',
  dropped: 'you dropped out',
};

/** A crew member's personal page: every upcoming charter they were asked about, each with its own page. */
export function PortalPage(props: { office: Office; crewName: string; entries: PortalEntry[] }) {
  const first = firstName(props.crewName);
  return (
    <Layout title={`Hi ${first}`} subtitle="Your upcoming charters" office={props.office}>
      {props.entries.length === 0 ? (
        <section>
          <p>No upcoming charters for you right now. New crew calls arrive by email.</p>
        </section>
      ) : (
        props.entries.map((e) => (
          <section>
            <h2>
              {e.charter.vessel}: {e.response.role}
            </h2>
            <p>{describeCharterTime(e.charter)}</p>
            <p class="hint">{STATE_WORDS[e.response.state] ?? e.response.state}</p>
            <p>
              <a href={new URL(e.url).pathname}>Open this charter</a>
            </p>
          </section>
        ))
      )}
    </Layout>
  );
}
