/**
 * The one error type for messages office staff read (in an alert, a toast or
 * next to a field in the sidebar). Anything else that escapes is a bug and is
 * shown as "something went wrong".
 */
export class OfficeError extends Error {
  /** Problems with particular fields, named as the edge API names them. */
  readonly fields: Array<{ field: string; message: string }>;

  constructor(message: string, fields: Array<{ field: string; message: string }> = []) {
    super(message);
    this.name = 'OfficeError';
    this.fields = fields;
  }
}
