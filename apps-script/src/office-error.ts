import type { FieldProblem } from '../../shared/api/index.js';

/**
 * The one error type for messages office staff read (in an alert, a toast or
 * next to a field in the sidebar). Anything else that escapes is a bug and is
 * shown as "something went wrong".
 */
export class OfficeError extends Error {
  /** Problems with particular fields, named as the edge API names them. */
  readonly fields: FieldProblem[];
  /** The edge API's error code (ErrorBody.error), when the edge API said no. */
  readonly code: string | undefined;

  constructor(message: string, fields: FieldProblem[] = [], code?: string) {
    super(message);
    this.name = 'OfficeError';
    this.fields = fields;
    this.code = code;
  }
}
