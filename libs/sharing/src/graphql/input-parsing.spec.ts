import { HubError } from '@hub/platform';
import { parseAudience, parseObjectFilter } from './input-parsing';

const keepObservable = (type: string, value: string) => ({ type, value });

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof HubError) return error.issues;
    throw error;
  }
  throw new Error('expected the filter to be refused');
}

describe('parseObjectFilter', () => {
  // Subscriptions arrive over WebSocket, past the HTTP body check: the filter refuses such text itself.
  it('refuses text PostgreSQL cannot store in labels, search and the observable', () => {
    const issues = issuesOf(() => parseObjectFilter({ labels: ['ok', 'a\u0000'], search: '\uD800', observable: { type: 'domain-name', value: 'x\u0000' } }, keepObservable));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['filter.labels[1]', 'filter.observable.value', 'filter.search']);
  });

  it('takes a minimum score from 0 to 100 and the decayed choice', () => {
    expect(parseObjectFilter({ minScore: 0, excludeDecayed: true }, keepObservable)).toMatchObject({ minScore: 0, excludeDecayed: true });
    expect(issuesOf(() => parseObjectFilter({ minScore: 101 }, keepObservable))).toEqual([{ path: 'filter.minScore', message: 'must be an integer from 0 to 100 (got 101)' }]);
    expect(issuesOf(() => parseObjectFilter({ minScore: -1 }, keepObservable))).toEqual([{ path: 'filter.minScore', message: 'must be an integer from 0 to 100 (got -1)' }]);
  });

  it('keeps a valid filter as given', () => {
    expect(parseObjectFilter({ labels: ['ransomware'], search: ' lock \u{1F512} ' }, keepObservable)).toMatchObject({ labels: ['ransomware'], search: 'lock \u{1F512}' });
  });
});

describe('parseObjectFilter types', () => {
  it('refuses an unknown type with the nearest STIX type', () => {
    expect(issuesOf(() => parseObjectFilter({ types: ['indicator', 'indicatr'] }, keepObservable))).toEqual([
      { path: 'filter.types[1]', message: '"indicatr" is not a STIX 2.1 object type: did you mean indicator?' },
    ]);
    expect(issuesOf(() => parseObjectFilter({ types: ['ipv4-address'] }, keepObservable))[0].message).toContain('did you mean ipv4-addr?');
  });

  it('refuses a name far from every type, saying how custom types are named', () => {
    expect(issuesOf(() => parseObjectFilter({ types: ['widget'] }, keepObservable))[0].message).toBe('"widget" is not a STIX 2.1 object type: custom object types start with x-');
  });

  it('keeps STIX types and custom x- types', () => {
    expect(parseObjectFilter({ types: ['indicator', 'x-mitre-tactic', 'marking-definition', 'ipv6-addr'] }, keepObservable).types).toEqual([
      'indicator',
      'x-mitre-tactic',
      'marking-definition',
      'ipv6-addr',
    ]);
  });
});

describe('parseAudience', () => {
  it('keeps recipient e-mails apart from the ids, trimmed and in lower case, at their input positions', () => {
    expect(parseAudience({ userIds: [], recipientEmails: [' Ana@Hospital.Example ', 'ana@hospital.example'] })).toEqual({
      audience: { organizationIds: [], sharingGroupIds: [], audiences: [], userIds: [] },
      recipientEmails: ['ana@hospital.example', 'ana@hospital.example'],
    });
  });

  it('refuses what cannot be an e-mail address, with its path', () => {
    expect(issuesOf(() => parseAudience({ recipientEmails: ['ana@hospital.example', 'not an address', 'x\u0000@y'] }))).toEqual([
      { path: 'audience.recipientEmails[1]', message: 'is not an e-mail address' },
      { path: 'audience.recipientEmails[2]', message: 'is not an e-mail address' },
    ]);
  });
});
