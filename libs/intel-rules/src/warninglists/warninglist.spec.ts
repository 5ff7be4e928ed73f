import { parseWarninglist, parseWarninglistJson, shouldReload } from './warninglist';

const base = { name: 'List', version: 3, description: 'Why', matching_attributes: ['ip-dst'], type: 'cidr', list: ['10.0.0.0/8'] };

describe('parseWarninglist: the MISP file format', () => {
  it('reads a MISP list file (rfc1918 as published by MISP)', () => {
    const result = parseWarninglist({
      description: 'Event contains one or more entries part of the private network CIDR blocks (RFC 1918)',
      list: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
      matching_attributes: ['ip-src', 'ip-dst', 'domain|ip'],
      name: 'List of RFC 1918 CIDR blocks',
      type: 'cidr',
      version: 4,
    });
    expect(result).toEqual({
      ok: true,
      list: {
        name: 'List of RFC 1918 CIDR blocks',
        version: 4,
        description: 'Event contains one or more entries part of the private network CIDR blocks (RFC 1918)',
        type: 'cidr',
        matchingAttributes: ['ip-src', 'ip-dst', 'domain|ip'],
        category: 'false_positive',
        action: 'warn',
        entries: [{ value: '10.0.0.0/8' }, { value: '172.16.0.0/12' }, { value: '192.168.0.0/16' }],
      },
    });
  });

  it.each([
    ['no type: string (MISP default)', { type: undefined }, { type: 'string' }],
    ['type as an array: its first element', { type: ['hostname', 'string'], list: ['a.example'] }, { type: 'hostname' }],
    ['no version: 1', { version: undefined }, { version: 1 }],
    ['no matching_attributes: every type', { matching_attributes: undefined }, { matchingAttributes: [] }],
    ['category known', { category: 'known' }, { category: 'known' }],
    ['hub_action block', { hub_action: 'block' }, { action: 'block' }],
  ])('%s', (_, change, expected) => {
    const result = parseWarninglist({ ...base, ...change });
    expect(result.ok && result.list).toMatchObject(expected);
  });

  it.each([
    ['an array of values', ['a', '', 'b'], [{ value: 'a' }, { value: 'b' }]],
    ['value objects with comments (MISP API form)', [{ value: 'a', comment: 'why a' }, { value: 'b' }], [{ value: 'a', comment: 'why a' }, { value: 'b' }]],
    ['an object of value -> comment (MISP list with comments)', { a: 'why a', b: '' }, [{ value: 'a', comment: 'why a' }, { value: 'b' }]],
  ])('list as %s, empty entries skipped', (_, list, entries) => {
    const result = parseWarninglist({ ...base, type: 'string', list });
    expect(result.ok && result.list.entries).toEqual(entries);
  });

  it.each([
    ['not an object', 'x', [{ path: '', message: 'must be an object' }]],
    ['no name', { ...base, name: undefined }, [{ path: 'name', message: 'is required (string)' }]],
    ['blank name', { ...base, name: '  ' }, [{ path: 'name', message: 'a warninglist needs a name' }]],
    ['no description', { ...base, description: undefined }, [{ path: 'description', message: 'is required (string)' }]],
    ['no list', { ...base, list: undefined }, [{ path: 'list', message: 'is required (an array of values, or an object of value -> comment)' }]],
    ['a number in the list', { ...base, list: ['10.0.0.0/8', 7] }, [{ path: 'list', message: 'must be an array of values, or an object of value -> comment' }]],
    ['unknown type', { ...base, type: 'prefix' }, [{ path: 'type', message: 'must be one of "string", "substring", "hostname", "cidr", "regex", or an array of them' }]],
    ['fractional version', { ...base, version: 1.5 }, [{ path: 'version', message: 'must be an integer' }]],
    ['version as text', { ...base, version: '2' }, [{ path: 'version', message: 'must be a number' }]],
    ['unknown action', { ...base, hub_action: 'drop' }, [{ path: 'hub_action', message: 'must be one of "warn", "block"' }]],
    ['a typo in a field name', { ...base, matching_attribute: ['ip-dst'] }, [{ path: '', message: "unknown field 'matching_attribute'" }]],
    ['a number in matching_attributes', { ...base, matching_attributes: ['ip-dst', 7] }, [{ path: 'matching_attributes[1]', message: 'must be a string' }]],
    ['only empty entries', { ...base, list: ['', ' '] }, [{ path: 'list', message: 'a warninglist needs at least one entry' }]],
    ['a bad CIDR entry', { ...base, list: ['10.0.0.0/8', '10.0.0.0/33', 'example.com'] }, [
      { path: 'list[1]', message: "'10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR block" },
      { path: 'list[2]', message: "'example.com' is not an IPv4 or IPv6 address or CIDR block" },
    ]],
    ['a bad CIDR key in the comment form', { ...base, list: { '10.0.0.0/8': 'ok', '300.1.1.1': 'bad' } }, [
      { path: 'list."300.1.1.1"', message: "'300.1.1.1' is not an IPv4 or IPv6 address or CIDR block" },
    ]],
    ['an invalid regex', { ...base, type: 'regex', list: ['/ok/', '/(a/'] }, [{ path: 'list[1]', message: expect.stringMatching(/^'\/\(a\/': the regex is not valid/) }]],
    ['an unsafe regex', { ...base, type: 'regex', list: ['/(a+)+$/'] }, [{ path: 'list[0]', message: expect.stringContaining('nested quantifiers') }]],
  ])('refuses %s, saying where and why', (_, input, errors) => {
    expect(parseWarninglist(input)).toEqual({ ok: false, errors });
  });

  it('reports at most 20 bad entries of a big broken file', () => {
    const result = parseWarninglist({ ...base, list: Array.from({ length: 500 }, (_, i) => `bad-${i}`) });
    expect(result.ok ? [] : result.errors).toHaveLength(20);
  });

  it('parseWarninglistJson reports a JSON syntax error as a problem, never a throw', () => {
    const result = parseWarninglistJson('{"name": ');
    expect(result).toEqual({ ok: false, errors: [{ path: '', message: expect.stringMatching(/^the file is not JSON: /) }] });
    expect(parseWarninglistJson(JSON.stringify(base)).ok).toBe(true);
  });
});

describe('shouldReload (MISP update: a list is replaced only by a newer version)', () => {
  it.each([
    [undefined, 1, true],
    [1, 2, true],
    [4, 20240101, true],
    [2, 2, false],
    [3, 2, false],
  ])('loaded %p, file %p: %p', (loaded, file, expected) => {
    expect(shouldReload(loaded, file)).toBe(expected);
  });
});
