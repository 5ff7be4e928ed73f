import { Audience, BuiltInAudience, Tlp } from '@hub/access';
import { FieldIssue, HubError, isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@hub/platform';
import { minScoreProblem, ObjectFilter, unknownTypeMessage } from '../feed/object-filter';
import { AudienceInput, ObjectFilterInput } from './dto/sharing.inputs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_FILTER_VALUES = 100;
const MAX_SEARCH_LENGTH = 200;

/** The audience as the submitter named it: ids, and people by their sign-in e-mail (resolved when submitting). */
export interface AudienceRequest {
  audience: Audience;
  recipientEmails: string[];
}

// Not a full e-mail grammar: enough to refuse what cannot be anyone's address before the look-up.
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

export function parseAudience(input: AudienceInput | undefined, path = 'audience'): AudienceRequest {
  const issues: FieldIssue[] = [];
  const ids = (values: string[] | undefined, field: string) => {
    const list = values ?? [];
    if (list.length > MAX_FILTER_VALUES) issues.push({ path: `${path}.${field}`, message: `at most ${MAX_FILTER_VALUES} entries` });
    list.forEach((id, index) => {
      if (!UUID.test(id)) issues.push({ path: `${path}.${field}[${index}]`, message: `"${id}" is not an id (a UUID)` });
    });
    return [...new Set(list.map((id) => id.toLowerCase()))];
  };
  const audience: Audience = {
    organizationIds: ids(input?.organizationIds, 'organizationIds'),
    sharingGroupIds: ids(input?.sharingGroupIds, 'sharingGroupIds'),
    audiences: [...new Set(input?.audiences ?? [])] as BuiltInAudience[],
    userIds: ids(input?.userIds, 'userIds'),
  };
  const emails = input?.recipientEmails ?? [];
  if (emails.length > MAX_FILTER_VALUES) issues.push({ path: `${path}.recipientEmails`, message: `at most ${MAX_FILTER_VALUES} entries` });
  // Addresses are stored trimmed and in lower case; the indexes stay those of the input, for the error paths.
  const recipientEmails = emails.map((email) => email.trim().toLowerCase());
  recipientEmails.forEach((email, index) => {
    if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email) || !isStorableText(email)) issues.push({ path: `${path}.recipientEmails[${index}]`, message: 'is not an e-mail address' });
  });
  if (issues.length) throw HubError.badInput('The audience is not valid', issues);
  return { audience, recipientEmails };
}

export function parsePageSize(first: number | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw HubError.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [{ path: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE} (got ${size})` }]);
  }
  return size;
}

export function parseObjectFilter(input: ObjectFilterInput | undefined, normalizeObservable: (type: string, value: string) => { type: string; value: string }): ObjectFilter {
  if (!input) return {};
  const issues: FieldIssue[] = [];
  const limited = (values: string[] | undefined, field: string) => {
    if (values && values.length > MAX_FILTER_VALUES) issues.push({ path: `filter.${field}`, message: `at most ${MAX_FILTER_VALUES} values` });
    return values?.length ? values : undefined;
  };
  const types = limited(input.types, 'types');
  types?.forEach((type, index) => {
    const unknown = STIX_TYPE.test(type) ? unknownTypeMessage(type) : `"${type}" is not a STIX type name`;
    if (unknown) issues.push({ path: `filter.types[${index}]`, message: unknown });
  });
  if (input.sourceOrganizationId && !UUID.test(input.sourceOrganizationId)) {
    issues.push({ path: 'filter.sourceOrganizationId', message: 'is not an organisation id (a UUID)' });
  }
  if (input.since && input.until && input.since >= input.until) {
    issues.push({ path: 'filter.until', message: 'must be later than since' });
  }
  if (input.search !== undefined && input.search.length > MAX_SEARCH_LENGTH) {
    issues.push({ path: 'filter.search', message: `at most ${MAX_SEARCH_LENGTH} characters` });
  }
  // Over HTTP the body check refuses such text first; subscriptions arrive over WebSocket.
  const storable = (text: string | undefined, path: string) => {
    if (text !== undefined && !isStorableText(text)) issues.push({ path, message: UNSTORABLE_TEXT_MESSAGE });
  };
  storable(input.search, 'filter.search');
  input.labels?.forEach((label, index) => storable(label, `filter.labels[${index}]`));
  storable(input.observable?.value, 'filter.observable.value');
  const minScore = input.minScore ?? undefined;
  const scoreProblem = minScore === undefined ? undefined : minScoreProblem(minScore);
  if (scoreProblem) issues.push({ path: 'filter.minScore', message: scoreProblem });
  let observable: ObjectFilter['observable'];
  if (input.observable) {
    try {
      observable = normalizeObservable(input.observable.type, input.observable.value);
    } catch (error) {
      issues.push({ path: 'filter.observable', message: error instanceof HubError ? error.issues[0]?.message ?? error.message : 'is not valid' });
    }
  }
  if (issues.length) throw HubError.badInput('The filter is not valid', issues);
  return {
    types,
    tlp: limited(input.tlp, 'tlp') as Tlp[] | undefined,
    since: input.since,
    until: input.until,
    labels: limited(input.labels, 'labels'),
    sectors: limited(input.sectors, 'sectors'),
    sourceOrganizationId: input.sourceOrganizationId?.toLowerCase(),
    search: input.search?.trim() || undefined,
    observable,
    revoked: input.revoked ?? undefined,
    excludeWarned: input.excludeWarned || undefined,
    minScore,
    excludeDecayed: input.excludeDecayed || undefined,
  };
}
