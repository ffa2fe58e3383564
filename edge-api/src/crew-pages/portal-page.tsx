import type { CrewState, PortalPageModel } from '../crew-calls/crew-page-model.js';
import type { AvailabilityModel } from '../crew-calls/portal-availability.js';
import { AvailabilityForm } from './availability-form.js';
import { CalendarFeedSection } from './calendar-feed-section.js';
import { Layout, type Office } from './layout.js';

const STATE_WORDS: Record<CrewState, string> = {
  asked: 'waiting for your answer',
  confirmed: 'you are confirmed',
  declined: 'you declined',
  standby: 'you are on standby',
  dropped: 'you dropped out',
};

/** A crew member's personal page: every upcoming charter they were asked about, each with its own page. */
export function PortalPage(props: {
  office: Office;
  portal: PortalPageModel;
  availability?: { model: AvailabilityModel; action: string };
}) {
  const { first_name, entries } = props.portal;
  return (
    <Layout title={`Hi ${first_name}`} subtitle="Your upcoming charters" office={props.office}>
      {entries.length === 0 ? (
        <section>
          <p>No upcoming charters for you right now. New crew calls arrive by email.</p>
        </section>
      ) : (
        entries.map((e) => (
          <section>
            <h2>
              {e.vessel}: {e.role}
            </h2>
            <p>{e.when}</p>
            <p class="hint">{STATE_WORDS[e.state] ?? e.state}</p>
            <p>
              <a class="button primary" href={e.path}>
                Open this charter
              </a>
            </p>
          </section>
        ))
      )}
      {props.availability ? <AvailabilityForm {...props.availability} /> : null}
      <CalendarFeedSection calendar={props.portal.calendar} />
    </Layout>
  );
}
