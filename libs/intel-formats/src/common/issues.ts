// What the converters report instead of throwing: one entry per thing that could not be used, with the
// place it was found, so that a user can fix the input and the good parts are kept.

/**
 * The input's own text as a message may quote it: letters, digits, punctuation, symbols and spaces
 * only (no control or invisible character, nothing a store or a terminal refuses), at most `max`.
 */
export function printable(text: string, max: number): string {
  return text.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '\uFFFD').slice(0, max);
}

/** A problem with one part of the input: `path` says where (a JSON path, `row 12`, `line 3`). */
export interface FormatIssue {
  path: string;
  message: string;
}

export type FormatErrorCode = 'EMPTY_INPUT' | 'BINARY_INPUT' | 'INVALID_ENCODING' | 'UNTERMINATED_QUOTE' | 'RECORD_TOO_LARGE' | 'INVALID_INPUT';

/**
 * The whole input is unusable (empty, binary, not text in a known encoding...). Thrown from the streaming
 * functions because a stream cannot return early; the caller maps it to one structured error for the user.
 * The message never repeats the input, so it is safe to show and to log.
 */
export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}
