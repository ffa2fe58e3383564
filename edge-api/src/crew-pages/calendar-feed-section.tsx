import type { CalendarFeedModel } from '../crew-calls/calendar-feed.js';

/**
 * The portal's calendar section: the person's private feed URL and how to subscribe
 * to it, or a button to get one. Getting one is a POST: GET must not create it (mail
 * scanners open links). No JavaScript: the URL is in a read-only field to select and copy.
 */
export function CalendarFeedSection(props: { calendar: CalendarFeedModel }) {
  const { feed, get_path } = props.calendar;
  return (
    <section id="calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Your charters in your calendar</h2>
      {feed ? (
        <>
          <p>
            Subscribe to this private address and every charter you are confirmed on appears in your
            calendar, kept up to date: changed times, cancellations, and charters you drop out of.
          </p>
          <label for="calendar-url">Your calendar address</label>
          <input class="copy" id="calendar-url" type="text" readonly value={feed.url} />
          <p>
            <a class="button primary" href={feed.webcal_url}>
              Subscribe on this phone
            </a>
          </p>
          <h3>Google Calendar</h3>
          <ol class="steps">
            <li>On a computer, open calendar.google.com.</li>
            <li>Next to “Other calendars”, choose + and then “From URL”.</li>
            <li>Paste the address and choose “Add calendar”.</li>
          </ol>
          <h3>Apple Calendar</h3>
          <ol class="steps">
            <li>
              iPhone or iPad: Settings › Calendar › Accounts › Add Account › Other › Add Subscribed
              Calendar, then paste the address.
            </li>
            <li>Mac: in Calendar choose File › New Calendar Subscription and paste it.</li>
          </ol>
          <h3>Outlook</h3>
          <ol class="steps">
            <li>In Outlook on the web, choose Add calendar › Subscribe from web.</li>
            <li>Paste the address, give it a name and choose Import.</li>
          </ol>
          <p class="hint">
            Calendar apps fetch it again on their own schedule: a change shows within a few hours
            (Google can take longer). Keep the address to yourself; if it gets out, ask the office
            for a new one.
          </p>
        </>
      ) : (
        <>
          <p>
            Get a private calendar address: every charter you are confirmed on then appears in
            Google Calendar, Apple Calendar or Outlook, kept up to date.
          </p>
          <form method="post" action={get_path}>
            <button class="primary" type="submit">
              Get my calendar link
            </button>
          </form>
        </>
      )}
    </section>
  );
}
