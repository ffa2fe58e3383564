/** One bad field in a request, named the way the client sent it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every 4xx/5xx answer of the admin API: a code, words for people, and the fields at fault. */
export interface ErrorBody {
  /** invalid_input, not_found, charter_cancelled, database_unavailable, ... */
  error: string;
  message: string;
  /** Present when particular fields were wrong (400 invalid_input, 409 call_started). */
  fields?: FieldProblem[];
}
