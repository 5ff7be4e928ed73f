import { printable } from '@hub/intel-formats';

/** Largest single object of a streamed bundle; anything larger is reported, not parsed. */
export const MAX_OBJECT_CHARS = 16 * 1024 * 1024;

export type StreamedObject = { ok: true; object: unknown } | { ok: false; message: string };

/**
 * The elements of a JSON bundle's top-level `objects` array, one at a time, from text chunks: memory
 * holds one object, never the file. Everything else in the bundle is skipped. Throws when the text
 * is not a JSON object, is an object of another type (a lone indicator), holds `objects` that is not
 * an array, ends inside the bundle or goes on after it. A `type` that comes before `objects` (as
 * every tool writes it) is checked before any object is yielded.
 */
export async function* bundleObjects(chunks: AsyncIterable<string>): AsyncGenerator<StreamedObject> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  let done = false;
  let key = '';
  let stringText = '';
  let inObjects = false;
  let elementStart = false;
  let capture: string[] | null = null;
  let captureStart = 0;
  let captureChars = 0;
  // A top-level value is expected (after its key's colon), and what the top level said.
  let expectValue = false;
  let type: string | undefined;
  let objectsKey = false;
  let objectsArray = false;

  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (done) {
        if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') throw new Error('The file goes on after the end of the bundle: it holds one bundle and nothing else');
        continue;
      }
      if (inString) {
        // A top-level string is kept as written (escapes included, up to 64 characters) and read as
        // JSON reads it when it closes: `"bun\u0064le"` is "bundle", `"objects\n"` is not "objects".
        if (depth === 1 && stringText.length <= 64) stringText += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          if (depth === 1) stringText = jsonString(stringText.slice(0, -1));
          if (depth === 1 && expectValue) {
            expectValue = false;
            if (key === 'type') {
              type = stringText;
              if (type !== 'bundle') throw new Error(`The file is a STIX ${printable(type, 40)}, not a bundle: put the objects in a bundle's "objects" array`);
            }
          }
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (!started) {
        if (c !== '{') throw new Error(NOT_A_BUNDLE);
        started = true;
        depth = 1;
        continue;
      }
      if (elementStart) {
        elementStart = false;
        if (c === '{') {
          capture = [];
          captureStart = i;
          captureChars = 0;
        } else if (c !== ']') {
          yield { ok: false, message: 'is not an object' };
        }
      }
      if (c === '"') {
        inString = true;
        if (depth === 1) stringText = '';
      } else if (depth === 1 && c === ':') {
        key = stringText;
        expectValue = true;
        if (key === 'objects') objectsKey = true;
      } else if (depth === 1 && c === ',') {
        expectValue = false;
      } else if (c === '{' || c === '[') {
        depth++;
        if (depth === 2) expectValue = false;
        if (depth === 2 && c === '[' && key === 'objects') {
          inObjects = true;
          objectsArray = true;
          elementStart = true;
        }
      } else if (c === '}' || c === ']') {
        depth--;
        if (inObjects && depth === 2 && capture) {
          if (captureChars + (i + 1 - captureStart) > MAX_OBJECT_CHARS) capture = null;
          else capture.push(chunk.slice(captureStart, i + 1));
          yield capture ? parseCaptured(capture) : { ok: false, message: `is larger than ${MAX_OBJECT_CHARS / 1024 / 1024} MiB` };
          capture = null;
        } else if (inObjects && depth === 1) {
          inObjects = false;
        }
        if (depth === 0) done = true;
      } else if (inObjects && depth === 2 && c === ',') {
        elementStart = true;
      }
    }
    if (capture) {
      captureChars += chunk.length - captureStart;
      if (captureChars <= MAX_OBJECT_CHARS) capture.push(chunk.slice(captureStart));
      captureStart = 0;
    }
  }
  if (!started) throw new Error(NOT_A_BUNDLE);
  if (!done) throw new Error('The file ends inside the bundle: it was cut short or is not valid JSON');
  if (objectsKey && !objectsArray) throw new Error('The bundle\'s "objects" is not an array');
  if (type === undefined) throw new Error(`${NOT_A_BUNDLE}: it has no "type": "bundle"`);
}

/** A top-level string's text as JSON reads it; a long or broken one becomes text no key or type equals. */
function jsonString(raw: string): string {
  if (raw.length > 64) return '\uFFFF(long)';
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return '\uFFFF(invalid)';
  }
}

const NOT_A_BUNDLE = 'The file is not a STIX bundle (a JSON object with "objects")';

function parseCaptured(parts: string[]): StreamedObject {
  try {
    return { ok: true, object: JSON.parse(parts.join('')) };
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
}
