/** Largest single object of a streamed bundle; anything larger is reported, not parsed. */
export const MAX_OBJECT_CHARS = 16 * 1024 * 1024;

export type StreamedObject = { ok: true; object: unknown } | { ok: false; message: string };

/**
 * The elements of a JSON bundle's top-level `objects` array, one at a time, from text chunks: memory
 * holds one object, never the file. Everything else in the bundle is skipped. Throws when the text
 * is not a JSON object or ends inside one.
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

  for await (const chunk of chunks) {
    if (done) break;
    for (let i = 0; i < chunk.length && !done; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        else if (depth === 1 && stringText.length < 64) stringText += c;
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
      } else if (c === '{' || c === '[') {
        depth++;
        if (depth === 2 && c === '[' && key === 'objects') {
          inObjects = true;
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
}

const NOT_A_BUNDLE = 'The file is not a STIX bundle (a JSON object with "objects")';

function parseCaptured(parts: string[]): StreamedObject {
  try {
    return { ok: true, object: JSON.parse(parts.join('')) };
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
}
