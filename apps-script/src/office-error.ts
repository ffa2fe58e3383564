import type { FieldProblem, SimilarCrew } from '../../shared/api/index.js';

/** What the edge API said besides the words: its error code, and who a close-name warning is about. */
export interface OfficeErrorDetail {
  /** The API's `error` code (`not_found`, `similar_name`, ...), when the API answered. */
  code?: string;
  /** The API's own `message`, without the office's framing (to show it as the API put it). */
  apiMessage?: string;
  /** 409 `similar_name`: the members already there with a close name. */
  similar?: SimilarCrew[];
}

/**
 * The one error type for messages office staff read (in an alert, a toast or
 * next to a field in the sidebar). Anything else that escapes is a bug and is
 * shown as "something went wrong".
 */
export class OfficeError extends Error {
  /** Problems with particular fields, named as the edge API names them. */
  readonly fields: FieldProblem[];
  readonly detail: OfficeErrorDetail;

  constructor(message: string, fields: FieldProblem[] = [], detail: OfficeErrorDetail = {}) {
    super(message);
    this.name = 'OfficeError';
    this.fields = fields;
    this.detail = detail;
  }
}
