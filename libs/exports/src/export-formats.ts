import { randomUUID } from 'node:crypto';
import { exportItems, writeCsv, writeRpz, writeSnortRules, writeSuricataRules, writeValueList } from '@hub/intel-formats';
import type { AnyIterable, ExportItem } from '@hub/intel-formats';
import type { ObservableType } from '@hub/stix';
import type { ExportFormat } from './export-query';

interface FormatInfo {
  contentType: string;
  extension: string;
}

/** Content-Type and file name extension of each format. */
export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  stix: { contentType: 'application/stix+json;version=2.1', extension: 'json' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  text: { contentType: 'text/plain; charset=utf-8', extension: 'txt' },
  suricata: { contentType: 'text/plain; charset=utf-8', extension: 'rules' },
  snort: { contentType: 'text/plain; charset=utf-8', extension: 'rules' },
  // RFC 4027: zone files in their master-file text form.
  rpz: { contentType: 'text/dns; charset=utf-8', extension: 'zone' },
};

/** `hub-export-20260131T120000Z.json`: the time the export started, so that files of successive exports sort. */
export function exportFileName(format: ExportFormat, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `hub-export-${stamp}.${FORMAT_INFO[format].extension}`;
}

/**
 * A STIX 2.1 bundle, written as the objects arrive: the bundle's head, the objects separated by
 * commas, one a line, and its tail. Memory holds one object at a time.
 */
export async function* writeStixBundle(objects: AnyIterable<Record<string, unknown>>, bundleId = `bundle--${randomUUID()}`): AsyncGenerator<Buffer> {
  async function* asText(): AsyncGenerator<string[]> {
    for await (const object of objects) yield [JSON.stringify(object)];
  }
  yield* writeStixBundleText(asText(), bundleId);
}

// Bytes per piece of the bundle written to the response: one socket write each. The objects' text
// is encoded straight into the piece (Buffer.write), outside V8's heap: joining a batch's strings
// into pieces first, and then encoding those, made two more copies of the bundle on the heap, which
// tripled the young garbage and so how often the batches still being read were found alive by a
// collection and moved to the old generation, where only a full collection frees them.
const PIECE = 64 * 1024;
// A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
const MAX_BYTES_PER_UNIT = 3;

/**
 * writeStixBundle for objects that are already JSON text (one line each: JSON text of an object
 * holds no raw line break), a batch at a time, as pieces of at most 64 KB of UTF-8 (a larger object
 * is a piece of its own). No work per object beyond copying its text into the piece.
 */
export async function* writeStixBundleText(batches: AnyIterable<readonly string[]>, bundleId = `bundle--${randomUUID()}`): AsyncGenerator<Buffer> {
  let piece = Buffer.allocUnsafe(PIECE);
  let used = piece.write(`{"type":"bundle","id":${JSON.stringify(bundleId)},"objects":[`);
  let separator = '\n';
  for await (const batch of batches) {
    for (const json of batch) {
      // Most objects surely fit without measuring them; Buffer.byteLength only near the piece's end.
      // The separator is written on its own: a concatenated string would be copied whole to be encoded.
      if (separator.length + json.length * MAX_BYTES_PER_UNIT > PIECE - used) {
        const bytes = separator.length + Buffer.byteLength(json);
        if (bytes > PIECE - used) {
          if (used) yield piece.subarray(0, used);
          piece = Buffer.allocUnsafe(PIECE);
          used = 0;
          if (bytes > PIECE) {
            yield Buffer.from(separator + json);
            separator = ',\n';
            continue;
          }
        }
      }
      used += piece.write(separator, used, 'latin1');
      used += piece.write(json, used);
      separator = ',\n';
    }
  }
  const tail = separator === '\n' ? ']}\n' : '\n]}\n';
  if (used + tail.length > PIECE) {
    yield piece.subarray(0, used);
    yield Buffer.from(tail);
  } else {
    used += piece.write(tail, used);
    yield piece.subarray(0, used);
  }
}

/** Only the observables of these types, so that an indicator naming an address and a domain gives only what was asked for. */
async function* observablesOf(objects: AnyIterable<Record<string, unknown>>, types: readonly ObservableType[] | undefined): AsyncGenerator<ExportItem> {
  for await (const item of exportItems(objects)) {
    if (!types || types.includes(item.observable.type)) yield item;
  }
}

/**
 * The text of an export in an observable format, from the readable STIX objects (see
 * @hub/intel-formats). A STIX bundle is written by writeStixBundle / writeStixBundleText.
 */
export function writeExport(
  format: Exclude<ExportFormat, 'stix'>,
  objects: AnyIterable<Record<string, unknown>>,
  options: { observableTypes?: readonly ObservableType[]; hashAlgorithms?: readonly string[] } = {},
  now = new Date(),
): AsyncGenerator<string> {
  const items = observablesOf(objects, options.observableTypes);
  switch (format) {
    case 'csv':
      return writeCsv(items);
    case 'text':
      return writeValueList(items, options.hashAlgorithms ? { hashAlgorithms: options.hashAlgorithms } : {});
    case 'suricata':
      return writeSuricataRules(items);
    case 'snort':
      return writeSnortRules(items);
    case 'rpz':
      return writeRpz(items, { now });
  }
}

/** Joins small text chunks into pieces of about `size` characters: one socket write per piece rather than per object. */
export async function* coalesce(chunks: AnyIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let pending: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (length) yield pending.join('');
}
