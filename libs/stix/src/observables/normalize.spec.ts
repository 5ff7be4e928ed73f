import { normalizeObservable } from './normalize';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

describe('normalizeObservable', () => {
  it.each([
    ['ipv4-addr', ' 010.0.0.1 ', 'ipv4-addr', '10.0.0.1'],
    ['IPv4-Addr', '203.0.113.33/32', 'ipv4-addr', '203.0.113.33'],
    ['ipv6-addr', '2001:DB8:0:0::1', 'ipv6-addr', '2001:db8::1'],
    ['domain-name', 'WWW.Example.COM.', 'domain-name', 'www.example.com'],
    ['domain-name', 'bücher.example', 'domain-name', 'bücher.example'],
    ['domain-name', '_dmarc.example.com', 'domain-name', '_dmarc.example.com'],
    ['email-addr', 'Jane.Doe@Example.COM', 'email-addr', 'jane.doe@example.com'],
    ['url', 'HTTP://Example.COM/Path/File.EXE?Q=1#Top', 'url', 'http://example.com/Path/File.EXE?Q=1#Top'],
    ['url', 'https://User:Secret@Host.Example:8443', 'url', 'https://User:Secret@host.example:8443'],
    ['url', 'mailto:Someone@Example.com', 'url', 'mailto:Someone@Example.com'],
    ['url', 'file:///C:/Temp/x.exe', 'url', 'file:///C:/Temp/x.exe'],
    ['mac-addr', 'D2-FB-49-24-37-18', 'mac-addr', 'd2:fb:49:24:37:18'],
    ['mac-addr', 'd2fb.4924.3718', 'mac-addr', 'd2:fb:49:24:37:18'],
    ['mac-addr', 'D2FB49243718', 'mac-addr', 'd2:fb:49:24:37:18'],
    ['mac-addr', '2:b:49:24:37:18', 'mac-addr', '02:0b:49:24:37:18'],
    ['autonomous-system', 'AS64496', 'autonomous-system', '64496'],
    ['autonomous-system', 'as015169', 'autonomous-system', '15169'],
    ['autonomous-system', '4294967295', 'autonomous-system', '4294967295'],
    ['file', SHA256.toUpperCase(), 'file', SHA256],
    ['file', 'T1ABCDEF0123', 'file', 'T1abcdef0123'],
    ['file', '3072:AbCdEf+/xyz:GhIj', 'file', '3072:AbCdEf+/xyz:GhIj'],
    ['artifact', 'CEAD3F77F6CDA6EC00F57D76C9A6879F', 'artifact', 'cead3f77f6cda6ec00f57d76c9a6879f'],
    ['x509-certificate', '4C:0B:1D:19', 'x509-certificate', '4c:0b:1d:19'],
  ])('(%s, %j) -> (%s, %s)', (type, value, expectedType, expectedValue) => {
    expect(normalizeObservable(type, value)).toEqual({ type: expectedType, value: expectedValue });
  });

  it.each([
    ['ipv4', '203.0.113.5', 'ipv4-addr'],
    ['ipv6', '::1', 'ipv6-addr'],
    ['ip', '203.0.113.5', 'ipv4-addr'],
    ['ip', '::1', 'ipv6-addr'],
    ['domain', 'example.com', 'domain-name'],
    ['hostname', 'example.com', 'domain-name'],
    ['email', 'a@example.com', 'email-addr'],
    ['mac', '00:00:00:00:00:00', 'mac-addr'],
    ['asn', '1', 'autonomous-system'],
    ['hash', SHA256, 'file'],
    ['x509', 'ab', 'x509-certificate'],
    [' FILE ', SHA256, 'file'],
  ])('accepts the alias %j', (alias, value, type) => {
    expect(normalizeObservable(alias, value)).toMatchObject({ type });
  });

  it.each([
    ['ipv4-addr', '999.1.1.1'],
    ['ipv4-addr', ''],
    ['ipv6-addr', 'fe80::1%eth0'],
    ['domain-name', 'exa mple.com'],
    ['domain-name', 'example..com'],
    ['domain-name', '.'],
    ['domain-name', `${'a'.repeat(64)}.com`],
    ['domain-name', 'http://example.com'],
    ['email-addr', 'no-at-sign'],
    ['email-addr', '@example.com'],
    ['email-addr', 'a@'],
    ['email-addr', 'a b@example.com'],
    ['url', 'example.com/path'],
    ['url', 'http://'],
    ['url', 'http://exa mple.com'],
    ['url', '1http://example.com'],
    ['mac-addr', 'd2:fb:49:24:37'],
    ['mac-addr', 'd2:fb:49:24:37:18:00'],
    ['mac-addr', 'zz:fb:49:24:37:18'],
    ['mac-addr', 'd2:fb-49:24:37:18'],
    ['autonomous-system', 'AS'],
    ['autonomous-system', '4294967296'],
    ['autonomous-system', '-1'],
    ['file', 'has space'],
    ['file', '   '],
  ])('refuses (%s, %j)', (type, value) => {
    expect(normalizeObservable(type, value)).toEqual({ error: expect.stringContaining(`is not a valid`) });
  });

  it('refuses unsupported types and names the supported ones', () => {
    expect(normalizeObservable('mutex', 'x')).toEqual({
      error:
        "unsupported observable type 'mutex' (supported: ipv4-addr, ipv6-addr, domain-name, url, email-addr, mac-addr, autonomous-system, file, artifact, x509-certificate)",
    });
  });

  it('returns an error rather than throwing on non-string input', () => {
    expect(normalizeObservable(undefined as unknown as string, 'x')).toEqual({ error: 'type and value must be strings' });
    expect(normalizeObservable('file', null as unknown as string)).toEqual({ error: 'type and value must be strings' });
  });

  it('is idempotent', () => {
    for (const [type, value] of [
      ['ipv6-addr', '2001:DB8::0:1/64'],
      ['url', 'HTTP://A.B/C'],
      ['mac-addr', 'AABBCCDDEEFF'],
      ['email-addr', 'X@Y.Z'],
    ] as const) {
      const once = normalizeObservable(type, value);
      if ('error' in once) throw new Error(once.error);
      expect(normalizeObservable(once.type, once.value)).toEqual(once);
    }
  });
});
