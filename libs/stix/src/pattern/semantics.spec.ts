import { parsePattern, SCO_DEFINITIONS, SCO_TYPES, type PatternIssue } from './index';
import { parseSyntax } from './parser';
import { compareTimestamps, timestampProblem } from './timestamps';

const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA512 = SHA256 + SHA256;

function errors(pattern: string): PatternIssue[] {
  const result = parsePattern(pattern);
  if (result.ok) throw new Error(`expected semantic errors for ${pattern}`);
  return result.errors;
}

function messages(pattern: string): string[] {
  return errors(pattern).map((issue) => issue.message);
}

function warnings(pattern: string): string[] {
  const result = parsePattern(pattern);
  if (!result.ok) throw new Error(`expected a valid pattern: ${JSON.stringify(result.errors)}`);
  return result.warnings.map((issue) => issue.message);
}

describe('repeated qualifiers', () => {
  // The grammar accepts a qualifier kind twice (grammar-verdicts.spec.ts holds parseSyntax to that), and tools write
  // such patterns: the hub accepts them, with a warning at the repeated one, as each qualifier must hold.
  it.each([
    [`[a:b = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS`, 'WITHIN', 'WITHIN 6'],
    [`[a:b = 1] REPEATS 2 TIMES REPEATS 3 TIMES`, 'REPEATS', 'REPEATS 3'],
    [
      `[a:b = 1] START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z' START t'2016-01-01T00:00:00Z' STOP t'2016-01-03T00:00:00Z'`,
      'START/STOP',
      `START t'2016-01-01T00:00:00Z' STOP t'2016-01-03`,
    ],
    [`[a:b = 1] WITHIN 5 SECONDS REPEATS 2 TIMES WITHIN 6 SECONDS`, 'WITHIN', 'WITHIN 6'],
    [`([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS`, 'WITHIN', 'WITHIN 6'],
    [`[file:name = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS`, 'WITHIN', 'WITHIN 6'],
  ])('accepts %s, with a warning', (pattern, name, at) => {
    expect(parseSyntax(pattern).ok).toBe(true);
    const result = parsePattern(pattern);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toContainEqual({
      line: 1,
      column: pattern.indexOf(at) + 1,
      message: `${name} is applied more than once to this observation expression: each must hold, so the narrowest decides`,
    });
  });

  it('allows one of each kind, and the same kind on nested groups or other observations', () => {
    for (const pattern of [
      `[a:b = 1] WITHIN 5 SECONDS REPEATS 2 TIMES START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'`,
      `([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS`,
      `([a:b = 1] REPEATS 2 TIMES) REPEATS 2 TIMES`,
      `[a:b = 1] WITHIN 5 SECONDS AND [a:b = 2] WITHIN 5 SECONDS`,
    ]) {
      expect(parsePattern(pattern).ok).toBe(true);
    }
  });
});

describe('qualifier values', () => {
  it('requires positive WITHIN and REPEATS values', () => {
    expect(messages(`[a:b = 1] WITHIN 0 SECONDS`)).toEqual(['WITHIN needs a positive number of seconds, not 0']);
    expect(messages(`[a:b = 1] WITHIN 0.000 SECONDS`)).toEqual(['WITHIN needs a positive number of seconds, not 0.000']);
    expect(messages(`[a:b = 1] REPEATS 0 TIMES`)).toEqual(['REPEATS needs a positive number of times, not 0']);
    expect(parsePattern(`[a:b = 1] WITHIN 0.001 SECONDS REPEATS 1 TIMES`).ok).toBe(true);
  });

  it('requires START strictly before STOP', () => {
    const startStop = (start: string, stop: string) => `[a:b = 1] START t'${start}' STOP t'${stop}'`;
    expect(errors(startStop('2016-01-02T00:00:00Z', '2016-01-01T00:00:00Z'))).toEqual([
      {
        line: 1,
        column: 17,
        message: `START t'2016-01-02T00:00:00Z' must be before STOP t'2016-01-01T00:00:00Z'`,
      },
    ]);
    expect(parsePattern(startStop('2016-01-01T00:00:00Z', '2016-01-01T00:00:00Z')).ok).toBe(false);
    expect(parsePattern(startStop('2016-01-01T00:00:00.100Z', '2016-01-01T00:00:00.1Z')).ok).toBe(false);
    expect(parsePattern(startStop('2016-01-01T00:00:00.09Z', '2016-01-01T00:00:00.1Z')).ok).toBe(true);
    expect(parsePattern(startStop('2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000001Z')).ok).toBe(true);
  });
});

describe('timestamps', () => {
  it('refuses dates that are not on the calendar', () => {
    expect(messages(`[a:b = t'2016-02-30T00:00:00Z']`)).toEqual([
      `'2016-02-30T00:00:00Z' is not a calendar date: 2016-02 has 29 days`,
    ]);
    expect(messages(`[a:b = t'2015-02-29T00:00:00Z']`)).toEqual([
      `'2015-02-29T00:00:00Z' is not a calendar date: 2015-02 has 28 days`,
    ]);
    expect(messages(`[a:b = t'2016-04-31T00:00:00Z']`)).toEqual([
      `'2016-04-31T00:00:00Z' is not a calendar date: 2016-04 has 30 days`,
    ]);
  });

  it('knows the Gregorian leap years', () => {
    expect(timestampProblem('2000-02-29T00:00:00Z')).toBeUndefined();
    expect(timestampProblem('2024-02-29T00:00:00Z')).toBeUndefined();
    expect(timestampProblem('1900-02-29T00:00:00Z')).toBeDefined();
    expect(timestampProblem('2100-02-29T00:00:00Z')).toBeDefined();
  });

  it('accepts second 60 only as the leap second 23:59:60', () => {
    expect(timestampProblem('2016-12-31T23:59:60Z')).toBeUndefined();
    expect(timestampProblem('2016-12-31T23:58:60Z')).toBe(
      `'2016-12-31T23:58:60Z' is not a valid time: second 60 only exists as the leap second 23:59:60`,
    );
  });

  it('checks timestamps everywhere they appear', () => {
    const bad = `t'2016-02-31T00:00:00Z'`;
    expect(parsePattern(`[a:b IN (1, ${bad})]`).ok).toBe(false);
    expect(parsePattern(`[a:b < ${bad}]`).ok).toBe(false);
    expect(parsePattern(`[a:b = 1] START ${bad} STOP t'2017-01-01T00:00:00Z'`).ok).toBe(false);
    expect(parsePattern(`[a:b = 1] START t'2015-01-01T00:00:00Z' STOP ${bad}`).ok).toBe(false);
  });

  it('orders timestamps including fractions of any length', () => {
    expect(compareTimestamps('2016-01-01T00:00:00Z', '2016-01-01T00:00:01Z')).toBeLessThan(0);
    expect(compareTimestamps('2016-01-01T00:00:00.5Z', '2016-01-01T00:00:00.45Z')).toBeGreaterThan(0);
    expect(compareTimestamps('2016-01-01T00:00:00.50Z', '2016-01-01T00:00:00.5Z')).toBe(0);
    expect(compareTimestamps('2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000Z')).toBe(0);
  });
});

describe('hash values', () => {
  it.each([
    ['MD5', MD5],
    ['md5', MD5.toUpperCase()],
    ["'SHA-1'", SHA1],
    ['SHA1', SHA1],
    ["'SHA-256'", SHA256],
    ["'sha-256'", SHA256],
    ['SHA256', SHA256],
    ["'SHA-512'", SHA512],
    ["'SHA3-256'", SHA256],
    ["'SHA3-512'", SHA512],
  ])('accepts a well-formed %s', (key, value) => {
    expect(parsePattern(`[file:hashes.${key} = '${value}']`).ok).toBe(true);
  });

  it.each([
    ['MD5', SHA1, 'MD5', 32],
    ["'SHA-1'", MD5, 'SHA-1', 40],
    ["'SHA-256'", SHA1, 'SHA-256', 64],
    ["'SHA-512'", SHA256, 'SHA-512', 128],
    ["'SHA3-256'", MD5, 'SHA3-256', 64],
    ["'SHA3-512'", SHA256, 'SHA3-512', 128],
    ['MD5', `${MD5.slice(1)}z`, 'MD5', 32],
  ])('refuses %s = %s', (key, value, algorithm, length) => {
    expect(messages(`[file:hashes.${key} = '${value}']`)).toEqual([
      `'${value}' is not a valid ${algorithm} hash: expected a string of ${length} hex digits`,
    ]);
  });

  it('checks !=, NOT = and every IN member, on any object with hashes', () => {
    expect(messages(`[file:hashes.MD5 != 'abc']`)).toHaveLength(1);
    expect(messages(`[file:hashes.MD5 NOT = 'abc']`)).toHaveLength(1);
    const inSet = `[file:hashes.MD5 IN ('${MD5}', 'abc', 'def')]`;
    expect(errors(inSet).map((issue) => issue.column)).toEqual([inSet.indexOf(`'abc'`) + 1, inSet.indexOf(`'def'`) + 1]);
    expect(messages(`[artifact:hashes.'SHA-1' = 'abc']`)).toHaveLength(1);
    expect(messages(`[x509-certificate:hashes.'SHA-256' = 'abc']`)).toHaveLength(1);
    expect(messages(`[process:image_ref.hashes.MD5 = 'abc']`)).toHaveLength(1);
    expect(messages(`[file:hashes.MD5 = 42]`)).toEqual(['the integer constant 42 is not a valid MD5 hash: expected a string of 32 hex digits']);
  });

  it('leaves other operators, unknown algorithms and variable-length hashes alone', () => {
    for (const pattern of [
      `[file:hashes.MD5 LIKE 'cead%']`,
      `[file:hashes.MD5 MATCHES '^cead']`,
      `[file:hashes.MD5 > 'a']`,
      `[file:hashes.SSDEEP = '3:abc:def']`,
      `[file:hashes.TLSH = 'T1abc']`,
      `[file:hashes.'x-custom' = 'abc']`,
      `[file:hashes[*] = 'abc']`,
      `[file:name = 'abc']`,
    ]) {
      expect(parsePattern(pattern).ok).toBe(true);
    }
  });

  it('reports every semantic error, in source order', () => {
    const pattern = `[file:hashes.MD5 = 'a' AND file:created = t'2016-02-30T00:00:00Z'] WITHIN 0 SECONDS`;
    const columnOf = (text: string) => pattern.indexOf(text) + 1;
    expect(errors(pattern).map((issue) => issue.column)).toEqual([columnOf(`'a'`), columnOf(`t'`), columnOf('0 SECONDS')]);
  });
});

describe('warnings for what STIX 2.1 does not define', () => {
  it('has the 18 SCO types of STIX 2.1', () => {
    expect(SCO_TYPES).toHaveLength(18);
    expect([...SCO_TYPES].sort()).toEqual(
      [
        'artifact',
        'autonomous-system',
        'directory',
        'domain-name',
        'email-addr',
        'email-message',
        'file',
        'ipv4-addr',
        'ipv6-addr',
        'mac-addr',
        'mutex',
        'network-traffic',
        'process',
        'software',
        'url',
        'user-account',
        'windows-registry-key',
        'x509-certificate',
      ].sort(),
    );
  });

  it('gives no warning for defined types, properties and extensions', () => {
    const addresses: Record<string, string> = { 'ipv4-addr': '198.51.100.3', 'ipv6-addr': '2001:db8::1', 'mac-addr': '00:00:5e:00:53:00' };
    for (const type of SCO_TYPES) {
      for (const property of SCO_DEFINITIONS[type]?.properties ?? []) {
        const value = property === 'value' ? (addresses[type] ?? 'x') : 'x';
        expect(warnings(`[${type}:${property} = '${value}']`)).toEqual([]);
      }
      for (const [extension, properties] of Object.entries(SCO_DEFINITIONS[type]?.extensions ?? {})) {
        for (const property of properties) {
          expect(warnings(`[${type}:extensions.'${extension}'.${property} = 'x']`)).toEqual([]);
        }
      }
    }
    expect(warnings(`[file:id = 'x' AND file:defanged = true AND file:object_marking_refs[0] = 'x']`)).toEqual([]);
  });

  it('warns about an unknown object type but accepts it', () => {
    expect(parsePattern(`[x-usb-device:serial = '1']`)).toEqual({
      ok: true,
      ast: expect.anything(),
      warnings: [{ line: 1, column: 2, message: `object type 'x-usb-device' is not defined by STIX 2.1` }],
    });
  });

  it('also says when a custom type breaks the STIX type-name rules', () => {
    expect(warnings(`[x_whatever:a = 1]`)).toEqual([
      `object type 'x_whatever' is not defined by STIX 2.1; it is also not a valid STIX type name (only a-z, 0-9 and '-' are allowed)`,
    ]);
    expect(warnings(`[xy:a = 1]`)).toEqual([
      `object type 'xy' is not defined by STIX 2.1; it is also not a valid STIX type name (it must be 3 to 250 characters long)`,
    ]);
    expect(warnings(`[x--y:a = 1]`)).toEqual([
      `object type 'x--y' is not defined by STIX 2.1; it is also not a valid STIX type name ('--' is not allowed)`,
    ]);
    expect(warnings(`[File:name = 1]`)[0]).toContain('only a-z, 0-9');
  });

  it('warns about unknown properties and extensions of known types', () => {
    expect(warnings(`[file:colour = 'red']`)).toEqual([`property 'colour' is not defined for 'file' by STIX 2.1`]);
    expect(warnings(`[file:extensions.'x-ext'.a = 1]`)).toEqual([`extension 'x-ext' is not defined for 'file' by STIX 2.1`]);
    expect(warnings(`[file:extensions.'windows-pebinary-ext'.colour = 1]`)).toEqual([
      `property 'colour' is not defined for extension 'windows-pebinary-ext' by STIX 2.1`,
    ]);
    expect(warnings(`[process:extensions.'windows-pebinary-ext'.pe_type = 'exe']`)).toEqual([
      `extension 'windows-pebinary-ext' is not defined for 'process' by STIX 2.1`,
    ]);
    expect(warnings(`[file:extensions.'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e'.a = 1]`)).toEqual([]);
  });

  it('reports each distinct warning once', () => {
    expect(warnings(`[x-a:b = 1 AND x-a:c = 2] AND [x-a:b = 3]`)).toEqual([`object type 'x-a' is not defined by STIX 2.1`]);
  });

  it('warns about an empty IN set', () => {
    expect(warnings(`[file:name IN ()]`)).toEqual(['the IN set is empty, so this comparison never matches']);
    expect(warnings(`[file:name NOT IN ()]`)).toEqual(['the IN set is empty, so this comparison always matches']);
  });
});

describe('addresses the specification fixes', () => {
  function errors(pattern: string) {
    const result = parsePattern(pattern);
    return result.ok ? [] : result.errors;
  }

  it('refuses an impossible IPv4 address with its line and column', () => {
    expect(errors(`[ipv4-addr:value = '198.51.100.300']`)).toEqual([
      { line: 1, column: 20, message: `'198.51.100.300' is not an IPv4 address or CIDR block, so ipv4-addr:value cannot match it` },
    ]);
    expect(errors(`[file:name = 'a.exe']\nAND [ipv4-addr:value IN ('198.51.100.1', '198.51.100.1/33')]`)).toEqual([
      { line: 2, column: 42, message: `'198.51.100.1/33' is not an IPv4 address or CIDR block, so ipv4-addr:value cannot match it` },
    ]);
  });

  it('refuses impossible IPv6 addresses, CIDR blocks under ISSUBSET, MAC addresses and non-string constants', () => {
    expect(errors(`[ipv6-addr:value = '2001:db8::1::2']`).map(({ column }) => column)).toEqual([20]);
    expect(errors(`[ipv4-addr:value ISSUBSET '198.51.100.0/40']`).map(({ column }) => column)).toEqual([27]);
    expect(errors(`[mac-addr:value != 'zz:00:5e:00:53:00']`).map(({ column }) => column)).toEqual([20]);
    expect(errors(`[ipv4-addr:value = 3325256704]`)).toEqual([
      { line: 1, column: 20, message: 'the integer constant 3325256704 is not an IPv4 address or CIDR block, so ipv4-addr:value cannot match it' },
    ]);
  });

  it('accepts every spelling of an address that the hub normalises, and leaves LIKE and MATCHES alone', () => {
    for (const pattern of [
      `[ipv4-addr:value = '198.51.100.3']`,
      `[ipv4-addr:value = '010.000.000.001']`,
      `[ipv4-addr:value ISSUBSET '198.51.100.0/24']`,
      `[ipv6-addr:value IN ('2001:DB8::1', '2001:db8::/32')]`,
      `[mac-addr:value = 'D2-FB-49-24-37-18']`,
      `[ipv4-addr:value LIKE '198.51.100.%']`,
      `[ipv4-addr:value MATCHES '^198\\\\.51']`,
      `[network-traffic:dst_ref.value = 'not checked: the reference may be a domain']`,
    ]) {
      expect(errors(pattern)).toEqual([]);
    }
  });
});
