import { parsePattern, validateObject } from '@hub/stix';
import { decodeText, detectEncoding } from './decode';
import { FormatError } from './issues';
import { batches, collect, joinText } from './iterables';
import { patternForObservable, scoForObservable, typedObservable } from './observable-pattern';

const bytesInChunksOf = (bytes: Uint8Array, size: number) => {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
};

describe('decodeText', () => {
  const text = 'naïve €uro, 日本語\r\nline two';
  it.each<[string, Buffer]>([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ])('decodes %s whatever the chunking, characters split across chunks included', async (_name, bytes) => {
    for (const size of [1, 2, 3, 5, 1000]) expect(await joinText(decodeText(bytesInChunksOf(bytes, size)))).toBe(text);
  });

  it.each<[string, number[], string]>([
    ['nothing', [], 'EMPTY_INPUT'],
    ['whitespace', [0x20, 0x0a], 'EMPTY_INPUT'],
    ['a UTF-16 BOM alone', [0xff, 0xfe], 'EMPTY_INPUT'],
    ['a NUL late in the file', [...Buffer.from('a,b\n'.repeat(10)), 0x00], 'BINARY_INPUT'],
    ['a truncated UTF-8 sequence at the end', [0x61, 0x62, 0xc3], 'INVALID_ENCODING'],
    ['Latin-1 text', [...Buffer.from('caf'), 0xe9, 0x0a], 'INVALID_ENCODING'],
    ['a program (an ELF header, then bytes that are not UTF-8)', [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xb0, 0xff, 0x3e], 'BINARY_INPUT'],
    ['an archive (a ZIP header)', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00, 0xe9, 0x8f], 'BINARY_INPUT'],
  ])('refuses %s', async (_name, bytes, code) => {
    const error = await joinText(decodeText([Uint8Array.from(bytes)])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code });
  });

  it.each<[string, number[][], number]>([
    ['Latin-1 after text', [[...Buffer.from('ok,f')], [...Buffer.from('ine\nm'), 0xfc, ...Buffer.from('nchen')]], 9],
    ['a character cut across chunks and never finished', [[...Buffer.from('abcd'), 0xc3], [...Buffer.from('Abcdefgh')]], 4],
    ['a bad byte after a character split across chunks', [[...Buffer.from('abc'), 0xc3], [0xa9, ...Buffer.from(' ok '), 0xff]], 9],
    ['a bad byte after a byte order mark', [[0xef, 0xbb, 0xbf, 0x41, 0x42, 0xff]], 5],
    ['a character cut off at the very end', [[...Buffer.from('abcdef'), 0xe2, 0x82]], 6],
  ])('names the byte in the whole input where the text stops being UTF-8: %s', async (_case, chunks, at) => {
    const error = await joinText(decodeText(chunks.map((chunk) => Uint8Array.from(chunk)))).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INVALID_ENCODING', message: `the input is not valid UTF-8 text (at byte ${at})` });
  });

  it('detects the encoding from the byte order mark only', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(Uint8Array.from([0xfe, 0xff, 0x00, 0x41]))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(detectEncoding(Uint8Array.from([0x41, 0x42]))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });
});

describe('batches', () => {
  it('groups a stream, the last batch holding the rest', async () => {
    expect(await collect(batches([1, 2, 3, 4, 5], 2))).toEqual([[1, 2], [3, 4], [5]]);
    expect(await collect(batches([], 2))).toEqual([]);
    await expect(collect(batches([1], 0))).rejects.toThrow(RangeError);
  });
});

describe('typedObservable and patterns', () => {
  it.each<[string, string, string]>([
    ['ip', '203.0.113.5', "[ipv4-addr:value = '203.0.113.5']"],
    ['IP', '2001:DB8::1', "[ipv6-addr:value = '2001:db8::1']"],
    ['domain', 'Evil.Example.com.', "[domain-name:value = 'evil.example.com']"],
    ['hostname', 'cdn.evil.example', "[domain-name:value = 'cdn.evil.example']"],
    ['email', 'A@B.example', "[email-addr:value = 'a@b.example']"],
    ['url', "https://x.example/it's", "[url:value = 'https://x.example/it\\'s']"],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']"],
    ['sha-1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"],
    ['hash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
    ['asn', 'AS64496', '[autonomous-system:number = 64496]'],
    ['mac', '00-1A-2B-3C-4D-5E', "[mac-addr:value = '00:1a:2b:3c:4d:5e']"],
    ['ip-dst', '198.51.100.7', "[ipv4-addr:value = '198.51.100.7']"],
    ['IP Address', '198.51.100.8', "[ipv4-addr:value = '198.51.100.8']"],
    ['FQDN', 'mail.evil.example', "[domain-name:value = 'mail.evil.example']"],
  ])('%s %s', (type, value, pattern) => {
    const typed = typedObservable(type, value);
    if ('error' in typed) throw new Error(typed.error);
    expect(patternForObservable(typed)).toBe(pattern);
    expect(parsePattern(pattern).ok).toBe(true);
    expect(validateObject(scoForObservable(typed)).errors).toEqual([]);
  });

  it.each<[string, string]>([
    ['md5', 'xyz'],
    ['file', 'abc123'],
    ['sha256', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['printer', 'x'],
    ['ip', '300.1.1.1'],
  ])('refuses %s %s', (type, value) => {
    expect(typedObservable(type, value)).toEqual({ error: expect.any(String) });
  });

  it('gives an observable the same id every time (STIX 2.1 deterministic ids)', () => {
    const typed = typedObservable('domain', 'evil.example.com');
    if ('error' in typed) throw new Error(typed.error);
    expect(scoForObservable(typed).id).toBe(scoForObservable(typed).id);
    expect(scoForObservable(typed).id).toMatch(/^domain-name--[0-9a-f-]{36}$/);
  });
});
