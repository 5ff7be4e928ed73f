import type { ObjectFilterInput, Sector, Tlp } from '../api/schema-types';
import { SECTORS } from '../trends/question';

export const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/** The feed's filters as they stand in the address bar, so a filtered feed can be linked, reloaded and gone back to. */
export interface FeedFilterForm {
  types: string;
  tlp: Tlp[];
  labels: string;
  search: string;
  since: string;
  until: string;
  sourceOrganizationId: string;
  /** The source's sector; an anonymous object goes by its pseudonym's sector (the hub decides). */
  sector: Sector | '';
}

export const EMPTY_FILTER: FeedFilterForm = { types: '', tlp: [], labels: '', search: '', since: '', until: '', sourceOrganizationId: '', sector: '' };

/** A comma-separated field's values, trimmed, blanks dropped. */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function filterFromQuery(query: URLSearchParams): FeedFilterForm {
  return {
    types: query.get('types') ?? '',
    tlp: (query.get('tlp') ?? '').split(',').filter((value): value is Tlp => (TLPS as string[]).includes(value)),
    labels: query.get('labels') ?? '',
    search: query.get('q') ?? '',
    since: query.get('since') ?? '',
    until: query.get('until') ?? '',
    sourceOrganizationId: query.get('source') ?? '',
    sector: (SECTORS as string[]).includes(query.get('sector') ?? '') ? (query.get('sector') as Sector) : '',
  };
}

export function queryFromFilter(form: FeedFilterForm): string {
  const query = new URLSearchParams();
  if (list(form.types).length) query.set('types', list(form.types).join(','));
  if (form.tlp.length) query.set('tlp', form.tlp.join(','));
  if (list(form.labels).length) query.set('labels', list(form.labels).join(','));
  if (form.search.trim()) query.set('q', form.search.trim());
  if (form.since) query.set('since', form.since);
  if (form.until) query.set('until', form.until);
  if (form.sourceOrganizationId) query.set('source', form.sourceOrganizationId);
  if (form.sector) query.set('sector', form.sector);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** A date (YYYY-MM-DD, from a date input) as the start of that day in UTC. */
function dayStart(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : undefined;
}

/** The GraphQL filter; `until` includes the whole day named. */
export function toObjectFilter(form: FeedFilterForm): ObjectFilterInput {
  const filter: ObjectFilterInput = {};
  if (list(form.types).length) filter.types = list(form.types);
  if (form.tlp.length) filter.tlp = form.tlp;
  if (list(form.labels).length) filter.labels = list(form.labels);
  if (form.search.trim()) filter.search = form.search.trim();
  const since = dayStart(form.since);
  if (since) filter.since = since;
  const until = dayStart(form.until);
  if (until) filter.until = new Date(Date.parse(until) + 86_400_000).toISOString();
  if (form.sourceOrganizationId) filter.sourceOrganizationId = form.sourceOrganizationId;
  if (form.sector) filter.sectors = [form.sector];
  return filter;
}
