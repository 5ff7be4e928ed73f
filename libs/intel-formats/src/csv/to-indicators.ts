// CSV rows -> STIX indicators, one row at a time: a broken row is reported with its record and line
// numbers and the rows after it go on.
import { formatStixTimestamp, newStixId, validateObject, type Indicator, type ValidationResult } from '@hub/stix';
import { decodeText } from '../common/decode';
import type { FormatIssue } from '../common/issues';
import type { AnyIterable } from '../common/iterables';
import { isTypedObservableName, patternForObservable, typedObservable, type TypedObservable } from '../common/observable-pattern';
import { isBlankRecord, parseCsv, type CsvRecord } from './parser';
import { COLUMN_KEYS, resolveColumns, type CsvMapping, type ResolvedColumns } from './mapping';

export type CsvRowResult =
  | { ok: true; record: number; line: number; indicator: Indicator; observable: TypedObservable; validation: ValidationResult }
  | { ok: false; record: number; line: number; errors: FormatIssue[] };

export interface CsvImportOptions {
  /** Clock for created/modified and the default valid_from. */
  now?: Date;
  /** created_by_ref for every indicator (the importing organisation's identity). */
  createdByRef?: string;
  /**
   * The id of the indicator of the `position`-th row result (0-based, broken rows counted, the header
   * not), instead of a random one: an importer that needs the same ids again on a re-run (a resumed
   * job) names them here, so that the object validated is the very one it stores.
   */
  idFor?: (position: number) => string;
}

/**
 * When the mapping names columns the file does not have, no row can be read: that comes as one `fatal`
 * result (record 0) and the stream ends.
 */
export type CsvImportEvent = CsvRowResult | { ok: false; record: 0; line: 0; errors: FormatIssue[]; fatal: true };

const DEFAULT_LABEL_SEPARATORS = /[,;|]/;

/** Rows of decoded text -> indicator results. Records of blank lines are skipped. */
export async function* csvToIndicators(text: AnyIterable<string>, mapping: CsvMapping, options: CsvImportOptions = {}): AsyncGenerator<CsvImportEvent> {
  let columns: ResolvedColumns | undefined;
  let first = true;
  let position = 0;
  // One clock for the whole file: its timestamp text is made once, not per row.
  const now = options.now ?? new Date();
  const timestamps = { now, text: formatStixTimestamp(now) };
  for await (const record of parseCsv(text, { delimiter: mapping.delimiter })) {
    if (isBlankRecord(record)) continue;
    if (first) {
      first = false;
      const hasHeader = mapping.header === 'auto' ? looksLikeHeader(record, mapping) : mapping.header;
      const resolved = resolveColumns(mapping, hasHeader ? record.fields : undefined);
      if (!resolved.ok) {
        yield { ok: false, record: 0, line: 0, errors: resolved.errors, fatal: true };
        return;
      }
      columns = resolved.columns;
      if (hasHeader) continue;
    }
    yield rowToIndicator(record, columns!, mapping, options, timestamps, position++);
  }
}

/** Bytes (UTF-8 or UTF-16 with BOM) -> indicator results; throws FormatError for unusable input. */
export function csvBytesToIndicators(bytes: AnyIterable<Uint8Array>, mapping: CsvMapping, options: CsvImportOptions = {}): AsyncGenerator<CsvImportEvent> {
  return csvToIndicators(decodeText(bytes), mapping, options);
}

/**
 * The first record is a header when the mapping names columns by header text, or else when its value
 * cell is not a usable observable (a title such as `indicator` rather than an address).
 */
function looksLikeHeader(record: CsvRecord, mapping: CsvMapping): boolean {
  const named = COLUMN_KEYS.some((key) => typeof mapping[key] === 'string');
  if (named) return true;
  const valueCell = typeof mapping.value === 'number' ? record.fields[mapping.value - 1] : undefined;
  const typeCell = typeof mapping.type === 'number' ? record.fields[mapping.type - 1] : mapping.observable_type;
  if (valueCell === undefined || typeCell === undefined) return true;
  return 'error' in typedObservable(typeCell, valueCell);
}

function rowToIndicator(
  record: CsvRecord,
  columns: ResolvedColumns,
  mapping: CsvMapping,
  options: CsvImportOptions,
  timestamps: { now: Date; text: string },
  position: number,
): CsvRowResult {
  const at = { record: record.record, line: record.line };
  const errors: FormatIssue[] = [];
  const path = (key: string) => `row ${record.record}.${key}`;
  const cell = (key: keyof ResolvedColumns): string | undefined => {
    const index = columns[key];
    if (index === undefined) return undefined;
    const value = record.fields[index]?.trim();
    return value === '' ? undefined : value;
  };

  const value = cell('value');
  const type = mapping.observable_type ?? cell('type');
  let observable: TypedObservable | undefined;
  if (value === undefined) errors.push({ path: path('value'), message: 'is empty' });
  if (type === undefined) errors.push({ path: path('type'), message: 'is empty' });
  if (value !== undefined && type !== undefined) {
    const typed = typedObservable(type, value);
    // An unknown type is the type cell's mistake, not the value's.
    if ('error' in typed) errors.push({ path: path(isTypedObservableName(type) ? 'value' : 'type'), message: typed.error });
    else observable = typed;
  }

  const validFrom = timestampCell(cell('valid_from'), path('valid_from'), errors);
  const validUntil = timestampCell(cell('valid_until'), path('valid_until'), errors);
  const confidenceText = cell('confidence');
  let confidence: number | undefined;
  if (confidenceText !== undefined) {
    confidence = Number(confidenceText);
    if (!/^\d{1,3}$/.test(confidenceText) || confidence > 100) errors.push({ path: path('confidence'), message: `'${confidenceText}' is not a whole number from 0 to 100` });
  }
  const labelsText = cell('labels');
  const labels = labelsText
    ?.split(mapping.label_separator ?? DEFAULT_LABEL_SEPARATORS)
    .map((label) => label.trim())
    .filter((label) => label !== '');

  if (errors.length > 0 || !observable) return { ok: false, ...at, errors };
  // Built here rather than with newSdo: the id is the importer's when it names one (no random id made
  // and thrown away) and the timestamps are the file's.
  const indicator: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: options.idFor ? options.idFor(position) : newStixId('indicator'),
    created: timestamps.text,
    modified: timestamps.text,
    name: cell('name') ?? observable.value,
    ...(cell('description') ? { description: cell('description') } : {}),
    pattern: patternForObservable(observable),
    pattern_type: 'stix',
    valid_from: validFrom ?? timestamps.text,
    ...(validUntil ? { valid_until: validUntil } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(labels && labels.length > 0 ? { labels } : {}),
    ...(options.createdByRef ? { created_by_ref: options.createdByRef } : {}),
  };
  // The schema is the last word (e.g. valid_until before valid_from); its messages name the row.
  const validation = validateObject(indicator, `row ${record.record}`);
  if (!validation.ok) return { ok: false, ...at, errors: validation.errors };
  return { ok: true, ...at, indicator: indicator as unknown as Indicator, observable, validation };
}

/** Dates as ISO 8601: `2026-11-03`, `2026-11-03T09:14:02Z`, with an offset or fractional seconds. */
function timestampCell(text: string | undefined, path: string, errors: FormatIssue[]): string | undefined {
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
  const date = iso.test(text) ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    errors.push({ path, message: `'${text}' is not an ISO 8601 date or date-time (e.g. 2026-11-03 or 2026-11-03T09:14:02Z)` });
    return undefined;
  }
  return formatStixTimestamp(date);
}
