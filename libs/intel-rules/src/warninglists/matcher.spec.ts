import type { ObservableType } from '@hub/stix';
import { compileWarninglists, hostOf, type WarninglistHit } from './matcher';
import { parseWarninglist, type Warninglist } from './warninglist';

function list(fields: Record<string, unknown>): Warninglist {
  const result = parseWarninglist({ version: 1, description: 'test list', ...fields });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.list;
}

function entriesHit(lists: Warninglist[], type: ObservableType, value: string): string[] {
  return compileWarninglists(lists)
    .check(type, value)
    .map((hit) => `${hit.list}: ${hit.entry}`);
}

describe('warninglist matching, MISP semantics per list type', () => {
  describe('string: exact and case-sensitive (MISP isset)', () => {
    const lists = [list({ name: 'S', type: 'string', list: ['d41d8cd98f00b204e9800998ecf8427e', 'Exact'] })];
    it.each([
      ['file', 'd41d8cd98f00b204e9800998ecf8427e', ['S: d41d8cd98f00b204e9800998ecf8427e']],
      ['file', 'D41D8CD98F00B204E9800998ECF8427E', []],
      ['file', 'd41d8cd98f00b204e9800998ecf8427', []],
      ['url', 'Exact', ['S: Exact']],
      ['url', 'exact', []],
      ['url', 'Exactly', []],
    ] as const)('%s %s', (type, value, expected) => {
      expect(entriesHit(lists, type, value)).toEqual(expected);
    });
  });

  describe('substring: the entry anywhere in the value, case-sensitive; the first entry in list order', () => {
    const lists = [list({ name: 'Sub', type: 'substring', list: ['amazonaws.com', 's3.', 'AWS'] })];
    it.each([
      ['https://bucket.s3.amazonaws.com/x', ['Sub: amazonaws.com']],
      ['https://s3.example/x', ['Sub: s3.']],
      ['http://AWS.example/', ['Sub: AWS']],
      ['http://aws.example/', []],
      ['amazonaws.co', []],
    ])('%s', (value, expected) => {
      expect(entriesHit(lists, 'url', value)).toEqual(expected);
    });
  });

  describe('hostname: the domain and its subdomains, URL hosts and e-mail domains; the shortest listed suffix', () => {
    const lists = [list({ name: 'H', type: 'hostname', list: ['example.com', '.Google.COM.', 'deep.sub.example.net', 'localhost'] })];
    it.each([
      ['domain-name', 'example.com', ['H: example.com']],
      ['domain-name', 'www.example.com', ['H: example.com']],
      ['domain-name', 'a.b.c.example.com', ['H: example.com']],
      ['domain-name', 'notexample.com', []],
      ['domain-name', 'example.com.evil.org', []],
      ['domain-name', 'example.co', []],
      ['domain-name', 'mail.google.com', ['H: .Google.COM.']],
      ['domain-name', 'MAIL.GOOGLE.COM.', ['H: .Google.COM.']],
      ['domain-name', 'sub.example.net', []],
      ['domain-name', 'x.deep.sub.example.net', ['H: deep.sub.example.net']],
      ['domain-name', 'localhost', ['H: localhost']],
      ['url', 'https://www.example.com/path/x?y#z', ['H: example.com']],
      ['url', 'https://user:pw@www.example.com:8443/', ['H: example.com']],
      ['url', 'www.example.com/no/scheme', ['H: example.com']],
      ['url', 'https://evil.org/redirect?to=example.com', []],
      ['url', 'https://evil.org/www.example.com', []],
      ['url', 'https://example.com.', ['H: example.com']],
      ['email-addr', 'someone@mail.example.com', ['H: example.com']],
      ['email-addr', 'example.com@evil.org', []],
    ] as const)('%s %s', (type, value, expected) => {
      expect(entriesHit(lists, type, value)).toEqual(expected);
    });
  });

  describe('cidr: an address or a block inside any listed block, IPv4 and IPv6; the widest block', () => {
    const lists = [
      list({ name: 'C', type: 'cidr', list: ['10.0.0.0/8', '10.20.0.0/16', '192.0.2.1', '172.16.99.99/12', '2001:db8::/32', 'fe80::/10', '2001:4860:4860::8888'] }),
    ];
    it.each([
      ['ipv4-addr', '10.20.3.4', ['C: 10.0.0.0/8']],
      ['ipv4-addr', '10.0.0.0', ['C: 10.0.0.0/8']],
      ['ipv4-addr', '10.255.255.255', ['C: 10.0.0.0/8']],
      ['ipv4-addr', '11.0.0.0', []],
      ['ipv4-addr', '9.255.255.255', []],
      ['ipv4-addr', '10.20.0.0/16', ['C: 10.0.0.0/8']],
      ['ipv4-addr', '10.0.0.0/8', ['C: 10.0.0.0/8']],
      ['ipv4-addr', '10.0.0.0/7', []],
      ['ipv4-addr', '0.0.0.0/0', []],
      ['ipv4-addr', '192.0.2.1', ['C: 192.0.2.1']],
      ['ipv4-addr', '192.0.2.2', []],
      ['ipv4-addr', '192.0.2.0/24', []],
      ['ipv4-addr', '172.31.0.1', ['C: 172.16.99.99/12']],
      ['ipv4-addr', '172.32.0.1', []],
      ['ipv6-addr', '2001:db8::1', ['C: 2001:db8::/32']],
      ['ipv6-addr', '2001:db8:ffff::/48', ['C: 2001:db8::/32']],
      ['ipv6-addr', '2001:db8::/31', []],
      ['ipv6-addr', '2001:db9::1', []],
      ['ipv6-addr', 'febf:ffff::1', ['C: fe80::/10']],
      ['ipv6-addr', 'fec0::1', []],
      ['ipv6-addr', '2001:4860:4860::8888', ['C: 2001:4860:4860::8888']],
      ['ipv6-addr', '2001:4860:4860:0:0:0:0:8888', ['C: 2001:4860:4860::8888']],
      ['ipv6-addr', '2001:4860:4860::8844', []],
      ['ipv4-addr', 'not an address', []],
    ] as const)('%s %s', (type, value, expected) => {
      expect(entriesHit(lists, type, value)).toEqual(expected);
    });

    it('a list holding every prefix length 1..32 reports the widest block containing the value', () => {
      const v4 = list({ name: 'V4', type: 'cidr', matching_attributes: ['ip-dst'], list: Array.from({ length: 32 }, (_, p) => `${p % 2 ? '203.0.113.0' : '198.51.100.128'}/${p + 1}`) });
      const matcher = compileWarninglists([v4]);
      expect(matcher.check('ipv4-addr', '128.0.0.1').map((hit) => hit.entry)).toEqual(['198.51.100.128/1']);
      expect(matcher.check('ipv4-addr', '203.0.113.0').map((hit) => hit.entry)).toEqual(['198.51.100.128/1']);
      expect(compileWarninglists([{ ...v4, entries: v4.entries.slice(20) }]).check('ipv4-addr', '203.0.113.77').map((hit) => hit.entry)).toEqual(['203.0.113.0/22']);
      expect(matcher.check('ipv4-addr', '64.0.0.0')).toEqual([]);
    });
  });

  describe('regex: PHP preg entries run in order', () => {
    const lists = [list({ name: 'R', type: 'regex', list: ['/^[0-9a-f]{32}$/', '#^https?://[^/]+\\.onion/#i'] })];
    it.each([
      ['file', 'd41d8cd98f00b204e9800998ecf8427e', ['R: /^[0-9a-f]{32}$/']],
      ['file', 'd41d8cd98f00b204e9800998ecf8427', []],
      ['url', 'HTTP://abc.ONION/x', ['R: #^https?://[^/]+\\.onion/#i']],
      ['url', 'http://abc.onion.example/', []],
    ] as const)('%s %s', (type, value, expected) => {
      expect(entriesHit(lists, type, value)).toEqual(expected);
    });
  });
});

describe('matching_attributes decide which observables a list applies to', () => {
  const lists = [
    list({ name: 'IP only', type: 'cidr', matching_attributes: ['ip-src', 'ip-dst'], list: ['10.0.0.0/8'] }),
    list({ name: 'All types', type: 'substring', list: ['10.'] }),
    list({ name: 'Hashes', type: 'string', matching_attributes: ['md5', 'filename|sha256'], list: ['10.1.1.1', 'abc'] }),
    list({ name: 'Domain or IP', type: 'hostname', matching_attributes: ['domain|ip'], list: ['example.org'] }),
    list({ name: 'Hub types', type: 'hostname', matching_attributes: ['url'], list: ['example.org'] }),
    list({ name: 'Unknown MISP type', type: 'string', matching_attributes: ['regkey'], list: ['abc'] }),
  ];
  const matcher = compileWarninglists(lists);
  it.each([
    ['ipv4-addr', '10.1.1.1', ['IP only', 'All types']],
    ['domain-name', '10.1.1.1', ['All types']],
    ['file', '10.1.1.1', ['All types', 'Hashes']],
    ['artifact', 'abc', ['Hashes']],
    ['x509-certificate', 'abc', []],
    ['domain-name', 'www.example.org', ['Domain or IP']],
    ['url', 'https://www.example.org/', ['Hub types']],
    ['email-addr', 'a@example.org', []],
  ] as const)('%s %s hits %j', (type, value, expected) => {
    expect(matcher.check(type, value).map((hit) => hit.list)).toEqual(expected);
  });
});

describe('one combined matcher over many lists', () => {
  const lists = [
    list({ name: 'RFC 1918', type: 'cidr', list: { '10.0.0.0/8': 'private', '10.20.0.0/16': 'the lab' }, hub_action: 'warn' }),
    list({ name: 'Lab', type: 'cidr', list: ['10.20.0.0/16'], category: 'known', hub_action: 'warn' }),
    list({ name: 'Loopback', type: 'cidr', list: ['127.0.0.0/8'], hub_action: 'block' }),
    list({ name: 'Twice', type: 'string', list: ['10.20.1.1', '10.20.1.1'] }),
  ];
  const matcher = compileWarninglists(lists);

  it('reports every list hit, once each, in list order, with action, category and comment', () => {
    expect(matcher.check('ipv4-addr', '10.20.1.1')).toEqual<WarninglistHit[]>([
      { list: 'RFC 1918', action: 'warn', category: 'false_positive', entry: '10.0.0.0/8', comment: 'private' },
      { list: 'Lab', action: 'warn', category: 'known', entry: '10.20.0.0/16' },
      { list: 'Twice', action: 'warn', category: 'false_positive', entry: '10.20.1.1' },
    ]);
  });

  it('blocks() says whether any hit blocks', () => {
    expect(matcher.blocks(matcher.check('ipv4-addr', '127.0.0.1'))).toBe(true);
    expect(matcher.blocks(matcher.check('ipv4-addr', '10.0.0.1'))).toBe(false);
    expect(matcher.blocks(matcher.check('ipv4-addr', '8.8.8.8'))).toBe(false);
  });

  it('an empty set of lists matches nothing', () => {
    expect(compileWarninglists([]).check('ipv4-addr', '10.0.0.1')).toEqual([]);
  });

  it('a hand-built list with a bad entry is skipped, not a crash', () => {
    const broken: Warninglist = { ...lists[0]!, name: 'Broken', type: 'regex', entries: [{ value: '/(a+)+$/' }, { value: '/^ok$/' }] };
    const cidr: Warninglist = { ...lists[0]!, name: 'Bad cidr', entries: [{ value: 'nonsense' }, { value: '10.0.0.0/8' }] };
    const m = compileWarninglists([broken, cidr]);
    expect(m.check('url', 'ok').map((hit) => hit.entry)).toEqual(['/^ok$/']);
    expect(m.check('url', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).toEqual([]);
    expect(m.check('ipv4-addr', '10.1.1.1').map((hit) => hit.entry)).toEqual(['10.0.0.0/8']);
  });
});

describe('hostOf', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    ['https://a.example.com/x', 'a.example.com'],
    ['//cdn.example.com/lib.js', 'cdn.example.com'],
    ['https://u:p@host.example:8080/x', 'host.example'],
    ['http://[2001:db8::1]:8080/', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['host.example?x=1', 'host.example'],
    ['user@mail.example', 'mail.example'],
    ['https:///path', undefined],
    ['', undefined],
  ])('%j -> %j', (value, host) => {
    expect(hostOf(value)).toBe(host);
  });
});
