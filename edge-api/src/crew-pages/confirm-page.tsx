import type { CrewPageModel } from '../crew-calls/crew-page-model.js';
import { Layout, type Office } from './layout.js';

/** The answers that ask "are you sure?" first: both give a seat away and cannot be undone from the page. */
export type ConfirmedAction = 'decline' | 'dropout';

const WORDS: Record<
  ConfirmedAction,
  { heading: string; explain: string; confirm: string; back: string }
> = {
  decline: {
    heading: 'Decline this charter?',
    explain:
      'You won’t be asked again for this charter, and its seats go to other crew. To change your mind afterwards, call the office.',
    confirm: 'Yes, decline',
    back: 'No, go back',
  },
  dropout: {
    heading: 'Drop out of this charter?',
    explain:
      'Your seat goes back to the office and standby crew are offered it. To change your mind afterwards, call the office.',
    confirm: 'Yes, drop out',
    back: 'No, keep my seat',
  },
};

/**
 * The second page of Decline and Drop out: plain HTML, no script. Showing it writes
 * nothing and leaves the link unused; only its Confirm button posts the answer.
 */
export function ConfirmPage(props: {
  page: CrewPageModel;
  office: Office;
  action: ConfirmedAction;
  reason: string;
  /** The call page, e.g. /m/<token>: where Confirm posts and Back leads. */
  path: string;
}) {
  const p = props.page;
  const words = WORDS[props.action];
  return (
    <Layout title={`${p.vessel}: ${p.role}`} subtitle={p.when} office={props.office}>
      <section class="warning">
        <h2>{words.heading}</h2>
        <p>
          {p.vessel}, {p.when}, as {p.role}.
        </p>
        <p>{words.explain}</p>
        {props.reason ? (
          <dl>
            <dt>Your reason</dt>
            <dd>{props.reason}</dd>
          </dl>
        ) : null}
        <form method="post" action={props.path}>
          <input type="hidden" name="action" value={props.action} />
          <input type="hidden" name="reason" value={props.reason} />
          <button class="danger" type="submit">
            {words.confirm}
          </button>
        </form>
        <p class="back">
          <a class="button secondary" href={props.path}>
            {words.back}
          </a>
        </p>
      </section>
    </Layout>
  );
}
