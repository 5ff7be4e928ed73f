import {
  addressesCorrelate,
  blocksContaining,
  compileExclusions,
  correlationKey,
  DEFAULT_OVER_CORRELATION_LIMIT,
  isOverCorrelating,
  parseExclusions,
  wildcardMatch,
  type CorrelationExclusion,
} from './correlation';

describe('correlationKey: one key per observable whatever its spelling', () => {
  it.each([
    ['ipv4-addr', '010.001.002.003', 'ipv4-addr:10.1.2.3'],
    ['ipv4-addr', '203.0.113.33/32', 'ipv4-addr:203.0.113.33'],
    ['ipv6-addr', '2001:DB8:0:0::1', 'ipv6-addr:2001:db8::1'],
    ['ip', '2001:db8::1', 'ipv6-addr:2001:db8::1'],
    ['domain-name', 'Evil.Example.', 'domain-name:evil.example'],
    ['url', 'HTTPS://Evil.Example/Path', 'url:https://evil.example/Path'],
    ['file', 'D41D8CD98F00B204E9800998ECF8427E', 'file:d41d8cd98f00b204e9800998ecf8427e'],
    ['artifact', 'd41d8cd98f00b204e9800998ecf8427e', 'file:d41d8cd98f00b204e9800998ecf8427e'],
    ['email-addr', 'CEO@Example.COM', 'email-addr:ceo@example.com'],
    ['autonomous-system', 'AS64496', 'autonomous-system:64496'],
  ])('%s %s -> %s', (type, value, key) => {
    expect(correlationKey(type, value)).toMatchObject({ key });
  });

  it.each([
    ['ipv4-addr', '300.1.1.1'],
    ['nonsense', 'x'],
    ['domain-name', ''],
  ])('%s %j has no key, with the reason', (type, value) => {
    expect(correlationKey(type, value)).toEqual({ error: expect.any(String) });
  });
});

describe('addressesCorrelate / blocksContaining (an address inside a shared block)', () => {
  it.each([
    ['10.20.3.4', '10.20.0.0/16', true],
    ['10.20.0.0/16', '10.20.3.4', true],
    ['10.20.0.0/16', '10.20.0.0/16', true],
    ['10.20.0.0/16', '10.0.0.0/8', true],
    ['10.21.0.1', '10.20.0.0/16', false],
    ['2001:db8::1', '2001:db8::/32', true],
    ['10.0.0.1', '::ffff:10.0.0.1', false],
    ['evil.example', '10.0.0.0/8', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(addressesCorrelate(a, b)).toBe(expected);
  });

  it('lists the shared blocks holding an address, as given', () => {
    expect(blocksContaining('10.20.3.4', ['10.0.0.0/8', '10.20.0.0/16', '10.21.0.0/16', 'junk', '2001:db8::/32'])).toEqual(['10.0.0.0/8', '10.20.0.0/16']);
    expect(blocksContaining('junk', ['10.0.0.0/8'])).toEqual([]);
  });
});

describe('over-correlation: a value in more objects than the limit', () => {
  it.each([
    [20, undefined, false],
    [21, undefined, true],
    [5, 5, false],
    [6, 5, true],
    [0, 0, false],
    [1, 0, true],
  ])('%d objects, limit %p: %p', (count, limit, expected) => {
    expect(isOverCorrelating(count, limit)).toBe(expected);
  });

  it('defaults to MISP default of 20', () => {
    expect(DEFAULT_OVER_CORRELATION_LIMIT).toBe(20);
  });
});

describe('wildcardMatch', () => {
  it.each([
    ['*.microsoft.com', 'update.microsoft.com', true],
    ['*.microsoft.com', 'a.b.microsoft.com', true],
    ['*.microsoft.com', 'microsoft.com', false],
    ['*.microsoft.com', 'evilmicrosoft.com', false],
    ['192.168.?.1', '192.168.5.1', true],
    ['192.168.?.1', '192.168.55.1', false],
    ['10.*', '10.1.2.3', true],
    ['*abc*', 'xxabcxx', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['', '', true],
    ['*', '', true],
    ['?', '', false],
  ])('%j ~ %j: %p', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('stays fast on patterns that make regex engines backtrack', () => {
    // No timing assertion: a naive recursive matcher would not finish this in the test timeout.
    expect(wildcardMatch(`${'*a'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
  });
});

describe('the operator exclusion list', () => {
  it('validates entries with paths and reasons', () => {
    expect(parseExclusions([{ value: '*.cdn.example' }, { value: '8.8.8.8', type: 'ipv4-addr', comment: 'resolver' }])).toEqual({
      ok: true,
      exclusions: [{ value: '*.cdn.example' }, { value: '8.8.8.8', type: 'ipv4-addr', comment: 'resolver' }],
    });
    expect(parseExclusions([{ value: '' }, { value: '**?' }, { value: 'x', type: 'ipv4' }, {}, { value: 'x', extra: 1 }, { value: 'x'.repeat(1001) }, { value: 5 }])).toEqual({
      ok: false,
      errors: [
        { path: '[0].value', message: 'an exclusion is not empty' },
        { path: '[1].value', message: 'an exclusion made only of wildcards would exclude every value' },
        { path: '[2].type', message: 'must be an observable type such as ipv4-addr or domain-name' },
        { path: '[3].value', message: 'is required (string)' },
        { path: '[4]', message: "unknown field 'extra'" },
        { path: '[5].value', message: 'an exclusion is at most 1000 characters' },
        { path: '[6].value', message: 'must be a string' },
      ],
    });
    expect(parseExclusions('nope')).toEqual({ ok: false, errors: [{ path: '', message: 'must be an array' }] });
  });

  const exclusions: CorrelationExclusion[] = [
    { value: '8.8.8.8', type: 'ipv4-addr', comment: 'resolver' },
    { value: '*.WindowsUpdate.com' },
    { value: 'cdn-??.example' , type: 'domain-name' },
    { value: 'update.windowsupdate.com', comment: 'listed after the pattern' },
  ];
  const matcher = compileExclusions(exclusions);

  it.each([
    ['ipv4-addr', '8.8.8.8', exclusions[0]],
    ['domain-name', '8.8.8.8', undefined],
    ['domain-name', 'dl.windowsupdate.com', exclusions[1]],
    ['url', 'http://x/?q=.windowsupdate.com', exclusions[1]],
    ['domain-name', 'update.windowsupdate.com', exclusions[1]],
    ['domain-name', 'windowsupdate.com', undefined],
    ['domain-name', 'cdn-01.example', exclusions[2]],
    ['url', 'cdn-01.example', undefined],
    ['domain-name', 'cdn-001.example', undefined],
    ['domain-name', 'evil.example', undefined],
  ] as const)('%s %s', (type, value, expected) => {
    expect(matcher.excluded(type, value)).toBe(expected);
  });

  it('an exact entry listed before a pattern wins', () => {
    const m = compileExclusions([{ value: 'a.example', comment: 'exact' }, { value: '*.example' }]);
    expect(m.excluded('domain-name', 'a.example')?.comment).toBe('exact');
    expect(m.excluded('domain-name', 'b.example')?.value).toBe('*.example');
  });
});
