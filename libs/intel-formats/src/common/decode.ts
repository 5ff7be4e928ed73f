// Bytes -> text for imported files. The hub accepts UTF-8 (with or without a byte order mark) and UTF-16
// with a byte order mark; anything else that is not text (NUL bytes, invalid UTF-8, nothing at all) is
// refused with one clear error rather than imported as garbage.
import { TextDecoder } from 'node:util';
import { FormatError, type FormatErrorCode } from './issues';
import type { AnyIterable } from './iterables';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Length of the byte order mark to skip. */
  bomLength: number;
}

/**
 * The encoding of an input from its first bytes (at least 4 unless the input is shorter). UTF-16 is only
 * recognised by its byte order mark; without one, its NUL bytes make the input look binary and it is refused.
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

function fail(code: FormatErrorCode, message: string): never {
  throw new FormatError(code, message);
}

/**
 * Decodes a byte stream into text chunks, holding at most one chunk (plus a few bytes) at a time.
 * Throws FormatError EMPTY_INPUT, BINARY_INPUT or INVALID_ENCODING; the text never contains a BOM.
 */
export async function* decodeText(chunks: AnyIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  // Bytes of the input before `bytes` (the byte order mark included), and the start of a character
  // the decoder holds over from them (UTF-8), so that an error names its byte in the whole input.
  let offset = 0;
  let held: Uint8Array = new Uint8Array(0);
  let sawText = false;
  const emit = (bytes: Uint8Array, stream: boolean): string => {
    let text: string;
    try {
      text = decoder!.decode(bytes, { stream });
    } catch {
      // A program or an archive fails as UTF-8 somewhere in its first chunk; its NUL bytes say what it is.
      if (decoder!.encoding === 'utf-8' && bytes.includes(0)) fail('BINARY_INPUT', BINARY_MESSAGE);
      const at = decoder!.encoding === 'utf-8' ? offset - held.length + firstInvalidUtf8(concat(held, bytes)) : offset;
      fail('INVALID_ENCODING', `the input is not valid ${decoder!.encoding.toUpperCase()} text (at byte ${at})`);
    }
    if (decoder!.encoding === 'utf-8') held = incompleteTail(bytes.length >= 4 ? bytes : concat(held, bytes));
    const nul = text.indexOf('\u0000');
    if (nul >= 0) fail('BINARY_INPUT', BINARY_MESSAGE);
    if (/\S/.test(text)) sawText = true;
    return text;
  };
  for await (const chunk of chunks) {
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 4) continue;
      const detected = detectEncoding(head);
      decoder = new TextDecoder(detected.encoding, { fatal: true, ignoreBOM: true });
      offset = detected.bomLength;
      const text = emit(head.subarray(detected.bomLength), true);
      offset = head.length;
      if (text) yield text;
      continue;
    }
    const text = emit(chunk, true);
    offset += chunk.length;
    if (text) yield text;
  }
  if (!decoder) {
    const detected = detectEncoding(head);
    decoder = new TextDecoder(detected.encoding, { fatal: true, ignoreBOM: true });
    offset = detected.bomLength;
    const text = emit(head.subarray(detected.bomLength), false);
    if (text) yield text;
  } else {
    const text = emit(new Uint8Array(0), false);
    if (text) yield text;
  }
  if (!sawText) fail('EMPTY_INPUT', 'the input is empty: there is nothing to import');
}

const BINARY_MESSAGE = 'the input contains NUL characters: it looks like a binary file, not text (UTF-16 needs a byte order mark)';

/** The start of a UTF-8 character cut off at the end of `bytes` (what a streaming decoder holds over), or nothing. */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const byte = bytes[i];
    if (byte >= 0x80 && byte < 0xc0) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - i < length ? bytes.subarray(i) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** Where the first byte that is not UTF-8 sits in `bytes` (counted from 0); its end when the text is cut mid-character. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  const replaced = text.indexOf('\uFFFD');
  return replaced < 0 ? bytes.length : Buffer.byteLength(text.slice(0, replaced), 'utf8');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
