import { example } from '../../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../../test/expect-issues';

describe('STIX relationship objects', () => {
  it.each(['relationship', 'sighting'])('accepts the specification example of %s without warnings', (type) => {
    expectClean(example(type));
  });

  it.each(['sighting', 'false-positive', 'expiration'])('accepts the hub sighting type %s without warnings', (type) => {
    expectClean(example('sighting', { x_hub_sighting_type: type }));
  });

  it('accepts relationships between SCOs and SDOs, and to custom objects', () => {
    expectValid(example('relationship', { relationship_type: 'resolves-to', source_ref: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5', target_ref: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd' }));
    expectValid(example('relationship', { relationship_type: 'related-to', target_ref: 'x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a' }));
  });

  const errors: IssueCase[] = [
    ['relationship without a type', example('relationship', { relationship_type: undefined }), { path: 'relationship_type', message: 'is required' }],
    [
      'relationship with an ill-formed type',
      example('relationship', { relationship_type: 'Uses Malware' }),
      { path: 'relationship_type', message: 'must be 3–250 characters of a–z, 0–9 and "-" (got "Uses Malware")' },
    ],
    ['relationship without a source', example('relationship', { source_ref: undefined }), { path: 'source_ref', message: 'is required' }],
    [
      'relationship whose target is not an identifier',
      example('relationship', { target_ref: 'malware' }),
      { path: 'target_ref', message: 'must be a STIX identifier of the form <object-type>--<UUID> (got "malware")' },
    ],
    [
      'relationship from another relationship',
      example('relationship', { source_ref: 'relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e' }),
      { path: 'source_ref', message: 'must reference an SDO or SCO, not a relationship' },
    ],
    [
      'relationship to a marking definition',
      example('relationship', { target_ref: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9' }),
      { path: 'target_ref', message: 'must reference an SDO or SCO, not a marking-definition' },
    ],
    [
      'relationship stopping when it starts',
      example('relationship', { start_time: '2020-01-01T00:00:00Z', stop_time: '2020-01-01T00:00:00Z' }),
      { path: 'stop_time', message: 'must be later than start_time (2020-01-01T00:00:00Z)' },
    ],
    ['sighting without sighting_of_ref', example('sighting', { sighting_of_ref: undefined }), { path: 'sighting_of_ref', message: 'is required' }],
    [
      'sighting of a cyber observable',
      example('sighting', { sighting_of_ref: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd' }),
      { path: 'sighting_of_ref', message: 'must reference an SDO, not an ipv4-addr' },
    ],
    [
      'sighting of a relationship',
      example('sighting', { sighting_of_ref: 'relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e' }),
      { path: 'sighting_of_ref', message: 'must reference an SDO, not a relationship' },
    ],
    ['sighting counted negative', example('sighting', { count: -1 }), { path: 'count', message: 'must be at least 0 (got -1)' }],
    ['sighting counted too often', example('sighting', { count: 1_000_000_000 }), { path: 'count', message: 'must be at most 999999999 (got 1000000000)' }],
    [
      'sighting seen last before first',
      example('sighting', { last_seen: '2015-12-21T18:00:00Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2015-12-21T19:00:00Z)' },
    ],
    [
      'sighting whose observed data is an indicator',
      example('sighting', { observed_data_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'] }),
      { path: 'observed_data_refs[0]', message: 'must reference an observed-data, not an indicator' },
    ],
    [
      'sighting sighted where a malware is',
      example('sighting', { where_sighted_refs: ['malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'] }),
      { path: 'where_sighted_refs[0]', message: 'must reference an identity or location, not a malware' },
    ],
    ['sighting with a summary that is not a boolean', example('sighting', { summary: 'yes' }), { path: 'summary', message: 'must be a boolean (got "yes")' }],
    ['sighting of an unknown hub sighting type', example('sighting', { x_hub_sighting_type: 'maybe' }), { path: 'x_hub_sighting_type', message: expect.stringContaining('false-positive') }],
  ];

  it.each(errors)('rejects a %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  it('accepts relationship types outside the specification with a warning', () => {
    const object = example('relationship', { relationship_type: 'subtechnique-of' });
    expectValid(object);
    expectWarning(object, { path: 'relationship_type', message: '"subtechnique-of" is not one of the relationship types defined by STIX 2.1' });
  });

  it('accepts a sighting without counts or times (all optional)', () => {
    expectValid(example('sighting', { first_seen: undefined, last_seen: undefined, count: undefined, observed_data_refs: undefined, where_sighted_refs: undefined }));
  });
});
