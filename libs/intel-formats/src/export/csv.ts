// Observables as CSV (RFC 4180, CRLF), one row per observable and source, for spreadsheets and SIEM lookups.
import type { AnyIterable } from '../common/iterables';
import { exportItems, type ExportItem, type ExportObservable } from './items';

const COLUMNS = ['type', 'value', 'hash_algorithm', 'source_id', 'name', 'valid_from', 'valid_until', 'confidence', 'labels'] as const;

/**
 * One CSV field. Quoted when it holds a delimiter, quote or line break. A field that a spreadsheet would
 * run as a formula (starting with = + - @ or a tab/CR) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(item: ExportItem): string {
  const { observable } = item;
  const cells = [
    observable.type,
    observable.value,
    observable.hashAlgorithm ?? '',
    item.sourceId ?? '',
    item.name ?? '',
    item.validFrom ?? '',
    item.validUntil ?? '',
    item.confidence === undefined ? '' : String(item.confidence),
    (item.labels ?? []).join('|'),
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** CSV text chunks: the header row, then one row per observable. */
export async function* writeCsv(input: AnyIterable<unknown>, options: { onSkip?: (observable: ExportObservable, reason: string) => void } = {}): AsyncGenerator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  for await (const item of exportItems(input, options.onSkip)) yield row(item);
}
