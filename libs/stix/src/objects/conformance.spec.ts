// The STIX 2.1 MUSTs and SHOULDs that an outside probe found unenforced: each MUST is refused with the path
// it concerns, each SHOULD draws a warning.
import { example } from '../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../test/expect-issues';
import { validateObject } from './validate';
import * as vocabularies from './vocabularies';

const MD5 = { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' };
const V5_UUID = '6f437177-6e48-5cf8-9d9e-872a2bddd641';

function relationship(type: string, source: string, target: string): Record<string, unknown> {
  return example('relationship', { relationship_type: type, source_ref: `${source}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`, target_ref: `${target}--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061` });
}

describe('STIX 2.1 MUSTs', () => {
  const refused: IssueCase[] = [
    [
      'an indicator whose pattern compares an address with an impossible one',
      example('indicator', { pattern: "[ipv4-addr:value = '198.51.100.300']", pattern_type: 'stix' }),
      { path: 'pattern', message: "line 1, column 20: '198.51.100.300' is not an IPv4 address or CIDR block, so ipv4-addr:value cannot match it" },
    ],
    [
      'an indicator whose pattern type is STIX in capitals, with an impossible address',
      example('indicator', { pattern: "[ipv4-addr:value = '198.51.100.300']", pattern_type: 'STIX' }),
      { path: 'pattern', message: "line 1, column 20: '198.51.100.300' is not an IPv4 address or CIDR block, so ipv4-addr:value cannot match it" },
    ],
    [
      'a defanged IPv4 address that is no address once refanged',
      example('ipv4-addr', { value: '198.51.100[.]300', defanged: true }),
      { path: 'value', message: 'must be an IPv4 address or CIDR block such as 198.51.100.3 or 198.51.100.0/24 (got "198.51.100[.]300")' },
    ],
    [
      'a defanged IPv6 value that is no address at all',
      example('ipv6-addr', { value: 'hxxp://evil', defanged: true }),
      { path: 'value', message: 'must be an IPv6 address or CIDR block such as 2001:db8::1 or 2001:db8::/32 (got "hxxp://evil")' },
    ],
    [
      'a CVE reference whose id is not a CVE id',
      example('vulnerability', { external_references: [{ source_name: 'cve', external_id: '2016-1234' }] }),
      { path: 'external_references[0].external_id', message: 'must be a CVE identifier such as CVE-2016-1234 when source_name is "cve" (got "2016-1234")' },
    ],
    [
      'a CVE id under another source name',
      example('vulnerability', { external_references: [{ source_name: 'nvd', external_id: 'CVE-2021-44228' }] }),
      { path: 'external_references[0].source_name', message: 'must be "cve" for a CVE identifier (got "nvd")' },
    ],
    [
      'a CVE id under an upper-case source name',
      example('vulnerability', { external_references: [{ source_name: 'CVE', external_id: 'CVE-2021-44228' }] }),
      { path: 'external_references[0].source_name', message: 'must be "cve" for a CVE identifier (got "CVE")' },
    ],
    [
      'a CAPEC reference whose id is not a CAPEC id',
      example('attack-pattern', { external_references: [{ source_name: 'capec', external_id: '163' }] }),
      { path: 'external_references[0].external_id', message: 'must be a CAPEC identifier such as CAPEC-163 when source_name is "capec" (got "163")' },
    ],
    [
      'a CAPEC id under another source name',
      example('attack-pattern', { external_references: [{ source_name: 'mitre-capec', external_id: 'CAPEC-163' }] }),
      { path: 'external_references[0].source_name', message: 'must be "capec" for a CAPEC identifier (got "mitre-capec")' },
    ],
    [
      'a file name encoding given by an alias',
      example('file', { name_enc: 'latin1' }),
      { path: 'name_enc', message: 'must be written "ISO-8859-1", the name the IANA registry prefers for this character set (got "latin1")' },
    ],
    [
      'a file name encoding given by the registry name where a preferred MIME name exists',
      example('file', { name_enc: 'ISO_8859-1:1987' }),
      { path: 'name_enc', message: 'must be written "ISO-8859-1", the name the IANA registry prefers for this character set (got "ISO_8859-1:1987")' },
    ],
    [
      'a directory path encoding outside the registry',
      example('directory', { path_enc: 'klingon-8' }),
      { path: 'path_enc', message: 'is not a character set of the IANA registry (such as "UTF-8" or "windows-1252") (got "klingon-8")' },
    ],
    [
      'an email content type with an unregistered charset',
      example('email-message', { content_type: 'text/plain; charset=utf-9' }),
      { path: 'content_type', message: 'has a charset that is not a character set of the IANA registry (got "utf-9")' },
    ],
    [
      'a MIME part with an unregistered charset',
      example('email-message', { is_multipart: true, body: undefined, body_multipart: [{ content_type: 'text/html; charset="x-made-up"', body: '<p>hi</p>' }] }),
      { path: 'body_multipart[0].content_type', message: 'has a charset that is not a character set of the IANA registry (got "x-made-up")' },
    ],
    [
      'a custom hash key of two characters',
      example('file', { hashes: { ...MD5, xy: 'abc' } }),
      { path: 'hashes.xy', message: 'is not a valid hash algorithm name: custom names must be 3–250 characters long' },
    ],
    [
      'a UUIDv5 on a process, which has no ID-contributing properties',
      example('process', { id: `process--${V5_UUID}` }),
      { path: 'id', message: 'must use a UUIDv4, not a UUIDv5: a process has no ID-contributing properties' },
    ],
    [
      'a UUIDv5 on a user account without any of its ID-contributing properties',
      example('user-account', { user_id: undefined, account_login: undefined, account_type: undefined, display_name: 'J. Doe' }),
      { path: 'id', message: 'must use a UUIDv4, not a UUIDv5: none of its ID-contributing properties (account_type, user_id, account_login) is present' },
    ],
    [
      'a CPE 2.2 URI instead of a CPE 2.3 formatted string',
      example('software', { cpe: 'cpe:/a:microsoft:word:2000' }),
      { path: 'cpe', message: 'must be a CPE 2.3 formatted string starting with "cpe:2.3:" (got "cpe:/a:microsoft:word:2000")' },
    ],
    [
      'a CPE 2.3 name with too few components',
      example('software', { cpe: 'cpe:2.3:a:microsoft:word:2000' }),
      {
        path: 'cpe',
        message: 'must have 13 colon-separated components (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other), not 6 (got "cpe:2.3:a:microsoft:word:2000")',
      },
    ],
    [
      'a CPE 2.3 name with an unknown part',
      example('software', { cpe: 'cpe:2.3:x:microsoft:word:2000:*:*:*:*:*:*:*' }),
      { path: 'cpe', message: 'has an invalid part component "x" (got "cpe:2.3:x:microsoft:word:2000:*:*:*:*:*:*:*")' },
    ],
    [
      'a CPE 2.3 name with a space in the product',
      example('software', { cpe: 'cpe:2.3:a:microsoft:ms word:2000:*:*:*:*:*:*:*' }),
      { path: 'cpe', message: 'has an invalid product component "ms word" (got "cpe:2.3:a:microsoft:ms word:2000:*:*:*:*:*:*:*")' },
    ],
    ['a lang that is a language name', example('indicator', { lang: 'english' }), { path: 'lang', message: 'must be an RFC 5646 language tag such as "en" or "pt-BR" (got "english")' }],
    ['a lang with an underscore', example('indicator', { lang: 'pt_BR' }), { path: 'lang', message: 'must be an RFC 5646 language tag such as "en" or "pt-BR" (got "pt_BR")' }],
    ['a software language that is no tag', example('software', { languages: ['en', 'Deutsch'] }), { path: 'languages[1]', message: 'must be an RFC 5646 language tag such as "en" or "pt-BR" (got "Deutsch")' }],
    [
      'a granular marking language with a repeated extension',
      example('indicator', { granular_markings: [{ lang: 'en-a-bbb-a-ccc', selectors: ['name'] }] }),
      { path: 'granular_markings[0].lang', message: 'must be an RFC 5646 language tag such as "en" or "pt-BR" (got "en-a-bbb-a-ccc")' },
    ],
    [
      'a language-content keyed by a language name',
      example('language-content', { contents: { german: { name: 'Bank Angriff' } } }),
      { path: 'contents.german', message: 'must be keyed by RFC 5646 language codes such as "de" or "fr-CA" (got "german")' },
    ],
    [
      'a custom property name starting with a digit',
      example('indicator', { '1st_seen_by': 'acme' }),
      { path: "['1st_seen_by']", message: 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter' },
    ],
    [
      'a custom property name starting with an underscore',
      example('indicator', { _private: true }),
      { path: '_private', message: 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter' },
    ],
    [
      'an artifact url that is no URL',
      example('artifact', { payload_bin: undefined, encryption_algorithm: undefined, decryption_key: undefined, url: 'evil dot example slash payload', hashes: MD5 }),
      { path: 'url', message: 'must be a URL (RFC 3986) with a scheme, such as https://example.com/path (got "evil dot example slash payload")' },
    ],
  ];

  it.each(refused)('refuses %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  it.each([
    ['a defanged IPv4 address', example('ipv4-addr', { value: '198.51.100[.]3', defanged: true })],
    ['a defanged IPv6 address', example('ipv6-addr', { value: '2001[:]db8[:][:]1', defanged: true })],
    ['a CVE reference', example('vulnerability', { external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228' }] })],
    ['a preferred MIME name in any case, and a registry name without one', example('file', { name_enc: 'utf-8', extensions: undefined })],
    ['a registry name that has no preferred MIME name', example('directory', { path_enc: 'windows-1252' })],
    ['an email content type with a charset given by an alias', example('email-message', { content_type: 'text/plain; charset=latin1' })],
    ['a custom hash algorithm of three characters', example('file', { hashes: { ...MD5, xyz: 'abc' } })],
    ['a UUIDv5 on an observable with its ID-contributing properties', example('user-account')],
    ['a CPE 2.3 name with escapes and wildcards', example('software', { cpe: 'cpe:2.3:a:acme\\:corp:web_server:1.?:*:*:en-us:*:*:x64:*' })],
    ['language tags with script, region, variant and private use', example('software', { languages: ['zh-Hant-TW', 'de-CH-1901', 'sr-Latn-RS', 'es-419', 'x-klingon', 'i-klingon', 'en-GB-oed'] })],
  ])('accepts %s', (_description, object) => {
    expectValid(object);
  });
});

describe('STIX 2.1 SHOULDs', () => {
  const warned: IssueCase[] = [
    [
      'an indicator whose pattern repeats a qualifier (grammatical: each must hold)',
      example('indicator', { pattern: "[file:name = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS", pattern_type: 'stix' }),
      { path: 'pattern', message: 'line 1, column 36: WITHIN is applied more than once to this observation expression: each must hold, so the narrowest decides' },
    ],
    [
      'a tool that uses an attack pattern (STIX lists only infrastructure for a tool)',
      relationship('uses', 'tool', 'attack-pattern'),
      { path: 'relationship_type', message: '"uses" is not a relationship STIX 2.1 defines from a tool to an attack-pattern' },
    ],
    [
      'an indicator that indicates an identity',
      relationship('indicates', 'indicator', 'identity'),
      { path: 'relationship_type', message: '"indicates" is not a relationship STIX 2.1 defines from an indicator to an identity' },
    ],
    [
      'a spec relationship type from a custom object',
      relationship('uses', 'x-acme-actor', 'malware'),
      { path: 'relationship_type', message: '"uses" is not a relationship STIX 2.1 defines from an x-acme-actor to a malware' },
    ],
    ['a file media type unknown to IANA', example('file', { mime_type: 'application/x-made-up' }), { path: 'mime_type', message: 'is not a media type registered with IANA (got "application/x-made-up")' }],
    ['an artifact media type without a subtype', example('artifact', { mime_type: 'pdf' }), { path: 'mime_type', message: 'should be a media type of the form type/subtype, such as application/pdf (got "pdf")' }],
    ['an email content type unknown to IANA', example('email-message', { content_type: 'text/x-gossip; charset=utf-8' }), { path: 'content_type', message: 'is not a media type registered with IANA (got "text/x-gossip")' }],
    ['a country code ISO 3166-1 does not assign', example('location', { country: 'XX' }), { path: 'country', message: 'should be an ISO 3166-1 alpha-2 country code such as "US" (got "XX")' }],
    [
      'an external reference with a url and no hashes',
      example('malware', { external_references: [{ source_name: 'acme', url: 'https://acme.example/report.pdf' }] }),
      { path: 'external_references[0].hashes', message: 'should be present when url is, to pin down the content the URL points to' },
    ],
  ];

  it.each(warned)('accepts, with a warning, %s', (_description, object, issue) => {
    expectValid(object);
    expectWarning(object, issue);
  });

  it.each([
    ['an indicator that indicates malware', relationship('indicates', 'indicator', 'malware')],
    ['a related-to between any two objects', relationship('related-to', 'x-acme-actor', 'ipv4-addr')],
    ['a domain name that resolves to an address', relationship('resolves-to', 'domain-name', 'ipv4-addr')],
    ['infrastructure that consists of an observable', relationship('consists-of', 'infrastructure', 'url')],
    ['registered media types', example('file', { mime_type: 'application/vnd.ms-excel', extensions: undefined })],
    ['an email content type with parameters', example('email-message', { content_type: 'multipart/mixed; boundary="--x"' })],
    ['a lower-case country code', example('location', { country: 'th' })],
    ['an external reference with a url and its hash', example('malware', { external_references: [{ source_name: 'acme', url: 'https://acme.example/r.pdf', hashes: { 'SHA-256': 'a'.repeat(64) } }] })],
  ])('accepts, without a warning, %s', (_description, object) => {
    expectClean(object);
  });

  // Every open vocabulary of the specification (section 10) is checked on every property that uses it.
  const offVocabulary: [vocabulary: string, object: Record<string, unknown>, path: string][] = [
    ['account-type-ov', example('user-account', { account_type: 'myspace' }), 'account_type'],
    ['attack-motivation-ov', example('threat-actor', { primary_motivation: 'boredom' }), 'primary_motivation'],
    ['attack-motivation-ov', example('threat-actor', { secondary_motivations: ['boredom'] }), 'secondary_motivations[0]'],
    ['attack-motivation-ov', example('threat-actor', { personal_motivations: ['boredom'] }), 'personal_motivations[0]'],
    ['attack-motivation-ov', example('intrusion-set', { secondary_motivations: ['boredom'] }), 'secondary_motivations[0]'],
    ['attack-resource-level-ov', example('threat-actor', { resource_level: 'galactic' }), 'resource_level'],
    ['attack-resource-level-ov', example('intrusion-set', { resource_level: 'galactic' }), 'resource_level'],
    ['grouping-context-ov', example('grouping', { context: 'hunch' }), 'context'],
    ['hashing-algorithm-ov', example('file', { hashes: { ...MD5, 'FOO-256': 'abc' } }), "hashes['FOO-256']"],
    ['identity-class-ov', example('identity', { identity_class: 'robot' }), 'identity_class'],
    ['implementation-language-ov', example('malware', { implementation_languages: ['cobol'] }), 'implementation_languages[0]'],
    ['indicator-type-ov', example('indicator', { indicator_types: ['spooky'] }), 'indicator_types[0]'],
    ['industry-sector-ov', example('identity', { sectors: ['veterinary'] }), 'sectors[0]'],
    ['infrastructure-type-ov', example('infrastructure', { infrastructure_types: ['cloud'] }), 'infrastructure_types[0]'],
    ['malware-result-ov', example('malware-analysis', { result: 'probably-bad' }), 'result'],
    ['malware-capabilities-ov', example('malware', { capabilities: ['tells-jokes'] }), 'capabilities[0]'],
    ['malware-type-ov', example('malware', { malware_types: ['cryptominer'] }), 'malware_types[0]'],
    ['pattern-type-ov', example('indicator', { pattern_type: 'kql', pattern: 'DeviceEvents' }), 'pattern_type'],
    ['processor-architecture-ov', example('malware', { architecture_execution_envs: ['z80'] }), 'architecture_execution_envs[0]'],
    ['region-ov', example('location', { region: 'atlantis' }), 'region'],
    ['report-type-ov', example('report', { report_types: ['gossip'] }), 'report_types[0]'],
    ['threat-actor-type-ov', example('threat-actor', { threat_actor_types: ['poltergeist'] }), 'threat_actor_types[0]'],
    ['threat-actor-role-ov', example('threat-actor', { roles: ['mascot'] }), 'roles[0]'],
    ['threat-actor-sophistication-ov', example('threat-actor', { sophistication: 'godlike' }), 'sophistication'],
    ['tool-type-ov', example('tool', { tool_types: ['swiss-army-knife'] }), 'tool_types[0]'],
    ['windows-pebinary-type-ov', example('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'com' } } }), "extensions['windows-pebinary-ext'].pe_type"],
    ['relationship types defined by STIX 2.1', relationship('befriends', 'threat-actor', 'identity'), 'relationship_type'],
  ];

  it.each(offVocabulary)('warns about a value off %s', (vocabulary, object, path) => {
    const result = expectValid(object);
    expect(result.warnings.filter((warning) => warning.path === path && warning.message.includes(vocabulary))).toHaveLength(1);
  });

  it('covers every open vocabulary the library knows', () => {
    const known = Object.values(vocabularies)
      .filter((value): value is vocabularies.OpenVocabulary => typeof value === 'object' && !Array.isArray(value) && 'values' in value)
      .map((vocabulary) => vocabulary.name);
    expect(known).toHaveLength(23);
    expect(new Set(offVocabulary.map(([vocabulary]) => vocabulary))).toEqual(new Set(known));
  });

  it('never turns a SHOULD into an error', () => {
    expect(validateObject(example('file', { mime_type: 'nonsense' })).ok).toBe(true);
  });
});
