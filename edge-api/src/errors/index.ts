import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, FieldProblem } from '../../../shared/api/errors.js';

export type { FieldProblem };

/**
 * The one error type for anything a user (admin, office, crew) should read.
 * Routes throw it; the app's error handler turns it into a JSON answer.
 * Anything else that escapes is a bug and becomes a 500 with no details.
 */
export class UserError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly fields: FieldProblem[];
  /** More of the answer, for the few errors whose body declares more (e.g. `similar`). */
  readonly details: Record<string, unknown>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    fields: FieldProblem[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  toJSON(): ErrorBody {
    return {
      ...this.details,
      error: this.code,
      message: this.message,
      ...(this.fields.length > 0 ? { fields: this.fields } : {}),
    };
  }
}

export const invalidInput = (fields: FieldProblem[]): UserError =>
  new UserError(
    400,
    'invalid_input',
    fields.length === 1
      ? `${fields[0]?.field}: ${fields[0]?.message}`
      : `${fields.length} fields are invalid: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  );

export const notFound = (what: string): UserError =>
  new UserError(404, 'not_found', `${what} was not found`);
