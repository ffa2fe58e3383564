import {
  CHAT_MAX_LENGTH,
  type ChatLine,
  type CrewPageModel,
  type ResponseOutcome,
} from '../crew-calls/crew-page-model.js';
import { Layout, type Office } from './layout.js';

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

/** The crew page for a live or answered link, from its page model. Plain forms: works without JavaScript. */
export function CrewPage(props: {
  page: CrewPageModel;
  office: Office;
  /** This page's own path (/m/<token>): Decline and Drop out post to its confirmation step. */
  path: string;
  result?: ResponseOutcome | undefined;
  error?: string | undefined;
}) {
  const p = props.page;
  const message = props.result ? RESULT_MESSAGES[props.result] : undefined;
  return (
    <Layout title={`${p.vessel}: ${p.role}`} subtitle={p.when} office={props.office}>
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
        <h2>Hi {p.first_name}</h2>
        <dl>
          <dt>Vessel</dt>
          <dd>{p.vessel}</dd>
          <dt>When</dt>
          <dd>{p.when}</dd>
          <dt>Role</dt>
          <dd>{p.role}</dd>
          <dt>Meet at</dt>
          <dd>{p.meeting_point || 'the office will tell you'}</dd>
          <dt>Pay</dt>
          <dd>{p.pay}</dd>
          <dt>Guests</dt>
          <dd>{p.guests}</dd>
          {p.client ? (
            <>
              <dt>Client</dt>
              <dd>{p.client}</dd>
            </>
          ) : null}
          {p.notes ? (
            <>
              <dt>Notes</dt>
              <dd>{p.notes}</dd>
            </>
          ) : null}
          {p.answer_by ? (
            <>
              <dt>Answer by</dt>
              <dd>{p.answer_by}</dd>
            </>
          ) : null}
          <dt>Confirmed</dt>
          <dd>
            {p.confirmed_others.length > 0
              ? p.confirmed_others.map((r) => `${r.first_name} (${r.role})`).join(', ')
              : 'nobody else yet'}
          </dd>
        </dl>
      </section>
      <StateSection page={p} confirmPath={`${props.path}/confirm`} />
      {p.chat ? <ChatSection lines={p.chat} /> : null}
    </Layout>
  );
}

function StateSection(props: { page: CrewPageModel; confirmPath: string }) {
  const { state, role, choice } = props.page;
  if (choice.may === 'nothing' && choice.reason === 'departed' && state !== 'confirmed') {
    return (
      <section>
        <p>This charter has already left.</p>
      </section>
    );
  }
  if (choice.may === 'standby') {
    return (
      <section class="warning">
        <h2>All {role} seats are filled</h2>
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
  if (choice.may === 'decide') {
    return (
      <section>
        <h2>Can you crew this charter?</h2>
        <p class="hint">Seats go to the first crew who accept.</p>
        <form method="post">
          <input type="hidden" name="action" value="accept" />
          {props.page.seats && props.page.seats.length > 1 ? (
            // Offered several seats: one button per role still open, the earliest offered first.
            props.page.seats.map((seat) => (
              <button class="primary" type="submit" name="seat" value={seat}>
                Accept as {seat}
              </button>
            ))
          ) : (
            <button class="primary" type="submit">
              Accept
            </button>
          )}
        </form>
        <form method="post" action={props.confirmPath}>
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
  switch (state) {
    case 'confirmed':
      return (
        <section class="notice">
          <h2>You're confirmed</h2>
          {choice.may === 'drop_out' ? (
            <form method="post" action={props.confirmPath}>
              <input type="hidden" name="action" value="dropout" />
              <label for="dropout-reason">Can’t make it after all? Reason (optional)</label>
              <textarea id="dropout-reason" name="reason" maxlength={300} />
              <button class="danger" type="submit">
                Drop out
              </button>
            </form>
          ) : null}
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

function ChatSection(props: { lines: ChatLine[] }) {
  return (
    <section id="chat">
      <h2>Charter chat</h2>
      {props.lines.length === 0 ? <p class="hint">No messages yet.</p> : null}
      <ul class="chat">
        {props.lines.map((p) => (
          <li>
            <span class="who">{p.author}</span> <span class="when">{p.when}</span>
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
