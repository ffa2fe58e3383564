import { invalidInput } from '../errors/index.js';

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
