import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObservableType } from '@hub/stix';
import { organisationAssetLists } from './asset-list';
import { readDefaultWarninglists } from './default-lists';
import { compileWarninglists } from './matcher';

describe('the hub default warninglists', () => {
  const lists = readDefaultWarninglists();
  const matcher = compileWarninglists(lists);
  const hit = (type: ObservableType, value: string): string => matcher.check(type, value).map((h) => `${h.action} ${h.list.replace(/^Hub: /, '').replace(/ \(.*$/, '')}`).join(', ');

  it('all load, with unique names, descriptions that cite a source, and MISP attribute types', () => {
    expect(lists.length).toBeGreaterThanOrEqual(10);
    expect(new Set(lists.map((list) => list.name)).size).toBe(lists.length);
    for (const list of lists) {
      expect(list.description).toMatch(/Source/);
      expect(list.matchingAttributes.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['ipv4-addr', '10.20.0.0/16', 'warn private networks'],
    ['ipv4-addr', '10.20.3.4', 'warn private networks'],
    ['ipv4-addr', '172.31.255.255', 'warn private networks'],
    ['ipv4-addr', '192.168.1.1', 'warn private networks'],
    ['ipv6-addr', 'fd12:3456::1', 'warn private networks'],
    ['ipv4-addr', '100.100.1.1', 'warn shared address space'],
    ['ipv4-addr', '127.0.0.1', 'block loopback addresses'],
    ['ipv6-addr', '::1', 'block loopback addresses'],
    ['ipv4-addr', '169.254.169.254', 'warn link-local addresses'],
    ['ipv6-addr', 'fe80::1', 'warn link-local addresses'],
    ['ipv4-addr', '239.255.255.250', 'warn multicast addresses'],
    ['ipv6-addr', 'ff02::1', 'warn multicast addresses'],
    ['ipv4-addr', '192.0.2.10', 'block documentation addresses'],
    ['ipv4-addr', '198.51.100.7', 'block documentation addresses'],
    ['ipv4-addr', '203.0.113.0/24', 'block documentation addresses'],
    ['ipv6-addr', '2001:db8::bad', 'block documentation addresses'],
    ['ipv6-addr', '3fff:1::1', 'block documentation addresses'],
    ['ipv4-addr', '0.0.0.0', 'warn other special-purpose addresses'],
    ['ipv4-addr', '198.18.0.1', 'warn other special-purpose addresses'],
    ['ipv4-addr', '250.1.1.1', 'warn other special-purpose addresses'],
    ['ipv4-addr', '255.255.255.255', 'warn other special-purpose addresses'],
    ['ipv6-addr', '::', 'warn other special-purpose addresses'],
    ['ipv6-addr', '::ffff:8.8.8.8', 'warn other special-purpose addresses'],
    ['ipv4-addr', '8.8.8.8', 'warn well-known public DNS resolvers'],
    ['ipv4-addr', '1.1.1.1', 'warn well-known public DNS resolvers'],
    ['ipv4-addr', '9.9.9.9', 'warn well-known public DNS resolvers'],
    ['ipv4-addr', '208.67.222.222', 'warn well-known public DNS resolvers'],
    ['ipv6-addr', '2606:4700:4700::1111', 'warn well-known public DNS resolvers'],
    ['domain-name', 'example.com', 'block reserved example, test and loopback domain names'],
    ['domain-name', 'www.example.org', 'block reserved example, test and loopback domain names'],
    ['domain-name', 'phish.test', 'block reserved example, test and loopback domain names'],
    ['domain-name', 'x.invalid', 'block reserved example, test and loopback domain names'],
    ['domain-name', 'app.localhost', 'block reserved example, test and loopback domain names'],
    ['url', 'http://example.net/payload', 'block reserved example, test and loopback domain names'],
    ['email-addr', 'ceo@example.com', 'block reserved example, test and loopback domain names'],
    ['domain-name', 'printer.local', 'warn local-only domain names'],
    ['domain-name', 'nas.home.arpa', 'warn local-only domain names'],
    // Ordinary values pass untouched.
    ['ipv4-addr', '8.8.8.9', ''],
    ['ipv4-addr', '11.0.0.1', ''],
    ['ipv4-addr', '172.32.0.1', ''],
    ['ipv4-addr', '100.128.0.1', ''],
    ['ipv6-addr', '2001:4860:4860::1', ''],
    ['domain-name', 'example.co.uk', ''],
    ['domain-name', 'testing.com', ''],
    ['domain-name', 'localhost.evil.com', ''],
    ['file', 'd41d8cd98f00b204e9800998ecf8427e', ''],
  ] as const)('%s %s: %j', (type, value, expected) => {
    expect(hit(type, value)).toBe(expected);
  });

  it('a broken file in a list folder throws with its name and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'intel-rules-'));
    try {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'x', description: 'y', type: 'cidr', list: ['nope'] }));
      expect(() => readDefaultWarninglists(dir)).toThrow("bad.json: list[0]: 'nope' is not an IPv4 or IPv6 address or CIDR block");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('organisation asset lists use the same matcher', () => {
  it('builds a hostname and a cidr list that mark the organisation own values', () => {
    const results = organisationAssetLists({ organisation: 'St Mary Hospital', version: 7, domains: ['stmary.example.org'], ranges: ['10.20.0.0/16', '2001:db8:5::/48'] });
    const lists = results.map((result) => (result.ok ? result.list : undefined));
    expect(lists.map((list) => [list?.name, list?.type, list?.version, list?.category])).toEqual([
      ['Assets of St Mary Hospital: domains', 'hostname', 7, 'known'],
      ['Assets of St Mary Hospital: address ranges', 'cidr', 7, 'known'],
    ]);
    const matcher = compileWarninglists(lists.filter((list) => list !== undefined));
    expect(matcher.check('ipv4-addr', '10.20.0.0/16').map((h) => h.list)).toEqual(['Assets of St Mary Hospital: address ranges']);
    expect(matcher.check('ipv6-addr', '2001:db8:5:1::9').map((h) => h.list)).toEqual(['Assets of St Mary Hospital: address ranges']);
    expect(matcher.check('url', 'https://portal.stmary.example.org/login').map((h) => h.list)).toEqual(['Assets of St Mary Hospital: domains']);
    expect(matcher.check('email-addr', 'it@stmary.example.org').map((h) => h.list)).toEqual(['Assets of St Mary Hospital: domains']);
    expect(matcher.check('ipv4-addr', '10.21.0.1')).toEqual([]);
    expect(matcher.check('domain-name', 'stmary.example.org.evil.net')).toEqual([]);
  });

  it('reports a bad range with its path; no list for what is empty', () => {
    expect(organisationAssetLists({ organisation: 'X', version: 1, ranges: ['10.0.0.0/8', '10.0.0.0/99'] })).toEqual([
      { ok: false, errors: [{ path: 'list[1]', message: "'10.0.0.0/99' is not an IPv4 or IPv6 address or CIDR block" }] },
    ]);
    expect(organisationAssetLists({ organisation: 'X', version: 1, domains: [] })).toEqual([]);
  });
});
