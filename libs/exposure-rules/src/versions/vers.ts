// Version range specifiers (`vers`, the purl project's spec): `vers:<scheme>/<constraint>|<constraint>...`,
// each constraint an optional comparator (=, !=, <, <=, >, >=) and a percent-encoded version, or `*` alone
// for every version.
import { versionScheme, type VersionScheme } from './schemes';

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface VersConstraint {
  comparator: Comparator;
  version: string;
  parsed: unknown;
}

export interface VersRange {
  scheme: string;
  /** `vers:<scheme>/*`: every version. */
  all: boolean;
  /** Sorted by version, as the spec's containment algorithm needs. */
  constraints: VersConstraint[];
  ordering: VersionScheme;
}

export const MAX_VERS_LENGTH = 4096;

export type VersResult = { ok: true; range: VersRange } | { ok: false; message: string };

function fail(message: string): VersResult {
  return { ok: false, message };
}

/**
 * Parses and validates a `vers` string. Constraints may come in any order (they are sorted); a version may
 * appear once; after the `=` and `!=` constraints are set aside, the others must alternate between lower
 * bounds (`>`, `>=`) and upper bounds (`<`, `<=`) in version order, as the spec requires.
 */
export function parseVers(text: string): VersResult {
  if (text.length > MAX_VERS_LENGTH) return fail(`is longer than ${MAX_VERS_LENGTH} characters`);
  const match = /^vers:([a-zA-Z0-9.+-]+)\/(.*)$/.exec(text.replace(/\s+/g, ''));
  if (!match) return fail('must look like "vers:<scheme>/<constraints>", e.g. "vers:npm/>=1.0.0|<2.0.0"');
  const scheme = match[1].toLowerCase();
  const ordering = versionScheme(scheme);
  if (!ordering) return fail(`version scheme "${scheme}" is not supported`);
  if (match[2] === '*') return { ok: true, range: { scheme, all: true, constraints: [], ordering } };
  if (match[2] === '') return fail('has no constraints');
  const constraints: VersConstraint[] = [];
  for (const raw of match[2].split('|')) {
    const parts = /^(!=|<=|>=|<|>|=)?(.*)$/.exec(raw) as RegExpExecArray;
    const comparator = (parts[1] ?? '=') as Comparator;
    let version: string;
    try {
      version = decodeURIComponent(parts[2]);
    } catch {
      return fail(`constraint "${raw}" has a malformed percent-encoding`);
    }
    if (version === '' || version === '*') return fail(`constraint "${raw}" has no version ("*" stands alone)`);
    const parsed = ordering.parse(version);
    if (parsed === undefined) return fail(`"${version}" is not a ${scheme} version`);
    constraints.push({ comparator, version, parsed });
  }
  constraints.sort((a, b) => ordering.compare(a.parsed, b.parsed));
  for (let index = 1; index < constraints.length; index++) {
    if (ordering.compare(constraints[index - 1].parsed, constraints[index].parsed) === 0) return fail(`version "${constraints[index].version}" appears more than once`);
  }
  const bounds = constraints.filter((constraint) => constraint.comparator !== '=' && constraint.comparator !== '!=');
  for (let index = 1; index < bounds.length; index++) {
    if (isLower(bounds[index - 1].comparator) === isLower(bounds[index].comparator)) {
      return fail(`"${bounds[index - 1].comparator}${bounds[index - 1].version}" and "${bounds[index].comparator}${bounds[index].version}" are both ${isLower(bounds[index].comparator) ? 'lower' : 'upper'} bounds; bounds must alternate`);
    }
  }
  return { ok: true, range: { scheme, all: false, constraints, ordering } };
}

function isLower(comparator: Comparator): boolean {
  return comparator === '>' || comparator === '>=';
}

function satisfies(comparator: Comparator, difference: number): boolean {
  switch (comparator) {
    case '<':
      return difference < 0;
    case '<=':
      return difference <= 0;
    case '>':
      return difference > 0;
    case '>=':
      return difference >= 0;
    case '=':
      return difference === 0;
    case '!=':
      return difference !== 0;
  }
}

/**
 * The spec's containment algorithm. Returns undefined when `version` is not a version of the range's scheme
 * (the caller decides; the matcher treats it as no match). One deviation, documented: a range of only `!=`
 * constraints contains every other version (the spec's text would contain none, which no one means).
 */
export function versContains(range: VersRange, version: string): boolean | undefined {
  if (range.all) return true;
  const parsed = range.ordering.parse(version);
  if (parsed === undefined) return undefined;
  return versContainsParsed(range, parsed);
}

export function versContainsParsed(range: VersRange, parsed: unknown): boolean {
  if (range.all) return true;
  const { ordering } = range;
  let onlyExclusions = true;
  for (const constraint of range.constraints) {
    const difference = ordering.compare(parsed, constraint.parsed);
    if (constraint.comparator === '=') {
      onlyExclusions = false;
      if (difference === 0) return true;
    } else if (constraint.comparator === '!=') {
      if (difference === 0) return false;
    } else onlyExclusions = false;
  }
  if (onlyExclusions) return true;
  const bounds = range.constraints.filter((constraint) => constraint.comparator !== '=' && constraint.comparator !== '!=');
  if (bounds.length === 0) return false;
  const first = bounds[0];
  if (!isLower(first.comparator) && satisfies(first.comparator, ordering.compare(parsed, first.parsed))) return true;
  const last = bounds[bounds.length - 1];
  if (isLower(last.comparator) && satisfies(last.comparator, ordering.compare(parsed, last.parsed))) return true;
  for (let index = 0; index + 1 < bounds.length; index++) {
    const lower = bounds[index];
    const upper = bounds[index + 1];
    if (isLower(lower.comparator) && !isLower(upper.comparator) && satisfies(lower.comparator, ordering.compare(parsed, lower.parsed)) && satisfies(upper.comparator, ordering.compare(parsed, upper.parsed))) return true;
  }
  return false;
}

/** The canonical text: scheme lower case, constraints in version order, `=` implied. */
export function formatVers(range: VersRange): string {
  if (range.all) return `vers:${range.scheme}/*`;
  return `vers:${range.scheme}/${range.constraints.map((constraint) => `${constraint.comparator === '=' ? '' : constraint.comparator}${encodeURIComponent(constraint.version).replace(/%3A/gi, ':')}`).join('|')}`;
}
