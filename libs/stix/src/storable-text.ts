// Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and no unpaired UTF-16
// surrogate (jsonb refuses it). JSON may write both as escapes, so a parsed input can hold them.

// A high surrogate not followed by a low one, or a low one not after a high one (code units: no `u` flag).
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNPAIRED_SURROGATES = new RegExp(UNPAIRED_SURROGATE.source, 'g');

/** Text PostgreSQL can store (no NUL character, no unpaired surrogate). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

/** The text with each NUL character and unpaired surrogate written as U+FFFD: for quoting input back (a path, a message). */
export function storableText(text: string): string {
  return text.split('\u0000').join('\uFFFD').replace(UNPAIRED_SURROGATES, '\uFFFD');
}
