import { MARK_NOTE_MAX } from '../../../shared/availability/mark-text.js';
import type { AvailabilityModel } from '../crew-calls/portal-availability.js';

const CHOICES = [
  ['', 'Not set'],
  ['yes', 'Yes'],
  ['no', 'No'],
  ['morning', 'Morning'],
  ['afternoon', 'Afternoon'],
  ['after', 'After…'],
] as const;

/**
 * "Your availability" on the portal: one plain form, a row per day (no JavaScript). The time
 * counts only with After…; the office writes the answers into its sheet.
 */
export function AvailabilityForm(props: { model: AvailabilityModel; action: string }) {
  const { days, saved, error } = props.model;
  const failed = Boolean(error) || days.some((d) => d.error);
  return (
    <section id="availability" aria-labelledby="availability-title">
      <h2 id="availability-title">Your availability</h2>
      {saved !== undefined ? (
        <p class="notice" role="status">
          Saved {saved} {saved === 1 ? 'day' : 'days'}.
        </p>
      ) : null}
      {failed ? (
        <p class="error" role="alert">
          {error ?? 'Some days need a fix (marked below). Nothing was saved.'}
        </p>
      ) : null}
      <p class="hint">
        Mark the days you can work. For “After…”, give the time you are free from. The office copies
        your answers into its sheet.
      </p>
      <form method="post" action={props.action}>
        <ul class="days">
          {days.map((d) => (
            <li class={d.error ? 'day day-error' : 'day'}>
              <fieldset>
                <legend>{d.label}</legend>
                {d.confirmed ? (
                  <p class="hint">You are confirmed on {d.confirmed.join(' and ')} this day.</p>
                ) : null}
                <input type="hidden" name={`was_${d.date}`} value={d.was} />
                {d.error ? (
                  <p class="field-error" id={`error_${d.date}`}>
                    {d.error}
                  </p>
                ) : null}
                <div class="day-fields">
                  <span class="day-field">
                    <label for={`kind_${d.date}`}>Answer</label>
                    <select
                      id={`kind_${d.date}`}
                      name={`kind_${d.date}`}
                      {...(d.error ? { 'aria-describedby': `error_${d.date}` } : {})}
                    >
                      {CHOICES.map(([value, text]) => (
                        <option value={value} selected={d.kind === value}>
                          {text}
                        </option>
                      ))}
                    </select>
                  </span>
                  <span class="day-field">
                    <label for={`after_${d.date}`}>After (time)</label>
                    <input
                      type="time"
                      id={`after_${d.date}`}
                      name={`after_${d.date}`}
                      value={d.after}
                    />
                  </span>
                  <span class="day-field day-note">
                    <label for={`note_${d.date}`}>Note</label>
                    <input
                      type="text"
                      id={`note_${d.date}`}
                      name={`note_${d.date}`}
                      value={d.note}
                      maxlength={MARK_NOTE_MAX}
                    />
                  </span>
                </div>
                {d.office_value !== undefined ? (
                  <p class="hint">The office has “{d.office_value}” for this day.</p>
                ) : null}
                {d.not_in_sheet !== undefined ? <p class="hint">{d.not_in_sheet}</p> : null}
              </fieldset>
            </li>
          ))}
        </ul>
        {/* Sticky: on a phone the 60 days are a long scroll, and Save stays in reach without JavaScript. */}
        <div class="save-bar">
          <button class="primary" type="submit">
            Save my availability
          </button>
        </div>
      </form>
    </section>
  );
}
