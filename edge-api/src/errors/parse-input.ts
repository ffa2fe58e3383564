import * as z from 'zod/v4/core';
import { type FieldProblem, invalidInput } from './index.js';

/** Turns zod issues into one problem per field, in words an admin understands. */
export function describeIssues(issues: readonly z.$ZodIssue[], input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ field: at ? `${at}.${key}` : key, message: 'is not a known field' });
      }
    } else if (
      issue.code === 'invalid_type' &&
      issue.path.length > 0 &&
      isMissing(input, issue.path)
    ) {
      problems.push({ field: at, message: 'is required' });
    } else {
      problems.push({ field: at || 'body', message: issue.message });
    }
  }
  return problems;
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return true;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node === undefined;
}

/**
 * Parses input with a schema (classic zod or zod/mini: both are built on zod's core) or
 * throws the user-facing 400 naming every bad field.
 */
export function parseOrThrow<T>(schema: z.$ZodType<T>, input: unknown): T {
  const result = z.safeParse(schema, input);
  if (!result.success) throw invalidInput(describeIssues(result.error.issues, input));
  return result.data;
}

/** Parses a JSON request body, or answers 400 naming the body. */
export function readJson(text: string): unknown {
  if (text.trim() === '')
    throw invalidInput([{ field: 'body', message: 'is required (a JSON object)' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput([{ field: 'body', message: 'is not valid JSON' }]);
  }
}
