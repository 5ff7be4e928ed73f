import { buildPattern, classifyValue, stixString } from './pattern-builder';

describe('pattern builder', () => {
  it.each([
    ['203.0.113.7', "[ipv4-addr:value = '203.0.113.7']"],
    ['10.0.0.0/8', "[ipv4-addr:value ISSUBSET '10.0.0.0/8']"],
    ['2001:DB8::1', "[ipv6-addr:value = '2001:db8::1']"],
    ['2001:db8::/32', "[ipv6-addr:value ISSUBSET '2001:db8::/32']"],
    ['::ffff:192.0.2.1', "[ipv6-addr:value = '::ffff:192.0.2.1']"],
    ['Evil.Example.COM', "[domain-name:value = 'evil.example.com']"],
    ['evil[.]example[.]com', "[domain-name:value = 'evil.example.com']"],
    ['https://evil.example/login?next=/a', "[url:value = 'https://evil.example/login?next=/a']"],
    ['hxxps://evil[.]example/x', "[url:value = 'https://evil.example/x']"],
    ['Phish@Evil.Example', "[email-addr:value = 'phish@evil.example']"],
    ['d41d8cd98f00b204e9800998ecf8427e', "[file:hashes.'MD5' = 'd41d8cd98f00b204e9800998ecf8427e']"],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"],
    ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"],
  ])('builds the pattern for %s', (value, pattern) => {
    expect(buildPattern(value)).toEqual({ pattern, values: [classifyValue(value)], problems: [] });
  });

  it.each(['256.1.1.1', '1.2.3.4/33', '1.2.3', 'not a value', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', 'ftp//x', 'a@b', "it's.example'--", 'abc123'])('does not recognise %s', (value) => {
    expect(classifyValue(value)).toBeUndefined();
  });

  it('joins several values with OR, drops repeats and blank lines, and names the line of each value it cannot use', () => {
    const built = buildPattern('203.0.113.7\n\nevil.example\n203.0.113.7\nnonsense here\n');
    expect(built.pattern).toBe("[ipv4-addr:value = '203.0.113.7'] OR [domain-name:value = 'evil.example']");
    expect(built.problems).toEqual([{ line: 5, message: expect.stringContaining('nonsense here') }]);
  });

  it('escapes quotes and backslashes in string literals', () => {
    expect(stixString("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(buildPattern("https://evil.example/it's").pattern).toBe("[url:value = 'https://evil.example/it\\'s']");
  });

  it('is empty for no input', () => {
    expect(buildPattern('  \n ')).toEqual({ pattern: '', values: [], problems: [] });
  });
});
