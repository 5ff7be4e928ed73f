import { CursorSeal, FieldIssue, HubError } from '@hub/platform';
import { decodePageCursor, PageCursor } from './page-cursor';
import { isQueryTimestamp, isStixIdentifier, isStixTypeName } from './query-values';

/** Which versions of each object a request wants (spec 3.6.2, match[version]). */
export interface VersionMatch {
  all: boolean;
  first: boolean;
  last: boolean;
  /** Exact versions: the object's `modified` (or `created`) timestamp. */
  timestamps: string[];
}

/** The URL parameters of a TAXII read, validated. */
export interface TaxiiQuery {
  addedAfter?: string;
  limit: number;
  next?: PageCursor;
  ids: string[];
  types: string[];
  versions: VersionMatch;
  specVersions: string[];
  /** Hub extension: only indicators whose score is at least this; other objects are not filtered. */
  minScore?: number;
}

/** The hub's own filter (TAXII 2.1 allows other match fields): indicators scoring at least this much (docs/taxii.md). */
export const MIN_SCORE_PARAMETER = 'match[x_hub_min_score]';

export type TaxiiParameter = 'added_after' | 'limit' | 'next' | 'match[id]' | 'match[type]' | 'match[version]' | 'match[spec_version]' | typeof MIN_SCORE_PARAMETER;

/** The parameters each endpoint takes (spec 5.3 - 5.8). */
export const ENDPOINT_PARAMETERS = {
  objects: ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]', MIN_SCORE_PARAMETER],
  manifest: ['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]', MIN_SCORE_PARAMETER],
  object: ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]'],
  versions: ['added_after', 'limit', 'next', 'match[spec_version]'],
  delete: ['match[version]', 'match[spec_version]'],
} satisfies Record<string, TaxiiParameter[]>;

export const DEFAULT_PAGE_SIZE = 1_000;
export const MAX_PAGE_SIZE = 10_000;

const SPEC_VERSION = /^\d+\.\d+$/;

/**
 * Reads the TAXII parameters an endpoint takes from the query string. Lists are comma-separated
 * (a parameter may also repeat); a filter this endpoint does not take, or a bad value, is a 400
 * naming the parameter; parameters outside TAXII's are ignored, as HTTP allows.
 */
export function parseTaxiiQuery(search: URLSearchParams, allowed: readonly TaxiiParameter[], seal: CursorSeal): TaxiiQuery {
  const issues: FieldIssue[] = [];
  const values = (name: TaxiiParameter): string[] => search.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim());
  for (const name of new Set(search.keys())) {
    const known = ['added_after', 'limit', 'next'].includes(name) || name.startsWith('match[');
    if (known && !allowed.includes(name as TaxiiParameter)) issues.push({ path: name, message: 'is not a filter this endpoint supports' });
  }

  const single = (name: TaxiiParameter): string | undefined => {
    const all = search.getAll(name);
    if (all.length > 1) issues.push({ path: name, message: 'may be given once' });
    return all[0];
  };

  const addedAfter = single('added_after');
  if (addedAfter !== undefined && !isQueryTimestamp(addedAfter)) issues.push({ path: 'added_after', message: 'must be a timestamp like 2026-01-31T12:00:00.000000Z' });

  const limitText = single('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (limitText !== undefined) {
    if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1) issues.push({ path: 'limit', message: 'must be a positive integer' });
    // The server may always answer with fewer objects than asked for (spec 3.5).
    else limit = Math.min(Number(limitText), MAX_PAGE_SIZE);
  }

  const nextText = single('next');
  let next: PageCursor | undefined;
  if (nextText !== undefined) {
    try {
      next = decodePageCursor(nextText, seal);
    } catch (error) {
      issues.push(...(error as HubError).issues);
    }
  }

  const ids = values('match[id]');
  ids.filter((id) => !isStixIdentifier(id)).forEach((id) => issues.push({ path: 'match[id]', message: `"${id}" is not a STIX identifier` }));
  const types = values('match[type]');
  types.filter((type) => !isStixTypeName(type)).forEach((type) => issues.push({ path: 'match[type]', message: `"${type}" is not a STIX type name` }));
  const specVersions = values('match[spec_version]');
  specVersions.filter((version) => !SPEC_VERSION.test(version)).forEach((version) => issues.push({ path: 'match[spec_version]', message: `"${version}" is not a STIX version such as 2.1` }));

  const minScoreText = single(MIN_SCORE_PARAMETER);
  let minScore: number | undefined;
  if (minScoreText !== undefined) {
    if (/^\d{1,3}$/.test(minScoreText) && Number(minScoreText) <= 100) minScore = Number(minScoreText);
    else issues.push({ path: MIN_SCORE_PARAMETER, message: 'must be an integer from 0 to 100' });
  }

  const versions = parseVersionMatch(values('match[version]'), issues);
  if (issues.length) throw HubError.badInput(`Invalid request parameters: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, issues);
  return { addedAfter, limit, next, ids, types, versions, specVersions, ...(minScore !== undefined ? { minScore } : {}) };
}

function parseVersionMatch(values: string[], issues: FieldIssue[]): VersionMatch {
  const match: VersionMatch = { all: false, first: false, last: false, timestamps: [] };
  if (!values.length) return { ...match, last: true };
  for (const value of values) {
    if (value === 'all' || value === 'first' || value === 'last') match[value] = true;
    else if (isQueryTimestamp(value)) match.timestamps.push(value);
    else issues.push({ path: 'match[version]', message: `"${value}" is neither first, last, all nor a timestamp` });
  }
  return match;
}
