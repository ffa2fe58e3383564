import { DateTime } from 'luxon';
import { describeCharterTime } from '../../../shared/charter/index.js';
import { formatMoney } from '../../../shared/money/index.js';
import type { CrewLinkView } from '../crew-calls/crew-link-view.js';
import type { ResponseOutcome } from '../crew-calls/crew-responses.js';
import type { ChatPost } from '../db/chats-table.js';
import { CHAT_MAX_LENGTH } from '../db/chats-table.js';
import { Layout, type Office } from './layout.js';

type OpenView = Extract<CrewLinkView, { kind: 'open' }>;

const RESULT_MESSAGES: Partial<
  Record<ResponseOutcome, { tone: 'notice' | 'warning'; text: string }>
> = {
  confirmed: { tone: 'notice', text: "You're confirmed. A calendar invite is on its way." },
  filled: {
    tone: 'warning',
    text: 'Sorry: every seat for your role was taken before your answer arrived.',
  },
  declined: { tone: 'notice', text: 'Thanks, we recorded that you can’t make it.' },
  standby: {
    tone: 'notice',
    text: "You're on standby. If a seat opens, you'll get an email first.",
  },
  dropped: { tone: 'notice', text: 'You dropped out. The office and standby crew have been told.' },
  already_answered: {
    tone: 'warning',
    text: 'This link was already used to answer, so nothing changed.',
  },
  departed: { tone: 'warning', text: 'This charter has already left, so nothing changed.' },
  not_confirmed: {
    tone: 'warning',
    text: 'You are not confirmed on this charter, so there is nothing to drop out of.',
  },
};

/** The crew page for a live or answered link. Plain forms: works without JavaScript. */
export function CrewPage(props: {
  view: OpenView;
  office: Office;
  chat: ChatPost[];
  result?: ResponseOutcome | undefined;
  error?: string | undefined;
}) {
  const { charter, response, call, link } = props.view;
  const others = Object.entries(call.confirmed ?? {})
    .filter(([crewId]) => crewId !== response.crew_id)
    .map(([, who]) => who)
    .sort((a, b) => a.role.localeCompare(b.role) || a.first_name.localeCompare(b.first_name));
  const message = props.result ? RESULT_MESSAGES[props.result] : undefined;
  const canDecide = link.state === 'live' && !props.view.departed;
  return (
    <Layout
      title={`${charter.vessel}: ${response.role}`}
      subtitle={describeCharterTime(charter)}
      office={props.office}
    >
      {message ? (
        <section class={message.tone} role="status">
          <p>{message.text}</p>
        </section>
      ) : null}
      {props.error ? (
        <section class="error" role="alert">
          <p>{props.error}</p>
        </section>
      ) : null}
      <section>
        <h2>Hi {response.first_name}</h2>
        <dl>
          <dt>Vessel</dt>
          <dd>{charter.vessel}</dd>
          <dt>When</dt>
          <dd>{describeCharterTime(charter)}</dd>
          <dt>Role</dt>
          <dd>{response.role}</dd>
          <dt>Meet at</dt>
          <dd>{charter.meeting_point || 'the office will tell you'}</dd>
          <dt>Pay</dt>
          <dd>{formatMoney(response.day_rate)}</dd>
          <dt>Guests</dt>
          <dd>{charter.guests}</dd>
          <dt>Confirmed</dt>
          <dd>
            {others.length > 0
              ? others.map((r) => `${r.first_name} (${r.role})`).join(', ')
              : 'nobody else yet'}
          </dd>
        </dl>
      </section>
      <StateSection view={props.view} canDecide={canDecide} />
      {response.state === 'confirmed' ? (
        <ChatSection posts={props.chat} zone={charter.time_zone} />
      ) : null}
    </Layout>
  );
}

function StateSection(props: { view: OpenView; canDecide: boolean }) {
  const { response, role_full, departed } = props.view;
  if (departed && response.state !== 'confirmed') {
    return (
      <section>
        <p>This charter has already left.</p>
      </section>
    );
  }
  if (props.canDecide && role_full) {
    return (
      <section class="warning">
        <h2>All {response.role} seats are filled</h2>
        <p>
          Crew who answered first took them. Join standby and you’ll be offered a seat first if one
          opens.
        </p>
        <form method="post">
          <input type="hidden" name="action" value="standby" />
          <button class="primary" type="submit">
            Put me on standby
          </button>
        </form>
      </section>
    );
  }
  if (props.canDecide) {
    return (
      <section>
        <h2>Can you crew this charter?</h2>
        <p class="hint">Seats go to the first crew who accept.</p>
        <form method="post">
          <input type="hidden" name="action" value="accept" />
          <button class="primary" type="submit">
            Accept
          </button>
        </form>
        <form method="post">
          <input type="hidden" name="action" value="decline" />
          <label for="decline-reason">Reason (optional)</label>
          <textarea id="decline-reason" name="reason" maxlength={300} />
          <button class="secondary" type="submit">
            Decline
          </button>
        </form>
      </section>
    );
  }
  switch (response.state) {
    case 'confirmed':
      return (
        <section class="notice">
          <h2>You're confirmed</h2>
          {departed ? null : (
            <form method="post">
              <input type="hidden" name="action" value="dropout" />
              <label for="dropout-reason">Can’t make it after all? Reason (optional)</label>
              <textarea id="dropout-reason" name="reason" maxlength={300} />
              <button class="danger" type="submit">
                Drop out
              </button>
            </form>
          )}
        </section>
      );
    case 'declined':
      return (
        <section>
          <h2>Already answered: you declined</h2>
          <p>Changed your mind? Call the office.</p>
        </section>
      );
    case 'standby':
      return (
        <section>
          <h2>Already answered: you're on standby</h2>
          <p>If a seat opens you’ll get a new email with a link to take it.</p>
        </section>
      );
    case 'dropped':
      return (
        <section>
          <h2>You dropped out of this charter</h2>
        </section>
      );
    default:
      return (
        <section>
          <h2>Already answered</h2>
        </section>
      );
  }
}

function ChatSection(props: { posts: ChatPost[]; zone: string }) {
  return (
    <section id="chat">
      <h2>Charter chat</h2>
      {props.posts.length === 0 ? <p class="hint">No messages yet.</p> : null}
      <ul class="chat">
        {props.posts.map((p) => (
          <li>
            <span class="who">{p.author}</span>{' '}
            <span class="when">
              {DateTime.fromISO(p.posted_at).setZone(props.zone).toFormat('d LLL HH:mm')}
            </span>
            {'\n'}
            {p.text}
          </li>
        ))}
      </ul>
      <form method="post">
        <input type="hidden" name="action" value="chat" />
        <label for="chat-message">Message the crew and the office</label>
        <textarea id="chat-message" name="message" maxlength={CHAT_MAX_LENGTH} required />
        <button class="secondary" type="submit">
          Post
        </button>
      </form>
    </section>
  );
}
