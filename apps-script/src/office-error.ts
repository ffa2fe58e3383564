import type { FieldProblem } from '../../shared/api/index.js';

/**
 * The one error type for messages office staff read (in an alert, a toast or
 * next to a field in the sidebar). Anything else that escapes is a bug and is
 * shown as "something went wrong".
 */
export class OfficeError extends Error {
  /** Problems with particular fields, named as the edge API names them. */
  readonly fields: FieldProblem[];

  constructor(message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'OfficeError';
    this.fields = fields;
  }
}
