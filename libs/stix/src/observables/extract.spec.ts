import fc from 'fast-check';
import { parsePattern, quoteString } from '../pattern';
import { extractObservables, observablesFromPattern } from './extract';
import { normalizeObservable } from './normalize';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';

/** (type, value) pairs, the part lookups match on. */
function pairs(pattern: string): string[] {
  return observablesFromPattern(pattern).map((observable) => `${observable.type} ${observable.value}`);
}

describe('observablesFromPattern', () => {
  it('extracts the simple equality observables of each type', () => {
    expect(observablesFromPattern(`[ipv4-addr:value = '203.0.113.5']`)).toEqual([
      { type: 'ipv4-addr', value: '203.0.113.5', path: 'ipv4-addr:value' },
    ]);
    expect(observablesFromPattern(`[file:hashes.'SHA-256' = '${SHA256.toUpperCase()}']`)).toEqual([
      { type: 'file', value: SHA256, hashAlgorithm: 'SHA-256', path: `file:hashes.'SHA-256'` },
    ]);
    expect(observablesFromPattern(`[file:hashes.md5 = '${MD5}']`)).toEqual([
      { type: 'file', value: MD5, hashAlgorithm: 'MD5', path: 'file:hashes.md5' },
    ]);
    expect(
      pairs(
        `[ipv6-addr:value = '2001:0DB8::0001' OR domain-name:value = 'Evil.Example.COM' OR url:value = 'HTTP://Evil.Example/x' ` +
          `OR email-addr:value = 'Phish@Example.org' OR mac-addr:value = 'D2-FB-49-24-37-18' OR autonomous-system:number = 64496 ` +
          `OR artifact:hashes.MD5 = '${MD5}' OR x509-certificate:hashes.'SHA-256' = '${SHA256}' OR x509-certificate:serial_number = '4C:0B']`,
      ),
    ).toEqual([
      'ipv6-addr 2001:db8::1',
      'domain-name evil.example.com',
      'url http://evil.example/x',
      'email-addr phish@example.org',
      'mac-addr d2:fb:49:24:37:18',
      'autonomous-system 64496',
      `artifact ${MD5}`,
      `x509-certificate ${SHA256}`,
      'x509-certificate 4c:0b',
    ]);
  });

  it('takes every member of an IN set, and both sides of OR, AND and FOLLOWEDBY', () => {
    expect(pairs(`[ipv4-addr:value IN ('203.0.113.1', '203.0.113.2')] OR [domain-name:value = 'a.example']`)).toEqual([
      'ipv4-addr 203.0.113.1',
      'ipv4-addr 203.0.113.2',
      'domain-name a.example',
    ]);
    expect(
      pairs(`([file:hashes.MD5 = '${MD5}'] FOLLOWEDBY [url:value = 'http://a.example/']) WITHIN 60 SECONDS AND [ipv4-addr:value = '10.0.0.1']`),
    ).toEqual([`file ${MD5}`, 'url http://a.example/', 'ipv4-addr 10.0.0.1']);
    expect(pairs(`[(domain-name:value = 'a.example' OR domain-name:value = 'b.example') AND file:name = 'x']`)).toEqual([
      'domain-name a.example',
      'domain-name b.example',
    ]);
  });

  it('keeps CIDR blocks, and reads ISSUBSET on addresses as a block', () => {
    expect(pairs(`[ipv4-addr:value = '198.51.100.0/24']`)).toEqual(['ipv4-addr 198.51.100.0/24']);
    expect(pairs(`[ipv4-addr:value ISSUBSET '010.0.0.0/8']`)).toEqual(['ipv4-addr 10.0.0.0/8']);
    expect(pairs(`[ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`)).toEqual(['ipv6-addr 2001:db8:dead:beef::/64']);
    expect(pairs(`[ipv4-addr:value = '203.0.113.33/32']`)).toEqual(['ipv4-addr 203.0.113.33']);
  });

  it('follows the references whose target type is clear', () => {
    expect(
      pairs(
        `[network-traffic:dst_ref.value = '203.0.113.9' AND network-traffic:src_ref.value = '2001:db8::9' ` +
          `AND network-traffic:dst_ref.value = 'C2.Example' AND email-message:from_ref.value = 'A@Example.com' ` +
          `AND email-message:cc_refs[0].value = 'b@example.com' AND process:image_ref.hashes.'SHA-256' = '${SHA256}' ` +
          `AND network-traffic:src_payload_ref.hashes.MD5 = '${MD5}' AND process:parent_ref.hashes.MD5 = '${MD5}']`,
      ),
    ).toEqual([
      'ipv4-addr 203.0.113.9',
      'ipv6-addr 2001:db8::9',
      'domain-name c2.example',
      'email-addr a@example.com',
      'email-addr b@example.com',
      `file ${SHA256}`,
      `artifact ${MD5}`,
    ]);
  });

  it('skips negated, fuzzy and unrelated tests, and values that do not normalise', () => {
    expect(
      pairs(
        `[ipv4-addr:value != '203.0.113.1' OR ipv4-addr:value NOT = '203.0.113.2' OR ipv4-addr:value NOT IN ('203.0.113.3') ` +
          `OR domain-name:value LIKE '%.example' OR domain-name:value MATCHES 'x' OR ipv4-addr:value NOT ISSUBSET '10.0.0.0/8' ` +
          `OR file:name = 'evil.exe' OR file:size = 100 OR ipv4-addr:value = 'not an address' OR ipv4-addr:value = 1 ` +
          `OR domain-name:resolves_to_refs[*].value = '203.0.113.4' OR EXISTS ipv4-addr:value OR x-custom:value = 'x']`,
      ),
    ).toEqual([]);
  });

  it('reads NOT != as an equality', () => {
    expect(pairs(`[ipv4-addr:value NOT != '203.0.113.1']`)).toEqual(['ipv4-addr 203.0.113.1']);
  });

  it('drops repeats', () => {
    expect(pairs(`[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '010.000.000.001' OR ipv4-addr:value IN ('10.0.0.1')]`)).toEqual([
      'ipv4-addr 10.0.0.1',
    ]);
  });

  it('gives nothing for an invalid pattern', () => {
    expect(observablesFromPattern(`[ipv4-addr:value = '203.0.113.5'`)).toEqual([]);
    expect(observablesFromPattern(`[file:hashes.MD5 = 'abc']`)).toEqual([]);
  });

  it('works on a parsed tree', () => {
    const result = parsePattern(`[url:value = 'https://x.example/']`);
    if (!result.ok) throw new Error('invalid');
    expect(extractObservables(result.ast)).toEqual([{ type: 'url', value: 'https://x.example/', path: 'url:value' }]);
  });

  it('stores what a lookup of the same value, in any spelling, normalises to', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ipv4 = fc.tuple(octet, octet, octet, octet, fc.boolean()).map(([a, b, c, d, padded]) =>
      [a, b, c, d].map((n) => (padded ? String(n).padStart(3, '0') : String(n))).join('.'),
    );
    const hash = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 64, maxLength: 64 });
    const domain = fc.stringMatching(/^[a-zA-Z0-9]{1,10}(\.[a-zA-Z0-9-]{1,10}){1,3}$/);
    const cases = fc.oneof(
      ipv4.map((value) => ['ipv4-addr', 'ipv4-addr:value', value] as const),
      hash.map((value) => ['file', `file:hashes.'SHA-256'`, value] as const),
      domain.map((value) => ['domain-name', 'domain-name:value', value] as const),
    );
    fc.assert(
      fc.property(cases, ([type, path, value]) => {
        const stored = observablesFromPattern(`[${path} = ${quoteString(value)}]`);
        const lookup = normalizeObservable(type, value.toUpperCase() === value ? value.toLowerCase() : value.toUpperCase());
        expect(stored).toHaveLength(1);
        expect(lookup).toEqual({ type: stored[0]?.type, value: stored[0]?.value });
      }),
      { numRuns: 300 },
    );
  });
});
