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
export async function* writeStixBundle(objects: AnyIterable<Record<string, unknown>>, bundleId = `bundle--${randomUUID()}`): AsyncGenerator<string> {
  async function* asText(): AsyncGenerator<string[]> {
    for await (const object of objects) yield [JSON.stringify(object)];
  }
  yield* writeStixBundleText(asText(), bundleId);
}

// Characters per piece of the bundle's text: below V8's large-object size (128 KB), so that a piece
// is young garbage once written; a batch joined whole went to the large-object space, which only a
// full collection frees, and the export's garbage piled up to hundreds of MB before one came.
const PIECE = 64 * 1024;

/**
 * writeStixBundle for objects that are already JSON text (one line each: JSON text of an object
 * holds no raw line break), a batch at a time: pieces of about 64 KB, so no work per object beyond
 * the join.
 */
export async function* writeStixBundleText(batches: AnyIterable<readonly string[]>, bundleId = `bundle--${randomUUID()}`): AsyncGenerator<string> {
  let first = true;
  let pending = `{"type":"bundle","id":${JSON.stringify(bundleId)},"objects":[`;
  for await (const batch of batches) {
    let from = 0;
    while (from < batch.length) {
      let length = pending.length;
      let to = from;
      while (to < batch.length && length < PIECE) length += batch[to++].length + 2;
      pending += `${first ? '\n' : ',\n'}${batch.slice(from, to).join(',\n')}`;
      first = false;
      from = to;
      if (length >= PIECE) {
        yield pending;
        pending = '';
      }
    }
  }
  yield `${pending}${first ? ']}\n' : '\n]}\n'}`;
}

/** Only the observables of these types, so that an indicator naming an address and a domain gives only what was asked for. */
async function* observablesOf(objects: AnyIterable<Record<string, unknown>>, types: readonly ObservableType[] | undefined): AsyncGenerator<ExportItem> {
  for await (const item of exportItems(objects)) {
    if (!types || types.includes(item.observable.type)) yield item;
  }
}

/** The text of an export in `format`, from the readable STIX objects (see @hub/intel-formats for the observable formats). */
export function writeExport(
  format: ExportFormat,
  objects: AnyIterable<Record<string, unknown>>,
  options: { observableTypes?: readonly ObservableType[]; hashAlgorithms?: readonly string[] } = {},
  now = new Date(),
): AsyncGenerator<string> {
  if (format === 'stix') return writeStixBundle(objects);
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
