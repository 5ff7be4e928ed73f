import { Tlp, TLP_LEVELS } from '@hub/access';
import { FieldIssue, HubError, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@hub/platform';
import { normalizeObservable, ObservableType } from '@hub/stix';

/**
 * What a watch filter looks for, as stored (JSON) and matched (SQL). Every list that is set must
 * match (AND); within a list, any value matches (OR). Text values match case-insensitively.
 */
export interface WatchCriteria {
  types: string[];
  tlp: Tlp[];
  labels: string[];
  indicatorTypes: string[];
  /** Canonical values; an ipv4-addr or ipv6-addr value may be a network (CIDR), which matches every address in it. */
  observables: { type: ObservableType; value: string }[];
  /** Malware names (or aliases): the malware itself, and what a readable relationship links to it. */
  malwareFamilies: string[];
}

/** The criteria as a caller sends them (GraphQL input), before validation. */
export interface WatchCriteriaInput {
  types?: string[] | null;
  tlp?: string[] | null;
  labels?: string[] | null;
  indicatorTypes?: string[] | null;
  observables?: { type: string; value: string }[] | null;
  malwareFamilies?: string[] | null;
}

export const MAX_CRITERIA_VALUES = 100;
const MAX_TEXT_LENGTH = 200;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;
/** Validates and normalises the criteria; BAD_USER_INPUT lists every problem with its input path. */
export function parseWatchCriteria(input: WatchCriteriaInput, path = 'input'): WatchCriteria {
  const issues: FieldIssue[] = [];
  const list = <T>(values: T[] | null | undefined, field: string): T[] => {
    const given = values ?? [];
    if (given.length > MAX_CRITERIA_VALUES) issues.push({ path: `${path}.${field}`, message: `at most ${MAX_CRITERIA_VALUES} values` });
    return given;
  };
  const texts = (values: string[] | null | undefined, field: string): string[] => {
    const cleaned = list(values, field).map((value, index) => {
      const text = value.trim();
      if (!text || text.length > MAX_TEXT_LENGTH) issues.push({ path: `${path}.${field}[${index}]`, message: `must be 1 to ${MAX_TEXT_LENGTH} characters` });
      else if (!isStorableText(text)) issues.push({ path: `${path}.${field}[${index}]`, message: UNSTORABLE_TEXT_MESSAGE });
      return text;
    });
    return unique(cleaned, (text) => text.toLowerCase());
  };

  const types = unique(list(input.types, 'types').map((type) => type.trim()), (type) => type);
  types.forEach((type, index) => {
    if (!STIX_TYPE.test(type)) issues.push({ path: `${path}.types[${index}]`, message: `"${type}" is not a STIX type name` });
  });
  const tlp = unique(list(input.tlp, 'tlp'), (level) => level) as Tlp[];
  tlp.forEach((level, index) => {
    if (!TLP_LEVELS.includes(level)) issues.push({ path: `${path}.tlp[${index}]`, message: `must be one of ${TLP_LEVELS.join(', ')}` });
  });
  const observables = list(input.observables, 'observables').flatMap((observable, index) => {
    const normalized = normalizeObservable(observable.type, observable.value);
    if ('error' in normalized) {
      issues.push({ path: `${path}.observables[${index}]`, message: normalized.error });
      return [];
    }
    return [normalized];
  });
  const criteria: WatchCriteria = {
    types,
    tlp,
    labels: texts(input.labels, 'labels'),
    indicatorTypes: texts(input.indicatorTypes, 'indicatorTypes'),
    observables: unique(observables, (observable) => `${observable.type} ${observable.value}`),
    malwareFamilies: texts(input.malwareFamilies, 'malwareFamilies'),
  };
  if (!issues.length && isEmptyCriteria(criteria)) {
    issues.push({ path, message: 'set at least one of types, tlp, labels, indicatorTypes, observables or malwareFamilies' });
  }
  if (issues.length) throw HubError.badInput('The watch filter is not valid', issues);
  return criteria;
}

/** Criteria read back from the database; lists a later version added are empty. */
export function storedWatchCriteria(stored: Partial<WatchCriteria>): WatchCriteria {
  return {
    types: stored.types ?? [],
    tlp: stored.tlp ?? [],
    labels: stored.labels ?? [],
    indicatorTypes: stored.indicatorTypes ?? [],
    observables: stored.observables ?? [],
    malwareFamilies: stored.malwareFamilies ?? [],
  };
}

function isEmptyCriteria(criteria: WatchCriteria): boolean {
  return Object.values(criteria).every((values: unknown[]) => values.length === 0);
}

function unique<T>(values: T[], keyOf: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = keyOf(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
