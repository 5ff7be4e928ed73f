import { readFileSync } from 'node:fs';
import { parsePattern } from '@hub/stix';
import { collect } from '../common/iterables';
import { extractObservablesFromChunks, extractObservablesFromText, ObservableExtractor, type ExtractedObservable } from './extract';
import { refang } from './refang';
import { IANA_TLDS } from './tlds';

const fixture = readFileSync(new URL('../../test/text/vendor-advisory.eml', import.meta.url), 'utf8');
const pick = (found: ExtractedObservable[]) => found.map(({ type, value }) => [type, value]);

describe('extractObservablesFromText', () => {
  it.each<[string, string, [string, string][]]>([
    ['an IPv4 address', 'seen from 203.0.113.5 today', [['ipv4-addr', '203.0.113.5']]],
    ['an IPv4 CIDR block', 'block 198.51.100.0/24 now', [['ipv4-addr', '198.51.100.0/24']]],
    ['a /32 is the address itself', 'host 203.0.113.9/32', [['ipv4-addr', '203.0.113.9']]],
    ['an IPv6 address, RFC 5952 form', 'beacon to 2001:DB8:0:0:0:0:0:1', [['ipv6-addr', '2001:db8::1']]],
    ['an IPv6 CIDR block', 'range 2001:db8::/32.', [['ipv6-addr', '2001:db8::/32']]],
    ['a defanged IPv4', '45.137.21[.]9', [['ipv4-addr', '45.137.21.9']]],
    ['a domain', 'resolves evil-domain.com.', [['domain-name', 'evil-domain.com']]],
    ['a domain in upper case with a trailing sentence dot', 'Visit EVIL.Example.ORG.', [['domain-name', 'evil.example.org']]],
    ['an internationalised TLD in punycode', 'see xn--80ak6aa92e.xn--p1ai', [['domain-name', 'xn--80ak6aa92e.xn--p1ai']]],
    ['[dot] and (.) defanging', 'cdn[dot]health-sync(.)info', [['domain-name', 'cdn.health-sync.info']]],
    ['spaced [dot] defanging', 'evil [dot] example [dot] net', [['domain-name', 'evil.example.net']]],
    ['a URL', 'get https://Evil.Example.com/a/b?c=1&d=2', [['url', 'https://evil.example.com/a/b?c=1&d=2']]],
    ['hxxp and [.] in a URL', 'hxxp://evil[.]example[.]com/x', [['url', 'http://evil.example.com/x']]],
    ['hXXps and [:] in a URL', 'hXXps[:]//evil.example.com/', [['url', 'https://evil.example.com/']]],
    ['a URL in parentheses', '(see https://evil.example.com/path)', [['url', 'https://evil.example.com/path']]],
    ['a URL with balanced parentheses', 'https://en.example.org/wiki/Foo_(bar).', [['url', 'https://en.example.org/wiki/Foo_(bar)']]],
    ['an IP inside a URL is not counted again', 'http://203.0.113.5:8080/x', [['url', 'http://203.0.113.5:8080/x']]],
    ['a hash inside a URL is part of the URL', `https://cdn.example.com/${'a'.repeat(64)}.bin`, [['url', `https://cdn.example.com/${'a'.repeat(64)}.bin`]]],
    ['an e-mail address', 'from Billing@Pharma-Billing.net', [['email-addr', 'billing@pharma-billing.net']]],
    ['[at] and [.] in an e-mail address', 'billing[at]medsupply[.]com', [['email-addr', 'billing@medsupply.com']]],
    ['[@] in an e-mail address', 'ops[@]evil.example.com', [['email-addr', 'ops@evil.example.com']]],
    ['an MD5 in upper case', '44D88612FEA8A8F36DE82E1278ABB02F', [['file', '44d88612fea8a8f36de82e1278abb02f']]],
    ['a SHA-1', `sha1 ${'b'.repeat(40)}`, [['file', 'b'.repeat(40)]]],
    ['a SHA-256', `sha256:${'c'.repeat(64)}`, [['file', 'c'.repeat(64)]]],
    ['a SHA-512', `${'d'.repeat(128)}`, [['file', 'd'.repeat(128)]]],
    ['hex of another length is no hash', `${'e'.repeat(48)} and ${'f'.repeat(65)}`, []],
    ['CVE identifiers, upper-cased', 'CVE-2023-4966 and cve-2024-3400', [['vulnerability', 'CVE-2023-4966'], ['vulnerability', 'CVE-2024-3400']]],
    ['file names are not domains', 'open report.pdf, invoice.exe, Q3.xlsx and setup.msi', []],
    ['file extensions that are also TLDs are not domains', 'attached invoice.zip, notes.md and run.sh', []],
    ['…unless defanged', 'payload host invoice[.]zip', [['domain-name', 'invoice.zip']]],
    ['version numbers are not addresses', 'version 4.12.0.1, build 10.0.19041.1 and v1.2.3.4; also 1.2.3', []],
    ['a five-part number is no address', '1.2.3.4.5', []],
    ['an out-of-range address is skipped', '999.1.1.1', []],
    ['clock times and MAC addresses are not IPv6', 'at 10:30:15 from 00:1a:2b:3c:4d:5e', []],
    ['duplicates are reported once', '203.0.113.5 203.0.113.5 and 203.0.113[.]5', [['ipv4-addr', '203.0.113.5']]],
  ])('%s', (_name, text, expected) => {
    expect(pick(extractObservablesFromText(text))).toEqual(expected);
  });

  it('gives the original text, its line, column and offset', () => {
    const text = 'first line\n  ioc: hxxp://evil[.]example.com/a and 203.0.113[.]7\r\nlast 203.0.113.7';
    expect(extractObservablesFromText(text)).toEqual([
      expect.objectContaining({ type: 'url', original: 'hxxp://evil[.]example.com/a', defanged: true, line: 2, column: 8, offset: 18 }),
      expect.objectContaining({ type: 'ipv4-addr', value: '203.0.113.7', original: '203.0.113[.]7', defanged: true, line: 2, column: 40, offset: 50 }),
    ]);
    const [url, address] = extractObservablesFromText(text);
    expect(text.slice(url.offset, url.offset + url.original.length)).toBe(url.original);
    expect(text.slice(address.offset, address.offset + address.original.length)).toBe(address.original);
  });

  it('reads a vendor advisory e-mail', () => {
    const found = extractObservablesFromText(fixture);
    expect(pick(found)).toEqual([
      ['email-addr', 'intel@vendor-secure.example.com'],
      ['email-addr', 'soc@hospital.example.org'],
      ['email-addr', 'billing@medsupply-invoices.com'],
      ['email-addr', 'accounts@pharma-billing.net'],
      ['url', 'https://medsupply-invoices.com/download/invoice.php?id=44721'],
      ['url', 'http://185.220.101.47:8080/wp-content/a.zip'],
      ['file', '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b'],
      ['file', '44d88612fea8a8f36de82e1278abb02f'],
      ['file', '3395856ce81f2b7382dee72602f798b642f14140'],
      ['ipv4-addr', '185.220.101.47'],
      ['ipv4-addr', '45.137.21.9'],
      ['ipv6-addr', '2001:db8::8:800:200c:417a'],
      ['ipv4-addr', '198.51.100.0/24'],
      ['domain-name', 'qbot-c2.net'],
      ['domain-name', 'update-checker.org'],
      ['domain-name', 'cdn.health-sync.info'],
      ['url', 'https://update-checker.org/gate.php'],
      ['vulnerability', 'CVE-2023-4966'],
      ['vulnerability', 'CVE-2024-3400'],
      ['url', 'https://intel.vendor-secure.example.com/ioc/3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b.txt'],
    ]);
    expect(found.find((o) => o.value === '44d88612fea8a8f36de82e1278abb02f')).toMatchObject({ hashAlgorithm: 'MD5', line: 18 });
  });

  it('gives every observable but a vulnerability a valid STIX pattern', () => {
    for (const observable of extractObservablesFromText(fixture)) {
      if (observable.type === 'vulnerability') expect(observable.pattern).toBeUndefined();
      else expect(parsePattern(observable.pattern!)).toMatchObject({ ok: true });
    }
  });
});

describe('streaming extraction', () => {
  it('finds the same observables whatever the chunking, lines split across chunks included', async () => {
    const whole = extractObservablesFromText(fixture);
    for (const size of [1, 7, 64, 1000]) {
      const chunks: string[] = [];
      for (let i = 0; i < fixture.length; i += size) chunks.push(fixture.slice(i, i + size));
      expect(await collect(extractObservablesFromChunks(chunks))).toEqual(whole);
    }
  });

  it('reads a very long line in pieces cut at whitespace, positions still right', () => {
    const filler = 'word '.repeat(30000);
    const text = `${filler}203.0.113.5 ${filler}evil.example.com\nnext 198.51.100.7`;
    const found = extractObservablesFromText(text);
    expect(found.map(({ value, line, column, offset }) => [value, line, column, offset])).toEqual([
      ['203.0.113.5', 1, filler.length + 1, filler.length],
      ['evil.example.com', 1, 2 * filler.length + 13, 2 * filler.length + 12],
      ['198.51.100.7', 2, 6, text.indexOf('198.51.100.7')],
    ]);
  });

  it('reports an observable as soon as its line is complete', () => {
    const extractor = new ObservableExtractor();
    expect(extractor.push('203.0.113.5 and evil.exa')).toEqual([]);
    expect(pick(extractor.push('mple.com\nnext'))).toEqual([['ipv4-addr', '203.0.113.5'], ['domain-name', 'evil.example.com']]);
    expect(extractor.end()).toEqual([]);
  });
});

describe('refang', () => {
  it.each([
    ['hxxp://a[.]b', 'http://a.b'],
    ['hxxps[:]//a(.)b', 'https://a.b'],
    ['a[at]b[dot]c', 'a@b.c'],
    ['nothing here', 'nothing here'],
  ])('%s -> %s', (defanged, refanged) => {
    expect(refang(defanged).text).toBe(refanged);
  });

  it('does not touch words that merely start like hxxp', () => {
    expect(refang('hxxpfoo').text).toBe('hxxpfoo');
  });
});

describe('IANA TLD list', () => {
  it('holds the real TLDs and no file extensions', () => {
    expect(IANA_TLDS.size).toBeGreaterThan(1000);
    for (const tld of ['com', 'org', 'health', 'xn--p1ai', 'zip']) expect(IANA_TLDS.has(tld)).toBe(true);
    for (const extension of ['pdf', 'exe', 'xlsx', 'dll', 'txt']) expect(IANA_TLDS.has(extension)).toBe(false);
  });
});
