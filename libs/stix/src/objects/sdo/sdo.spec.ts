import { example, SDO_EXAMPLES } from '../../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../../test/expect-issues';
import { SDO_TYPES } from '../object-types';
import { validateObject } from '../validate';

describe('STIX domain objects', () => {
  it('has an example for every SDO type', () => {
    expect(Object.keys(SDO_EXAMPLES).sort()).toEqual([...SDO_TYPES].sort());
  });

  it.each(Object.keys(SDO_EXAMPLES))('accepts the specification example of %s without warnings', (type) => {
    expectClean(example(type));
  });

  it.each(SDO_TYPES)('requires the common properties of %s', (type) => {
    const result = validateObject(example(type, { spec_version: undefined, created: undefined, modified: undefined }));
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'spec_version', message: 'is required' },
        { path: 'created', message: 'is required' },
        { path: 'modified', message: 'is required' },
      ]),
    );
  });

  const errors: IssueCase[] = [
    ['attack-pattern without a name', example('attack-pattern', { name: undefined }), { path: 'name', message: 'is required' }],
    ['attack-pattern with an empty alias list', example('attack-pattern', { aliases: [] }), { path: 'aliases', message: 'must not be empty' }],
    [
      'campaign seen last before it was first seen',
      example('campaign', { last_seen: '2016-01-01T00:00:00Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2016-01-08T12:50:40.123Z)' },
    ],
    ['campaign with a numeric objective', example('campaign', { objective: 3 }), { path: 'objective', message: 'must be a string (got 3)' }],
    ['course-of-action without a name', example('course-of-action', { name: undefined }), { path: 'name', message: 'is required' }],
    [
      'course-of-action using the reserved action property',
      example('course-of-action', { action: 'block' }),
      { path: 'action', message: 'is reserved by STIX 2.1 and must not be used' },
    ],
    ['grouping without a context', example('grouping', { context: undefined }), { path: 'context', message: 'is required' }],
    ['grouping without object_refs', example('grouping', { object_refs: undefined }), { path: 'object_refs', message: 'is required' }],
    [
      'grouping referencing a non-identifier',
      example('grouping', { object_refs: ['not-an-id'] }),
      { path: 'object_refs[0]', message: 'must be a STIX identifier of the form <object-type>--<UUID> (got "not-an-id")' },
    ],
    ['identity without a name', example('identity', { name: undefined }), { path: 'name', message: 'is required' }],
    ['identity with roles that are not a list', example('identity', { roles: 'ciso' }), { path: 'roles', message: 'must be an array (got "ciso")' }],
    ['incident without a name', example('incident', { name: undefined }), { path: 'name', message: 'is required' }],
    ['indicator without a pattern', example('indicator', { pattern: undefined }), { path: 'pattern', message: 'is required' }],
    ['indicator without a pattern_type', example('indicator', { pattern_type: undefined }), { path: 'pattern_type', message: 'is required' }],
    ['indicator without valid_from', example('indicator', { valid_from: undefined }), { path: 'valid_from', message: 'is required' }],
    [
      'indicator valid until before it is valid from',
      example('indicator', { valid_from: '2024-01-02T00:00:00Z', valid_until: '2024-01-01T00:00:00Z' }),
      { path: 'valid_until', message: 'must be later than valid_from (2024-01-02T00:00:00Z)' },
    ],
    [
      'indicator valid until the instant it is valid from',
      example('indicator', { valid_from: '2024-01-02T00:00:00Z', valid_until: '2024-01-02T00:00:00.000Z' }),
      { path: 'valid_until', message: 'must be later than valid_from (2024-01-02T00:00:00Z)' },
    ],
    [
      'indicator with a malformed valid_from',
      example('indicator', { valid_from: '2024-01-02 00:00:00' }),
      { path: 'valid_from', message: 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z (got "2024-01-02 00:00:00")' },
    ],
    ['infrastructure without a name', example('infrastructure', { name: undefined }), { path: 'name', message: 'is required' }],
    [
      'infrastructure seen last before it was first seen',
      example('infrastructure', { last_seen: '2015-12-31T23:59:59.999Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2016-01-01T00:00:00Z)' },
    ],
    ['intrusion-set without a name', example('intrusion-set', { name: undefined }), { path: 'name', message: 'is required' }],
    [
      'intrusion-set seen last before it was first seen',
      example('intrusion-set', { first_seen: '2020-01-01T00:00:00Z', last_seen: '2019-01-01T00:00:00Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2020-01-01T00:00:00Z)' },
    ],
    ['location with a latitude beyond the pole', example('location', { latitude: 91, longitude: 0 }), { path: 'latitude', message: 'must be at most 90 (got 91)' }],
    ['location with a longitude out of range', example('location', { latitude: 0, longitude: -181 }), { path: 'longitude', message: 'must be at least -180 (got -181)' }],
    ['location with a latitude but no longitude', example('location', { latitude: 48.8566 }), { path: 'longitude', message: 'is required when latitude is present' }],
    ['location with a longitude but no latitude', example('location', { longitude: 2.3522 }), { path: 'latitude', message: 'is required when longitude is present' }],
    ['location with a precision but no coordinates', example('location', { precision: 100 }), { path: 'precision', message: 'requires both latitude and longitude' }],
    [
      'location without region, country or coordinates',
      example('location', { region: undefined, country: undefined }),
      { path: '', message: 'must have at least one of region, country, or latitude and longitude' },
    ],
    ['malware without is_family', example('malware', { is_family: undefined }), { path: 'is_family', message: 'is required' }],
    ['malware family without a name', example('malware', { is_family: true, name: undefined }), { path: 'name', message: 'is required when is_family is true' }],
    [
      'malware seen last before it was first seen',
      example('malware', { first_seen: '2020-01-01T00:00:00Z', last_seen: '2019-12-31T00:00:00Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2020-01-01T00:00:00Z)' },
    ],
    [
      'malware whose samples are not files or artifacts',
      example('malware', { sample_refs: ['url--c1477287-23ac-5971-a010-5c287877fa60'] }),
      { path: 'sample_refs[0]', message: 'must reference a file or artifact, not a url' },
    ],
    ['malware-analysis without a product', example('malware-analysis', { product: undefined }), { path: 'product', message: 'is required' }],
    [
      'malware-analysis with neither result nor analysis_sco_refs',
      example('malware-analysis', { result: undefined }),
      { path: '', message: 'must have at least one of result, analysis_sco_refs' },
    ],
    [
      'malware-analysis whose host VM is not software',
      example('malware-analysis', { host_vm_ref: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }),
      { path: 'host_vm_ref', message: 'must reference a software, not a tool' },
    ],
    ['note without content', example('note', { content: undefined }), { path: 'content', message: 'is required' }],
    ['note about nothing', example('note', { object_refs: [] }), { path: 'object_refs', message: 'must not be empty' }],
    ['observed-data observed zero times', example('observed-data', { number_observed: 0 }), { path: 'number_observed', message: 'must be at least 1 (got 0)' }],
    [
      'observed-data observed too many times',
      example('observed-data', { number_observed: 1_000_000_000 }),
      { path: 'number_observed', message: 'must be at most 999999999 (got 1000000000)' },
    ],
    ['observed-data observed 2.5 times', example('observed-data', { number_observed: 2.5 }), { path: 'number_observed', message: 'must be an integer (got 2.5)' }],
    [
      'observed-data ending before it starts',
      example('observed-data', { last_observed: '2015-12-21T18:59:59Z' }),
      { path: 'last_observed', message: 'must be later than or equal to first_observed (2015-12-21T19:00:00Z)' },
    ],
    ['observed-data with neither objects nor object_refs', example('observed-data', { object_refs: undefined }), { path: '', message: 'must have one of objects or object_refs' }],
    [
      'observed-data with both objects and object_refs',
      example('observed-data', { objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } } }),
      { path: 'object_refs', message: 'must not be present together with objects' },
    ],
    [
      'observed-data referencing an SDO',
      example('observed-data', { object_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'] }),
      { path: 'object_refs[0]', message: 'must reference a cyber-observable or relationship object, not an indicator' },
    ],
    [
      'observed-data that references only relationships',
      example('observed-data', { object_refs: ['relationship--f82356ae-fe6c-437c-9c24-6b64314ae68a'] }),
      { path: 'object_refs', message: 'must contain at least one cyber-observable object' },
    ],
    [
      'opinion outside the closed enumeration',
      example('opinion', { opinion: 'maybe' }),
      { path: 'opinion', message: 'must be one of opinion-enum: "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree" (got "maybe")' },
    ],
    ['opinion about nothing', example('opinion', { object_refs: undefined }), { path: 'object_refs', message: 'is required' }],
    ['report without published', example('report', { published: undefined }), { path: 'published', message: 'is required' }],
    ['report without a name', example('report', { name: undefined }), { path: 'name', message: 'is required' }],
    ['report about nothing', example('report', { object_refs: [] }), { path: 'object_refs', message: 'must not be empty' }],
    ['threat-actor without a name', example('threat-actor', { name: undefined }), { path: 'name', message: 'is required' }],
    [
      'threat-actor seen last before it was first seen',
      example('threat-actor', { first_seen: '2021-01-01T00:00:00Z', last_seen: '2020-01-01T00:00:00Z' }),
      { path: 'last_seen', message: 'must be later than or equal to first_seen (2021-01-01T00:00:00Z)' },
    ],
    ['tool without a name', example('tool', { name: undefined }), { path: 'name', message: 'is required' }],
    ['vulnerability without a name', example('vulnerability', { name: undefined }), { path: 'name', message: 'is required' }],
  ];

  it.each(errors)('rejects %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  const warnings: IssueCase[] = [
    ['an indicator type off the open vocabulary', example('indicator', { indicator_types: ['spooky'] }), { path: 'indicator_types[0]', message: '"spooky" is not in indicator-type-ov' }],
    ['a pattern type off the open vocabulary', example('indicator', { pattern_type: 'kql', pattern: 'x' }), { path: 'pattern_type', message: '"kql" is not in pattern-type-ov' }],
    ['a grouping context off the open vocabulary', example('grouping', { context: 'hunch' }), { path: 'context', message: '"hunch" is not in grouping-context-ov' }],
    ['an identity class off the open vocabulary', example('identity', { identity_class: 'robot' }), { path: 'identity_class', message: '"robot" is not in identity-class-ov' }],
    ['a sector off the open vocabulary', example('identity', { sectors: ['veterinary'] }), { path: 'sectors[0]', message: '"veterinary" is not in industry-sector-ov' }],
    ['a malware type off the open vocabulary', example('malware', { malware_types: ['cryptominer'] }), { path: 'malware_types[0]', message: '"cryptominer" is not in malware-type-ov' }],
    ['a malware result off the open vocabulary', example('malware-analysis', { result: 'probably-bad' }), { path: 'result', message: '"probably-bad" is not in malware-result-ov' }],
    ['a region off the open vocabulary', example('location', { region: 'atlantis' }), { path: 'region', message: '"atlantis" is not in region-ov' }],
    ['a country that is not an ISO code', example('location', { country: 'Thailand' }), { path: 'country', message: 'should be an ISO 3166-1 alpha-2 country code such as "US" (got "Thailand")' }],
    ['a report type off the open vocabulary', example('report', { report_types: ['gossip'] }), { path: 'report_types[0]', message: '"gossip" is not in report-type-ov' }],
    ['a sophistication off the open vocabulary', example('threat-actor', { sophistication: 'godlike' }), { path: 'sophistication', message: '"godlike" is not in threat-actor-sophistication-ov' }],
    ['a motivation off the open vocabulary', example('intrusion-set', { primary_motivation: 'boredom' }), { path: 'primary_motivation', message: '"boredom" is not in attack-motivation-ov' }],
    ['a tool type off the open vocabulary', example('tool', { tool_types: ['swiss-army-knife'] }), { path: 'tool_types[0]', message: '"swiss-army-knife" is not in tool-type-ov' }],
    ['an infrastructure type off the open vocabulary', example('infrastructure', { infrastructure_types: ['cloud'] }), { path: 'infrastructure_types[0]', message: '"cloud" is not in infrastructure-type-ov' }],
    [
      'observed-data with the deprecated embedded objects',
      example('observed-data', { object_refs: undefined, objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } } }),
      { path: 'objects', message: 'is deprecated in STIX 2.1; reference SCOs with object_refs instead' },
    ],
  ];

  it.each(warnings)('accepts, with a warning, %s', (_description, object, issue) => {
    expectValid(object);
    expectWarning(object, issue);
  });

  describe('indicator patterns', () => {
    it('reports STIX pattern errors at the pattern with their line and column', () => {
      const result = validateObject(example('indicator', { pattern: "[file:hashes.'SHA-256' = " }), 'objects[3]');
      expect(result.ok).toBe(false);
      expect(result.errors).toContainEqual({ path: 'objects[3].pattern', message: expect.stringMatching(/^line 1, column \d+: .+/) });
    });

    it('checks the pattern against the object model, e.g. a SHA-256 of the wrong length', () => {
      const result = validateObject(example('indicator', { pattern: "[file:hashes.'SHA-256' = 'abc']" }));
      expect(result.errors).toContainEqual({ path: 'pattern', message: expect.stringMatching(/^line 1, column \d+: /) });
    });

    it('does not parse patterns of other languages', () => {
      expectValid(example('indicator', { pattern_type: 'yara', pattern: 'rule x { condition: true }' }));
    });

    it('does not parse a pattern when pattern_type is missing, but reports the missing pattern_type', () => {
      const result = validateObject(example('indicator', { pattern_type: undefined, pattern: 'not a stix pattern' }));
      expect(result.errors).toEqual([{ path: 'pattern_type', message: 'is required' }]);
    });
  });

  it('reports every error of an object, not just the first', () => {
    const result = validateObject(
      example('indicator', {
        name: 7,
        pattern: undefined,
        valid_from: '2024-01-02T00:00:00Z',
        valid_until: '2024-01-01T00:00:00Z',
        confidence: 101,
        created_by_ref: 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
      }),
      'objects[3]',
    );
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'objects[3].name', message: 'must be a string (got 7)' },
        { path: 'objects[3].pattern', message: 'is required' },
        { path: 'objects[3].valid_until', message: 'must be later than valid_from (2024-01-02T00:00:00Z)' },
        { path: 'objects[3].confidence', message: 'must be at most 100 (got 101)' },
        { path: 'objects[3].created_by_ref', message: 'must reference an identity, not a malware' },
      ]),
    );
    expect(result.errors).toHaveLength(5);
  });
});
