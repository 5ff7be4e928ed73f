import { HubError } from '@hub/platform';
import { parseWatchCriteria, storedWatchCriteria } from './watch-criteria';

function issuesOf(work: () => unknown): { path: string; message: string }[] {
  try {
    work();
  } catch (error) {
    if (error instanceof HubError) return error.issues;
    throw error;
  }
  throw new Error('expected a BAD_USER_INPUT');
}

describe('parseWatchCriteria', () => {
  it('normalises observables (networks included), trims text and drops repeats', () => {
    expect(
      parseWatchCriteria({
        labels: [' Ransomware ', 'ransomware'],
        observables: [
          { type: 'domain-name', value: 'Portal.Example.ORG' },
          { type: 'ipv4-addr', value: '10.20.0.0/16' },
          { type: 'domain-name', value: 'portal.example.org' },
        ],
        tlp: ['AMBER', 'AMBER'],
      }),
    ).toEqual({
      types: [],
      tlp: ['AMBER'],
      labels: ['Ransomware'],
      indicatorTypes: [],
      observables: [
        { type: 'domain-name', value: 'portal.example.org' },
        { type: 'ipv4-addr', value: '10.20.0.0/16' },
      ],
      malwareFamilies: [],
    });
  });

  it('lists every problem with its path, and refuses criteria that would match everything', () => {
    const issues = issuesOf(() => parseWatchCriteria({ types: ['Indicator!'], tlp: ['PURPLE'], labels: [''], observables: [{ type: 'ipv4-addr', value: 'not an address' }] }, 'input.criteria'));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['input.criteria.labels[0]', 'input.criteria.observables[0]', 'input.criteria.tlp[0]', 'input.criteria.types[0]']);
    expect(issuesOf(() => parseWatchCriteria({}, 'input.criteria'))).toEqual([{ path: 'input.criteria', message: expect.stringContaining('at least one') }]);
    expect(issuesOf(() => parseWatchCriteria({ labels: Array.from({ length: 101 }, (_, index) => `label ${index}`) }))).toEqual([{ path: 'input.labels', message: 'at most 100 values' }]);
  });

  it('refuses text PostgreSQL cannot store (NUL, unpaired surrogates) as input, and keeps paired ones', () => {
    const issues = issuesOf(() => parseWatchCriteria({ labels: ['a\u0000b'], indicatorTypes: ['\ud800'], malwareFamilies: ['x\udc00'] }, 'input.criteria'));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['input.criteria.indicatorTypes[0]', 'input.criteria.labels[0]', 'input.criteria.malwareFamilies[0]']);
    expect(parseWatchCriteria({ labels: ['\ud83e\udda0 bug'] }).labels).toEqual(['\ud83e\udda0 bug']);
  });

  it('reads back criteria stored before a list existed', () => {
    expect(storedWatchCriteria({ labels: ['x'] })).toEqual({ types: [], tlp: [], labels: ['x'], indicatorTypes: [], observables: [], malwareFamilies: [] });
  });
});
