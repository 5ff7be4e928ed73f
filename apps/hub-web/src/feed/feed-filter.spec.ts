import { EMPTY_FILTER, filterFromQuery, queryFromFilter, toObjectFilter } from './feed-filter';

describe('feed filters', () => {
  it('round-trips through the address bar', () => {
    const form = { ...EMPTY_FILTER, types: 'indicator, malware', tlp: ['GREEN' as const, 'AMBER' as const], search: 'emotet', since: '2026-01-02' };
    const query = queryFromFilter(form);
    expect(query).toBe('?types=indicator%2Cmalware&tlp=GREEN%2CAMBER&q=emotet&since=2026-01-02');
    expect(filterFromQuery(new URLSearchParams(query))).toEqual({ ...form, types: 'indicator,malware' });
  });

  it('drops unknown TLP values and empty fields', () => {
    expect(filterFromQuery(new URLSearchParams('tlp=GREEN,PURPLE'))).toEqual({ ...EMPTY_FILTER, tlp: ['GREEN'] });
    expect(queryFromFilter(EMPTY_FILTER)).toBe('');
    expect(toObjectFilter({ ...EMPTY_FILTER, types: ' , ', search: '  ' })).toEqual({});
  });

  it('builds the GraphQL filter; until covers the whole day', () => {
    expect(toObjectFilter({ ...EMPTY_FILTER, labels: 'ransomware', since: '2026-03-01', until: '2026-03-01', sourceOrganizationId: 'o1' })).toEqual({
      labels: ['ransomware'],
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-02T00:00:00.000Z',
      sourceOrganizationId: 'o1',
    });
    expect(toObjectFilter({ ...EMPTY_FILTER, since: 'yesterday' })).toEqual({});
  });

  it('keeps the sector in the address bar and sends it as a one-value list; an unknown one is dropped', () => {
    const query = queryFromFilter({ ...EMPTY_FILTER, sector: 'PHARMA' });
    expect(query).toBe('?sector=PHARMA');
    expect(filterFromQuery(new URLSearchParams(query))).toEqual({ ...EMPTY_FILTER, sector: 'PHARMA' });
    expect(toObjectFilter({ ...EMPTY_FILTER, sector: 'PHARMA' })).toEqual({ sectors: ['PHARMA'] });
    expect(filterFromQuery(new URLSearchParams('sector=SPACE'))).toEqual(EMPTY_FILTER);
  });
});
