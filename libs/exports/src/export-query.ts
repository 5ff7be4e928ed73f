import { TLP_LEVELS } from '@hub/access';
import type { Tlp } from '@hub/access';
import { fixedLengthHashAlgorithm, isObservableType, OBSERVABLE_TYPES } from '@hub/stix';
import type { ObservableType } from '@hub/stix';
import { minScoreProblem, unknownTypeMessage } from '@hub/sharing';
import type { ObjectFilter } from '@hub/sharing';

/** The formats of `GET /export/{format}` (API contract). */
export const EXPORT_FORMATS = ['stix', 'csv', 'text', 'suricata', 'snort', 'rpz'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export reads and writes, validated. */
export interface ExportRequest {
  format: ExportFormat;
  filter: ObjectFilter;
  /** Observable formats only: the observable types to write (all when absent). */
  observableTypes?: ObservableType[];
  /** text only: file hashes of these algorithms alone (a Suricata hash list file: MD5). */
  hashAlgorithms?: string[];
}

export interface ExportIssue {
  path: string;
  message: string;
}

export type ParsedExport = { ok: true; request: ExportRequest } | { ok: false; errors: ExportIssue[] };

const KNOWN_PARAMETERS = ['types', 'observableTypes', 'maxTlp', 'since', 'until', 'labels', 'includeRevoked', 'hashAlgorithms', 'excludeWarned', 'minScore', 'excludeDecayed'];

/** Formats that write observables (values), not STIX objects: they read indicators and cyber observables only. */
const OBSERVABLE_OBJECT_TYPES: readonly string[] = ['indicator', ...OBSERVABLE_TYPES];

// ISO 8601 date or date-time with a zone (a time without one would mean the hub's local time).
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function isExportFormat(format: string): format is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(format);
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Query values as Express gives them (a repeated parameter is a list), split on commas, blanks dropped. */
function listOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean);
}

/**
 * A list filter: undefined when not given; given with no value (`labels=`), refused: a filter that
 * names nothing must not export everything.
 */
function listParameter(name: string, value: unknown, errors: ExportIssue[]): string[] | undefined {
  if (value === undefined) return undefined;
  const values = listOf(value);
  if (!values.length) errors.push({ path: name, message: `${name} is empty; name at least one value, or leave ${name} out` });
  return values;
}

function single(name: string, value: unknown, errors: ExportIssue[]): string | undefined {
  if (Array.isArray(value)) {
    errors.push({ path: name, message: `${name} may be given once` });
    return undefined;
  }
  return typeof value === 'string' ? value.trim() : undefined;
}

/** JavaScript rolls 2026-02-30 over to March 2nd: a day that does not exist is refused instead. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function timeOf(name: string, value: unknown, errors: ExportIssue[]): Date | undefined {
  const text = single(name, value, errors);
  if (text === undefined) return undefined;
  const time = ISO_TIME.test(text) ? new Date(text) : undefined;
  if (!time || Number.isNaN(time.getTime()) || !isCalendarDate(text.slice(0, 10))) {
    errors.push({ path: name, message: `${name} must be an ISO 8601 date or date-time with a time zone, e.g. 2026-01-31 or 2026-01-31T12:00:00Z` });
    return undefined;
  }
  return time;
}

function tlpOf(value: unknown, errors: ExportIssue[]): Tlp | undefined {
  const text = single('maxTlp', value, errors);
  if (text === undefined) return undefined;
  const tlp = text.toUpperCase().replace('+', '_').replace(/^WHITE$/, 'CLEAR');
  if ((TLP_LEVELS as readonly string[]).includes(tlp)) return tlp as Tlp;
  errors.push({ path: 'maxTlp', message: `maxTlp must be one of ${TLP_LEVELS.join(', ')}` });
  return undefined;
}

function booleanOf(name: string, value: unknown, errors: ExportIssue[]): boolean | undefined {
  const text = single(name, value, errors);
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  errors.push({ path: name, message: `${name} must be true or false` });
  return undefined;
}

function minScoreOf(value: unknown, errors: ExportIssue[]): number | undefined {
  const text = single('minScore', value, errors);
  if (text === undefined) return undefined;
  const score = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  const problem = minScoreProblem(score);
  if (problem) errors.push({ path: 'minScore', message: `minScore ${problem.replace('NaN', JSON.stringify(text))}` });
  return problem ? undefined : score;
}

/**
 * The export a request asks for, or every problem with it at once, each naming its parameter. An
 * unknown parameter is refused rather than ignored: a mistyped filter would export more than meant.
 */
export function parseExportRequest(format: string, query: Record<string, unknown>): ParsedExport {
  const errors: ExportIssue[] = [];
  if (!isExportFormat(format)) errors.push({ path: 'format', message: `format must be one of ${EXPORT_FORMATS.join(', ')}` });
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMETERS.includes(name)) errors.push({ path: name, message: `unknown parameter ${name}; the parameters are ${KNOWN_PARAMETERS.join(', ')}` });
    // A control character (a newline, a tab) is no filter anyone means. (A NUL never gets here: the edge refuses it.)
    else if ((Array.isArray(query[name]) ? (query[name] as unknown[]) : [query[name]]).some((value) => typeof value === 'string' && hasControlCharacter(value))) {
      errors.push({ path: name, message: `${name} holds a control character` });
    }
  }

  const types = listParameter('types', query.types, errors);
  for (const type of types ?? []) {
    const message = unknownTypeMessage(type);
    if (message) errors.push({ path: 'types', message });
    else if (isExportFormat(format) && format !== 'stix' && !OBSERVABLE_OBJECT_TYPES.includes(type)) {
      errors.push({ path: 'types', message: `the ${format} format writes observables: types may be indicator or ${OBSERVABLE_TYPES.join(', ')}, not ${type}` });
    }
  }
  const observableTypes = listParameter('observableTypes', query.observableTypes, errors);
  for (const type of observableTypes ?? []) {
    if (!isObservableType(type)) errors.push({ path: 'observableTypes', message: `"${type}" is not an observable type; the types are ${OBSERVABLE_TYPES.join(', ')}` });
  }
  const maxTlp = tlpOf(query.maxTlp, errors);
  const since = timeOf('since', query.since, errors);
  const until = timeOf('until', query.until, errors);
  if (since && until && since >= until) errors.push({ path: 'until', message: 'until must be later than since' });
  const labels = listParameter('labels', query.labels, errors);
  const includeRevoked = booleanOf('includeRevoked', query.includeRevoked, errors);
  const excludeWarned = booleanOf('excludeWarned', query.excludeWarned, errors);
  const excludeDecayed = booleanOf('excludeDecayed', query.excludeDecayed, errors);
  const minScore = minScoreOf(query.minScore, errors);
  const hashAlgorithms = listParameter('hashAlgorithms', query.hashAlgorithms, errors)?.map((name) => fixedLengthHashAlgorithm(name)?.name ?? name);
  if (hashAlgorithms && format !== 'text') errors.push({ path: 'hashAlgorithms', message: 'hashAlgorithms applies to the text format only (hash list files)' });
  for (const name of hashAlgorithms ?? []) {
    if (!fixedLengthHashAlgorithm(name)) errors.push({ path: 'hashAlgorithms', message: `"${name}" is not a hash algorithm, e.g. MD5, SHA-1, SHA-256` });
  }

  if (errors.length || !isExportFormat(format)) return { ok: false, errors };
  const observableFormat = format !== 'stix';
  const filter: ObjectFilter = {
    types: types?.length ? types : observableFormat ? [...OBSERVABLE_OBJECT_TYPES] : undefined,
    tlp: maxTlp ? TLP_LEVELS.slice(0, TLP_LEVELS.indexOf(maxTlp) + 1) : undefined,
    since,
    until,
    labels: labels?.length ? labels : undefined,
    // Revoked objects are withdrawn intelligence: left out unless asked for.
    revoked: includeRevoked ? undefined : false,
    // Values on a warn warninglist (private ranges, public resolvers ...) are left out of block lists on request.
    excludeWarned: excludeWarned || undefined,
    // Indicators whose score is below the minimum, or has decayed to 0, are left out; other objects are not scored.
    minScore,
    excludeDecayed: excludeDecayed || undefined,
    // Hash lists hold file hashes only.
    observableTypes: observableTypes?.length ? observableTypes : hashAlgorithms?.length ? ['file'] : undefined,
  };
  for (const key of Object.keys(filter) as (keyof ObjectFilter)[]) if (filter[key] === undefined) delete filter[key];
  return {
    ok: true,
    request: {
      format,
      filter,
      ...(observableTypes?.length ? { observableTypes: observableTypes as ObservableType[] } : {}),
      ...(hashAlgorithms?.length ? { hashAlgorithms } : {}),
    },
  };
}

/** The filters as the audit row records them (times as ISO text). */
export function auditedFilter(filter: ObjectFilter): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filter)) as Record<string, unknown>;
}
