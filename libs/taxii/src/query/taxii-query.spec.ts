import { HubError } from '@hub/platform';
import { CursorSeal } from '@hub/platform';
import { encodePageCursor } from './page-cursor';

const seal = new CursorSeal('a secret of the hub for the tests');
import { ENDPOINT_PARAMETERS, MAX_PAGE_SIZE, parseTaxiiQuery } from './taxii-query';

const parse = (query: string, allowed = ENDPOINT_PARAMETERS.objects) => parseTaxiiQuery(new URLSearchParams(query), allowed, seal);

function issuesOf(query: string, allowed = ENDPOINT_PARAMETERS.objects) {
  try {
    parse(query, allowed);
  } catch (error) {
    return (error as HubError).issues;
  }
  throw new Error('expected the query to be refused');
}

describe('parseTaxiiQuery', () => {
  it('defaults to the latest version of everything, a page of 1000', () => {
    expect(parse('')).toEqual({ limit: 1000, ids: [], types: [], specVersions: [], versions: { all: false, first: false, last: true, timestamps: [] } });
  });

  it('reads comma-separated and repeated match filters', () => {
    const query = parse(
      'match[type]=indicator,malware&match[type]=sighting&match[id]=indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f&match[version]=first,2016-01-01T00:00:00.000Z&match[spec_version]=2.1&added_after=2026-01-01T00:00:00.000000Z&limit=50',
    );
    expect(query.types).toEqual(['indicator', 'malware', 'sighting']);
    expect(query.ids).toEqual(['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f']);
    expect(query.versions).toEqual({ all: false, first: true, last: false, timestamps: ['2016-01-01T00:00:00.000Z'] });
    expect(query.specVersions).toEqual(['2.1']);
    expect(query.addedAfter).toBe('2026-01-01T00:00:00.000000Z');
    expect(query.limit).toBe(50);
  });

  it('caps the page size and decodes the next cursor', () => {
    const next = encodePageCursor({ dateAdded: '2026-01-01T00:00:00.000001Z', pk: '7' }, seal);
    expect(parse(`limit=999999&next=${next}`)).toMatchObject({ limit: MAX_PAGE_SIZE, next: { dateAdded: '2026-01-01T00:00:00.000001Z', pk: '7' } });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['added_after=yesterday', 'added_after'],
    ['match[version]=newest', 'match[version]'],
    ['match[id]=not-an-id', 'match[id]'],
    ['match[type]=Indicator!', 'match[type]'],
    ['match[spec_version]=two', 'match[spec_version]'],
    ['next=nonsense', 'next'],
    ['limit=1&limit=2', 'limit'],
    ['match[colour]=red', 'match[colour]'],
    // Valid RFC 3339 to a pattern check, but not instants PostgreSQL holds: a 400, never a 500.
    ['added_after=0000-01-01T00:00:00Z', 'added_after'],
    ['added_after=2026-12-31T23:59:60.5Z', 'added_after'],
    ['match[version]=0000-12-31T23:59:59.999Z', 'match[version]'],
    ['match[id]=indicator%00--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', 'match[id]'],
  ])('refuses %s, naming %s', (query, path) => {
    expect(issuesOf(query).map((issue) => issue.path)).toContain(path);
  });

  it('refuses filters the endpoint does not take and ignores foreign parameters', () => {
    expect(issuesOf('match[type]=indicator', ENDPOINT_PARAMETERS.versions).map((issue) => issue.path)).toEqual(['match[type]']);
    expect(parse('utm_source=siem', ENDPOINT_PARAMETERS.versions).limit).toBe(1000);
  });

  it('reads the hub extension match[x_hub_min_score] on objects and manifest only, as an integer from 0 to 100', () => {
    expect(parse('match[x_hub_min_score]=40').minScore).toBe(40);
    expect(parse('match[x_hub_min_score]=0', ENDPOINT_PARAMETERS.manifest).minScore).toBe(0);
    expect(parse('').minScore).toBeUndefined();
    expect(issuesOf('match[x_hub_min_score]=101')).toEqual([{ path: 'match[x_hub_min_score]', message: 'must be an integer from 0 to 100' }]);
    expect(issuesOf('match[x_hub_min_score]=high')).toEqual([{ path: 'match[x_hub_min_score]', message: 'must be an integer from 0 to 100' }]);
    expect(issuesOf('match[x_hub_min_score]=10', ENDPOINT_PARAMETERS.versions)).toEqual([{ path: 'match[x_hub_min_score]', message: 'is not a filter this endpoint supports' }]);
  });
});
