import { example } from '../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../test/expect-issues';
import { validateObject } from './validate';

const indicator = (changes: Record<string, unknown> = {}) => example('indicator', changes);
const MARKING = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const EXTENSION_DEFINITION = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';

describe('common properties', () => {
  it('accepts an object using every common property', () => {
    expectClean(
      indicator({
        revoked: false,
        labels: ['phishing', 'healthcare'],
        confidence: 85,
        lang: 'en',
        external_references: [
          { source_name: 'veris', external_id: '0001AA7F-C601-424A-B2B8-BE6C9F5164E7', url: 'https://github.com/vz-risk/VCDB/blob/master/data/json/0001AA7F-C601-424A-B2B8-BE6C9F5164E7.json', hashes: { 'SHA-256': '6db12788c37247f2316052e142f42f4b259d6561751e5f401a1ae2a6df9c674b' } },
        ],
        object_marking_refs: [MARKING],
        granular_markings: [
          { selectors: ['description', 'labels.[1]', 'external_references.[0].url'], marking_ref: MARKING },
          { selectors: ['name'], lang: 'de' },
        ],
        extensions: { [EXTENSION_DEFINITION]: { extension_type: 'property-extension', rank: 5 } },
        x_acme_score: 42,
        x_acme_analyst_ref: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e',
      }),
    );
  });

  const errors: IssueCase[] = [
    ['an object without an id', indicator({ id: undefined }), { path: 'id', message: 'is required' }],
    ['an id that is not an identifier', indicator({ id: 'indicator-1' }), { path: 'id', message: 'must be a STIX identifier of the form <object-type>--<UUID> (got "indicator-1")' }],
    [
      "an id whose prefix is not the object's type",
      indicator({ id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }),
      { path: 'id', message: 'must start with "indicator--" to match the object type (got "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")' },
    ],
    [
      'an id whose UUID is not RFC 4122 (variant bits)',
      indicator({ id: 'indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f' }),
      { path: 'id', message: 'must end in an RFC 4122 UUID (got "indicator--8e2e2d2b-17d4-4cbf-738f-98ee46b3cd3f")' },
    ],
    ['a STIX 2.0 object', indicator({ spec_version: '2.0' }), { path: 'spec_version', message: 'must be "2.1" (got "2.0")' }],
    [
      'a created date that does not exist',
      indicator({ created: '2023-02-29T00:00:00.000Z' }),
      { path: 'created', message: 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z (got "2023-02-29T00:00:00.000Z")' },
    ],
    [
      'a timestamp with a time zone offset instead of Z',
      indicator({ modified: '2016-04-06T22:03:48.000+02:00' }),
      { path: 'modified', message: 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z (got "2016-04-06T22:03:48.000+02:00")' },
    ],
    [
      'a modification before the creation',
      indicator({ modified: '2016-04-06T20:03:47.999Z' }),
      { path: 'modified', message: 'must be later than or equal to created (2016-04-06T20:03:48.000Z)' },
    ],
    [
      'a creator that is not an identity',
      indicator({ created_by_ref: 'threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }),
      { path: 'created_by_ref', message: 'must reference an identity, not a threat-actor' },
    ],
    [
      'object markings that are not marking definitions',
      indicator({ object_marking_refs: ['identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e'] }),
      { path: 'object_marking_refs[0]', message: 'must reference a marking-definition, not an identity' },
    ],
    ['an empty list of object markings', indicator({ object_marking_refs: [] }), { path: 'object_marking_refs', message: 'must not be empty' }],
    ['a confidence above 100', indicator({ confidence: 101 }), { path: 'confidence', message: 'must be at most 100 (got 101)' }],
    ['a negative confidence', indicator({ confidence: -1 }), { path: 'confidence', message: 'must be at least 0 (got -1)' }],
    ['a fractional confidence', indicator({ confidence: 50.5 }), { path: 'confidence', message: 'must be an integer (got 50.5)' }],
    ['a lang that is not a language tag', indicator({ lang: 'english!' }), { path: 'lang', message: 'must be an RFC 5646 language tag such as "en" or "pt-BR" (got "english!")' }],
    ['labels that are not strings', indicator({ labels: ['ok', 7] }), { path: 'labels[1]', message: 'must be a string (got 7)' }],
    ['a revoked flag written as text', indicator({ revoked: 'false' }), { path: 'revoked', message: 'must be a boolean (got "false")' }],
    ['an external reference without a source', indicator({ external_references: [{ url: 'https://example.com' }] }), { path: 'external_references[0].source_name', message: 'is required' }],
    [
      'an external reference with nothing but a source',
      indicator({ external_references: [{ source_name: 'acme' }] }),
      { path: 'external_references[0]', message: 'must have at least one of description, url or external_id besides source_name' },
    ],
    [
      'an external reference with a malformed SHA-1',
      indicator({ external_references: [{ source_name: 'acme', url: 'https://example.com/r.pdf', hashes: { 'SHA-1': 'abc' } }] }),
      { path: "external_references[0].hashes['SHA-1']", message: 'must be 40 hexadecimal characters for SHA-1 (got "abc")' },
    ],
    [
      'a kill chain phase without a phase name',
      indicator({ kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain' }] }),
      { path: 'kill_chain_phases[0].phase_name', message: 'is required' },
    ],
    ['a granular marking without selectors', indicator({ granular_markings: [{ selectors: [], marking_ref: MARKING }] }), { path: 'granular_markings[0].selectors', message: 'must not be empty' }],
    [
      'a granular marking selector with bad syntax',
      indicator({ granular_markings: [{ selectors: ['labels[1]'], marking_ref: MARKING }] }),
      { path: 'granular_markings[0].selectors[0]', message: 'must be a selector such as "description" or "external_references.[0].url" (got "labels[1]")' },
    ],
    [
      'a granular marking selecting something the object lacks',
      indicator({ granular_markings: [{ selectors: ['labels.[0]'], marking_ref: MARKING }] }),
      { path: 'granular_markings[0].selectors[0]', message: 'does not select anything in this object (labels.[0])' },
    ],
    [
      'a granular marking with both a marking and a language',
      indicator({ granular_markings: [{ selectors: ['name'], marking_ref: MARKING, lang: 'en' }] }),
      { path: 'granular_markings[0].lang', message: 'must not be present together with marking_ref' },
    ],
    ['a granular marking with neither a marking nor a language', indicator({ granular_markings: [{ selectors: ['name'] }] }), { path: 'granular_markings[0]', message: 'must have one of marking_ref or lang' }],
    [
      'a granular marking that references an identity',
      indicator({ granular_markings: [{ selectors: ['name'], marking_ref: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e' }] }),
      { path: 'granular_markings[0].marking_ref', message: 'must reference a marking-definition, not an identity' },
    ],
    [
      'a custom property name with capitals and hyphens',
      indicator({ 'X-Acme-Score': 3 }),
      { path: "['X-Acme-Score']", message: 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter' },
    ],
    ['a custom property name of two characters', indicator({ xy: 3 }), { path: 'xy', message: 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter' }],
    ['a property name STIX reserves', indicator({ severity: 'high' }), { path: 'severity', message: 'is reserved by STIX 2.1 and must not be used' }],
    ['an empty extensions dictionary', indicator({ extensions: {} }), { path: 'extensions', message: 'must not be empty' }],
    [
      'an extension-definition key that is not an identifier',
      indicator({ extensions: { 'extension-definition--1234': { extension_type: 'property-extension' } } }),
      { path: "extensions['extension-definition--1234']", message: 'extension key must be a STIX identifier of the form <object-type>--<UUID> (got "extension-definition--1234")' },
    ],
    [
      'an extension value that is not an object',
      indicator({ extensions: { 'x-acme': 'on' } }),
      { path: "extensions['x-acme']", message: 'must be an object (got "on")' },
    ],
  ];

  it.each(errors)('rejects %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  const warnings: IssueCase[] = [
    ['created with second precision only', indicator({ created: '2016-04-06T20:03:48Z' }), { path: 'created', message: 'should be precise to at least the millisecond, e.g. 2016-04-06T20:03:48.000Z' }],
    [
      'an unprefixed custom property',
      indicator({ toxicity: 3 }),
      { path: 'toxicity', message: 'unknown custom property (custom properties should start with x_ or be defined by an extension)' },
    ],
    ['a hash algorithm written in lowercase', indicator({ external_references: [{ source_name: 'acme', url: 'https://example.com', hashes: { sha256: '6db12788c37247f2316052e142f42f4b259d6561751e5f401a1ae2a6df9c674b' } }] }), { path: 'external_references[0].hashes.sha256', message: 'hash algorithm should be written "SHA-256"' }],
    ['a hash algorithm outside the vocabulary', indicator({ external_references: [{ source_name: 'acme', url: 'https://example.com', hashes: { 'SHA-384': 'abc' } }] }), { path: "external_references[0].hashes['SHA-384']", message: 'hash algorithm "SHA-384" is not in hashing-algorithm-ov' }],
    ['a kill chain name with spaces', indicator({ kill_chain_phases: [{ kill_chain_name: 'Lockheed Martin', phase_name: 'delivery' }] }), { path: 'kill_chain_phases[0].kill_chain_name', message: 'should be lowercase with hyphens instead of spaces or underscores (got "Lockheed Martin")' }],
    ['an unknown property in an external reference', indicator({ external_references: [{ source_name: 'acme', external_id: 'A-1', note: 'x' }] }), { path: 'external_references[0].note', message: 'unknown property of an external reference' }],
    ['an identifier with an uppercase UUID', indicator({ created_by_ref: 'identity--F431F809-377B-45E0-AA1C-6A4751CAE5FF' }), { path: 'created_by_ref', message: 'UUIDs should be written in lowercase' }],
    ['a custom _ref property that holds no identifier', indicator({ x_acme_source_ref: '' }), { path: 'x_acme_source_ref', message: 'should hold a STIX identifier, as its name ends in _ref (got "")' }],
    ['a custom _refs property that holds no identifiers', indicator({ x_acme_related_refs: ['nope'] }), { path: 'x_acme_related_refs[0]', message: 'should be a STIX identifier, as the list\'s name ends in _refs (got "nope")' }],
  ];

  it.each(warnings)('accepts, with a warning, %s', (_description, object, issue) => {
    expectValid(object);
    expectWarning(object, issue);
  });

  it('still checks the value of a hash whose algorithm name is spelled loosely', () => {
    expectError(indicator({ external_references: [{ source_name: 'acme', url: 'https://example.com', hashes: { md5: 'xyz' } }] }), {
      path: 'external_references[0].hashes.md5',
      message: 'must be 32 hexadecimal characters for MD5 (got "xyz")',
    });
  });

  it('accepts every algorithm of the vocabulary with well-formed values', () => {
    expectClean(
      indicator({
        external_references: [
          {
            source_name: 'acme',
            url: 'https://example.com/sample.bin',
            hashes: {
              MD5: 'd41d8cd98f00b204e9800998ecf8427e',
              'SHA-1': 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
              'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
              'SHA-512': 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
              'SHA3-256': 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a',
              'SHA3-512': 'a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26',
              SSDEEP: '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C',
              TLSH: 'T1A4C08C0330F08232B6E36880307240B2C8E2F8F0E0C088B0C0200E800F083E0C08E0B0',
            },
          },
        ],
      }),
    );
  });

  it('prefixes every issue path with the path it is given', () => {
    const result = validateObject(indicator({ valid_from: '2024-01-02T00:00:00Z', valid_until: '2024-01-01T00:00:00Z', toxicity: 1 }), 'objects[3]');
    expect(result.errors).toEqual([{ path: 'objects[3].valid_until', message: 'must be later than valid_from (2024-01-02T00:00:00Z)' }]);
    expect(result.warnings).toEqual([{ path: 'objects[3].toxicity', message: 'unknown custom property (custom properties should start with x_ or be defined by an extension)' }]);
  });
});

describe('validateObject on things that are not STIX objects', () => {
  it.each([
    ['null', null, { path: '', message: 'must be a JSON object (got null)' }],
    ['an array', [], { path: '', message: 'must be a JSON object (got an array)' }],
    ['a string', 'indicator', { path: '', message: 'must be a JSON object (got "indicator")' }],
    ['an object without a type', { id: 'x' }, { path: 'type', message: 'is required' }],
    ['an object with a numeric type', { type: 5 }, { path: 'type', message: 'must be a string (got 5)' }],
    ['a bundle', { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d' }, { path: 'type', message: 'a bundle is not a STIX object and cannot be validated as one (use validateBundle)' }],
  ])('rejects %s', (_description, input, issue) => {
    expect(validateObject(input)).toEqual({ ok: false, errors: [issue], warnings: [] });
  });

  it('returns the object, typed, when it is valid', () => {
    const input = indicator();
    const result = validateObject(input);
    expect(result.object).toBe(input);
    expect(validateObject(indicator({ pattern: undefined })).object).toBeUndefined();
  });
});
