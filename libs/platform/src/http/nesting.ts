/**
 * How deeply a request may nest JSON values, and the GraphQL document's brackets. Everything that
 * walks request input (text hygiene, cache keys, variable coercion, STIX validation, the GraphQL
 * parser) recurses once per level: a small body nested thousands deep would overflow the stack.
 * Real requests nest a dozen levels (a STIX object inside a bundle inside the variables); these
 * bounds are far above that and far below what any walk can take. A body may nest deeper than a
 * STIX object may (libs/stix MAX_OBJECT_DEPTH, 64), so that an object nested too deep is refused by
 * STIX validation with its path rather than the whole request without one.
 */
export const MAX_JSON_NESTING = 128;
export const MAX_DOCUMENT_NESTING = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether JSON text (raw bytes or a string) opens more than `max` objects and arrays inside each
 * other. One pass without recursion, before anything parses or walks it; brackets inside strings
 * do not count. Text that is not JSON gives some answer; its parser refuses it anyway.
 */
export function jsonNestingExceeds(text: Uint8Array | string, max = MAX_JSON_NESTING): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  let depth = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      // Most of a body is string contents: jump to the closing quote (one not escaped by an odd run of backslashes).
      let end = bytes.indexOf(QUOTE, index + 1);
      while (end !== -1 && isEscaped(bytes, end)) end = bytes.indexOf(QUOTE, end + 1);
      if (end === -1) return false;
      index = end;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

function isEscaped(bytes: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Whether a GraphQL document nests selection sets, arguments, lists and input objects more than
 * `max` deep; strings, block strings and comments do not count.
 */
export function graphqlNestingExceeds(document: string, max = MAX_DOCUMENT_NESTING): boolean {
  let depth = 0;
  for (let index = 0; index < document.length; index++) {
    const char = document[index];
    if (char === '#') {
      while (index < document.length && document[index] !== '\n' && document[index] !== '\r') index++;
    } else if (char === '"') {
      if (document.startsWith('"""', index)) {
        index += 3;
        while (index < document.length && !document.startsWith('"""', index)) index += document.startsWith('\\"""', index) ? 4 : 1;
        index += 2;
      } else {
        index++;
        while (index < document.length && document[index] !== '"' && document[index] !== '\n') index += document[index] === '\\' ? 2 : 1;
      }
    } else if (char === '{' || char === '[' || char === '(') {
      if (++depth > max) return true;
    } else if (char === '}' || char === ']' || char === ')') {
      depth--;
    }
  }
  return false;
}
