import { observablesFromPattern } from './extract';
import { observablesFromSco } from './from-sco';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f';

describe('observablesFromSco', () => {
  it.each([
    [{ type: 'ipv4-addr', value: '010.0.0.1' }, 'ipv4-addr', '10.0.0.1'],
    [{ type: 'ipv6-addr', value: '2001:DB8::1' }, 'ipv6-addr', '2001:db8::1'],
    [{ type: 'domain-name', value: 'Example.COM' }, 'domain-name', 'example.com'],
    [{ type: 'url', value: 'HTTP://Example.com/A' }, 'url', 'http://example.com/A'],
    [{ type: 'email-addr', value: 'A@Example.com' }, 'email-addr', 'a@example.com'],
    [{ type: 'mac-addr', value: 'D2:FB:49:24:37:18' }, 'mac-addr', 'd2:fb:49:24:37:18'],
    [{ type: 'autonomous-system', number: 64496 }, 'autonomous-system', '64496'],
  ])('reads %j', (sco, type, value) => {
    expect(observablesFromSco(sco)).toEqual([expect.objectContaining({ type, value })]);
  });

  it('reads every hash of a file, artifact or certificate', () => {
    expect(observablesFromSco({ type: 'file', name: 'x.exe', hashes: { 'SHA-256': SHA256.toUpperCase(), MD5 } })).toEqual([
      { type: 'file', value: SHA256, hashAlgorithm: 'SHA-256', path: `file:hashes.'SHA-256'` },
      { type: 'file', value: MD5, hashAlgorithm: 'MD5', path: 'file:hashes.MD5' },
    ]);
    expect(observablesFromSco({ type: 'artifact', hashes: { md5: MD5 } })).toEqual([
      { type: 'artifact', value: MD5, hashAlgorithm: 'MD5', path: 'artifact:hashes.md5' },
    ]);
    expect(observablesFromSco({ type: 'x509-certificate', hashes: { 'SHA-256': SHA256 }, serial_number: '4C:0B' })).toEqual([
      { type: 'x509-certificate', value: SHA256, hashAlgorithm: 'SHA-256', path: `x509-certificate:hashes.'SHA-256'` },
      { type: 'x509-certificate', value: '4c:0b', path: 'x509-certificate:serial_number' },
    ]);
  });

  it('meets the observables of the matching pattern', () => {
    const fromSco = observablesFromSco({ type: 'file', hashes: { 'SHA-256': SHA256.toUpperCase() } });
    const fromPattern = observablesFromPattern(`[file:hashes.'SHA-256' = '${SHA256}']`);
    expect(fromSco).toEqual(fromPattern);
  });

  it('ignores other objects, missing or malformed values', () => {
    expect(observablesFromSco({ type: 'mutex', name: 'x' })).toEqual([]);
    expect(observablesFromSco({ type: 'ipv4-addr', value: 'nope' })).toEqual([]);
    expect(observablesFromSco({ type: 'ipv4-addr' })).toEqual([]);
    expect(observablesFromSco({ type: 'file', hashes: 'not an object' })).toEqual([]);
    expect(observablesFromSco({ type: 'file', hashes: { MD5: 42 } })).toEqual([]);
    expect(observablesFromSco({ value: '10.0.0.1' })).toEqual([]);
    expect(observablesFromSco(null as unknown as Record<string, unknown>)).toEqual([]);
  });
});
