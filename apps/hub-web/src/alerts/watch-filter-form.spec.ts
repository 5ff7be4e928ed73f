import { describeCriteria, EMPTY_WATCH_FILTER, watchCriteria } from './watch-filter-form';

describe('watch filter form', () => {
  it('sends only the lists filled in, trimmed and without repeats', () => {
    expect(watchCriteria({ ...EMPTY_WATCH_FILTER, name: 'x', types: ' indicator, malware ,indicator,', labels: '', tlp: ['AMBER'] })).toEqual({
      criteria: { types: ['indicator', 'malware'], tlp: ['AMBER'] },
      problems: [],
    });
  });

  it('types the observables typed, one per line, and names the lines that are no value', () => {
    const built = watchCriteria({ ...EMPTY_WATCH_FILTER, observables: 'Hospital[.]example\n\n192.0.2.0/24\n' + 'a'.repeat(64) + '\nnot a value' });
    expect(built.criteria.observables).toEqual([
      { type: 'domain-name', value: 'hospital.example' },
      { type: 'ipv4-addr', value: '192.0.2.0/24' },
      { type: 'file', value: 'a'.repeat(64) },
    ]);
    expect(built.problems).toEqual([{ line: 5, message: expect.stringContaining('is not') }]);
  });

  it('describes saved criteria in words', () => {
    const none = { types: [], labels: [], indicatorTypes: [], malwareFamilies: [], tlp: [], observables: [] };
    expect(describeCriteria(none)).toBe('every new object you may read');
    expect(describeCriteria({ ...none, labels: ['ransomware'], tlp: ['AMBER_STRICT'] })).toBe('labels ransomware; TLP AMBER+STRICT');
  });
});
