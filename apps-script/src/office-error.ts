/**
 * The one error type for messages office staff read (in an alert or a toast).
 * Anything else that escapes is a bug and is shown as "something went wrong".
 */
export class OfficeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeError';
  }
}
