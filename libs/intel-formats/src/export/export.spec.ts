import { parseCsv } from '../csv/parser';
import { collect, joinText } from '../common/iterables';
import { csvField, writeCsv } from './csv';
import { writeIdsRules, writeSnortRules, writeSuricataRules } from './ids-rules';
import type { ExportObservable } from './items';
import { contentString, dnsWireContent, msgString, SidAllocator } from './rule-text';
import { writeRpz } from './rpz';
import { writeValueList } from './values';

const MD5 = '44d88612fea8a8f36de82e1278abb02f';
const SHA256 = '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b';
const SHA512 = 'a'.repeat(128);

let counter = 0;
function indicator(pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    created: '2026-11-01T00:00:00.000Z',
    modified: '2026-11-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
}

const hostileUrl = `http://evil.example.com/a";sid:1;\\x|y?q='1'`;
const objects = [
  indicator("[ipv4-addr:value = '185.220.101.47']", { name: 'QakBot C2', confidence: 80, labels: ['qakbot', 'c2'] }),
  indicator("[ipv6-addr:value = '2001:DB8::1'] OR [ipv4-addr:value = '198.51.100.0/24']"),
  indicator("[domain-name:value = 'medsupply-invoices.com']"),
  indicator("[domain-name:value = 'évil.example']"),
  indicator("[url:value = 'http://medsupply-invoices.com/download/invoice.php?id=44721']"),
  indicator("[url:value = 'https://update-checker.org/gate.php']"),
  indicator("[url:value = 'https://203.0.113.9/x']"),
  indicator(`[url:value = '${hostileUrl.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`),
  indicator(`[file:hashes.MD5 = '${MD5}' OR file:hashes.'SHA-256' = '${SHA256}']`),
  indicator(`[file:hashes.'SHA-512' = '${SHA512}']`),
  indicator("[email-addr:value = 'billing@medsupply-invoices.com']"),
  indicator("[ipv4-addr:value = '185.220.101.47']"),
  indicator('[process:pid = 4]'),
  { type: 'domain-name', spec_version: '2.1', id: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5', value: 'qbot-c2.net' },
  { type: 'note', id: 'note--1', content: 'not an observable' },
  { type: 'indicator', id: 'indicator--y', pattern: 'rule x { condition: true }', pattern_type: 'yara' },
];

async function* asStream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Splits a rule's option list, honouring quotes and backslash escapes, as the engines do. */
function ruleOptions(line: string): [string, string | undefined][] {
  const match = /^alert [a-z0-9-]+ \S+ \S+ (?:->|<>) \S+ \S+ \((.*)\)$/.exec(line);
  if (!match) throw new Error(`not a rule line: ${line}`);
  const options: [string, string | undefined][] = [];
  let rest = match[1];
  while (rest.length > 0) {
    const option = /^ ?([a-z0-9_.]+)(?::((?:"(?:[^"\\]|\\.)*"|[^;"])*))?;/.exec(rest);
    if (!option) throw new Error(`unparseable options: ${rest}`);
    options.push([option[1], option[2]]);
    rest = rest.slice(option[0].length);
  }
  return options;
}

describe('writeCsv', () => {
  it('writes one RFC 4180 row per observable, which the CSV parser reads back', async () => {
    const text = await joinText(writeCsv(objects));
    const records = await collect(parseCsv([text]));
    expect(records[0].fields).toEqual(['type', 'value', 'hash_algorithm', 'source_id', 'name', 'valid_from', 'valid_until', 'confidence', 'labels']);
    expect(records[1].fields).toEqual(['ipv4-addr', '185.220.101.47', '', objects[0].id, 'QakBot C2', '2026-11-01T00:00:00.000Z', '', '80', 'qakbot|c2']);
    expect(records.map((record) => record.fields[1])).toContain(hostileUrl);
    expect(records.map((record) => record.fields.slice(0, 3))).toContainEqual(['file', MD5, 'MD5']);
    expect(text.split('\r\n').length).toBe(records.length + 1);
  });

  it.each<[string, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('csvField(%j) = %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('writeValueList', () => {
  it.each<[string, Parameters<typeof writeValueList>[1], string]>([
    ['addresses', { types: ['ipv4-addr', 'ipv6-addr'] }, '185.220.101.47\n2001:db8::1\n198.51.100.0/24\n'],
    ['domains, SCOs included, IDNs in punycode as firewalls read them', { types: ['domain-name'] }, 'medsupply-invoices.com\nxn--vil-9la.example\nqbot-c2.net\n'],
    ['MD5 hashes (a Suricata list file)', { types: ['file'], hashAlgorithms: ['MD5'] }, `${MD5}\n`],
    ['SHA-256 hashes', { types: ['file'], hashAlgorithms: ['SHA-256'] }, `${SHA256}\n`],
  ])('%s', async (_name, options, expected) => {
    expect(await joinText(writeValueList(asStream(objects), options))).toBe(expected);
  });

  it('lists every value once, one per line', async () => {
    const lines = (await joinText(writeValueList(objects))).trimEnd().split('\n');
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toContain(hostileUrl);
  });
});

describe('writeSuricataRules', () => {
  const skipped: [ExportObservable, string][] = [];
  let text: string;
  beforeAll(async () => {
    text = await joinText(writeSuricataRules(asStream(objects), { onSkip: (observable, reason) => skipped.push([observable, reason]) }));
  });
  const rules = () => text.split('\n').filter((line) => line.startsWith('alert'));

  it('writes the expected rules', () => {
    expect(text).toContain(`alert ip $HOME_NET any <> 185.220.101.47 any (msg:"HUB IOC address 185.220.101.47"; classtype:trojan-activity; metadata:stix_id ${objects[0].id}; sid:`);
    expect(text).toContain('alert ip $HOME_NET any <> 2001:db8::1 any (');
    expect(text).toContain('alert ip $HOME_NET any <> 198.51.100.0/24 any (');
    expect(text).toContain('(msg:"HUB IOC DNS query for medsupply-invoices.com"; dns.query; dotprefix; content:".medsupply-invoices.com"; nocase; endswith;');
    expect(text).toContain('(msg:"HUB IOC TLS SNI medsupply-invoices.com"; tls.sni; dotprefix; content:".medsupply-invoices.com"; nocase; endswith;');
    expect(text).toContain('dns.query; dotprefix; content:".xn--vil-9la.example"; nocase; endswith;');
    expect(text).toContain(
      'alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"HUB IOC URL medsupply-invoices.com/download/invoice.php?id=44721"; flow:established,to_server; http.host; content:"medsupply-invoices.com"; bsize:22; http.uri; content:"/download/invoice.php?id=44721"; startswith;',
    );
    expect(text).toContain('tls.sni; dotprefix; content:".update-checker.org"; nocase; endswith;');
    expect(text).toContain('alert ip $HOME_NET any <> 203.0.113.9 any (');
    expect(text).toContain('alert http any any -> any any (msg:"HUB IOC file MD5 on list hub-md5.list (http)"; filemd5:hub-md5.list;');
    expect(text).toContain('alert smtp any any -> any any (msg:"HUB IOC file SHA-256 on list hub-sha256.list (smtp)"; filesha256:hub-sha256.list;');
    expect(text).not.toContain('filesha1');
  });

  it('escapes hostile values: quotes, semicolons, backslashes and pipes never reach the rule text raw', () => {
    const line = rules().find((rule) => rule.includes('/a'))!;
    expect(line).toContain('msg:"HUB IOC URL evil.example.com/a\\"\\;sid:1\\;\\\\x|y?q=\'1\'";');
    expect(line).toContain('content:"/a|22 3B|sid|3A|1|3B 5C|x|7C|y?q=\'1\'"; startswith;');
    const options = ruleOptions(line);
    expect(options.filter(([name]) => name === 'sid')).toHaveLength(1);
    expect(options.map(([name]) => name)).toEqual(['msg', 'flow', 'http.host', 'content', 'bsize', 'http.uri', 'content', 'startswith', 'classtype', 'metadata', 'sid', 'rev']);
  });

  it('writes one well-formed rule per line, each with a unique sid in the range', () => {
    const sids = rules().map((line) => {
      const options = ruleOptions(line);
      expect(options.filter(([name]) => name === 'sid')).toHaveLength(1);
      return Number(options.find(([name]) => name === 'sid')![1]);
    });
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid >= 1_000_000 && sid < 2_000_000).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps sids stable from one export to the next, whatever else changes', async () => {
    const sidOf = (rulesText: string, needle: string) => /sid:(\d+);/.exec(rulesText.split('\n').find((line) => line.includes(needle))!)![1];
    const again = await joinText(writeSuricataRules([...objects].reverse()));
    const alone = await joinText(writeSuricataRules([objects[2]]));
    expect(sidOf(again, 'DNS query for medsupply')).toBe(sidOf(text, 'DNS query for medsupply'));
    expect(sidOf(alone, 'DNS query for medsupply')).toBe(sidOf(text, 'DNS query for medsupply'));
  });

  it('writes each rule once even when several indicators name the value', () => {
    expect(rules().filter((line) => line.includes('<> 185.220.101.47 '))).toHaveLength(1);
  });

  it('says what it skipped and why', () => {
    expect(skipped.map(([observable, reason]) => [observable.type, reason])).toEqual([
      ['file', 'Suricata has no file keyword for SHA-512'],
      ['email-addr', 'no suricata rule for email-addr'],
    ]);
  });

  it('skips values that would break a line rather than writing them', async () => {
    const reasons: string[] = [];
    const hostile = [
      { observable: { type: 'url', value: 'http://a.example/x\nalert ip any any -> any any (sid:1;)' } },
      { observable: { type: 'domain-name', value: 'a.example\r\nalert' } },
      { observable: { type: 'ipv4-addr', value: '1.2.3.4 any -> any any (sid:1;)' } },
    ];
    const written = await joinText(writeSuricataRules(hostile, { onSkip: (_observable, reason) => reasons.push(reason) }));
    expect(written.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([]);
    expect(reasons).toHaveLength(3);
  });

  it('honours the sid range and refuses hostile option values', async () => {
    const small = await joinText(writeSuricataRules([objects[0]], { sidBase: 5000, sidRange: 10 }));
    expect(Number(/sid:(\d+)/.exec(small)![1])).toBeGreaterThanOrEqual(5000);
    await expect(joinText(writeSuricataRules([objects[8]], { hashListFiles: { MD5: 'x; sid:1' } }))).rejects.toThrow(RangeError);
  });
});

describe('writeSnortRules', () => {
  it('writes DNS rules in wire form, HTTP rules with http_header/http_uri, and no hash rules', async () => {
    const skipped: string[] = [];
    const text = await joinText(writeSnortRules(objects, { onSkip: (_observable, reason) => skipped.push(reason) }));
    expect(text).toContain('alert udp $HOME_NET any -> any 53 (msg:"HUB IOC DNS query for medsupply-invoices.com"; content:"|12 6D 65 64 73 75 70 70 6C 79 2D 69 6E 76 6F 69 63 65 73 03 63 6F 6D 00|"; nocase; fast_pattern;');
    expect(text).toContain('alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:"HUB IOC URL medsupply-invoices.com/download/invoice.php?id=44721"; flow:established,to_server; content:"medsupply-invoices.com"; http_header; nocase; content:"/download/invoice.php?id=44721"; http_uri;');
    expect(text).not.toContain('filemd5');
    expect(skipped).toEqual(expect.arrayContaining(['Snort rules cannot match file hashes', 'https URLs are encrypted: Snort rules here cannot match them']));
    for (const line of text.split('\n').filter((rule) => rule.startsWith('alert'))) ruleOptions(line);
  });

  it('gives Snort and Suricata rules sids of their own keys', async () => {
    const snort = await joinText(writeIdsRules([objects[0]], 'snort'));
    const suricata = await joinText(writeIdsRules([objects[0]], 'suricata'));
    expect(/sid:\d+/.exec(snort)).not.toEqual(/sid:\d+/.exec(suricata));
  });
});

describe('rule text helpers', () => {
  it.each<[string, string]>([
    ['evil.example', '"evil.example"'],
    ['a"b', '"a|22|b"'],
    ['a;b', '"a|3B|b"'],
    ['a\\b', '"a|5C|b"'],
    ['a|b', '"a|7C|b"'],
    ['a\r\nb', '"a|0D 0A|b"'],
    ['é', '"|C3 A9|"'],
    ['a:b', '"a|3A|b"'],
  ])('contentString(%j) = %s', (value, content) => {
    expect(contentString(value)).toBe(content);
  });

  it.each<[string, string]>([
    ['plain text', '"plain text"'],
    ['a"b;c\\d', '"a\\"b\\;c\\\\d"'],
    ['line\nbreak\r', '"line?break?"'],
    ['é', '"?"'],
  ])('msgString(%j) = %s', (value, msg) => {
    expect(msgString(value)).toBe(msg);
  });

  it('never lets a quote, semicolon, backslash, pipe or line break through raw, for any text', () => {
    // A fixed-seed generator: the same 3000 hostile strings every run.
    let seed = 20261105;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = ['"', ';', '\\', '|', '\n', '\r', ':', ' ', 'a', 'Z', '9', 'é', '\u2028', '\u0000', '(', ')', "'", '$'];
    for (let i = 0; i < 3000; i++) {
      const value = Array.from({ length: 1 + Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(contentString(value)).toMatch(/^"(?:[^"\\;|\r\n:]|\|[0-9A-F]{2}(?: [0-9A-F]{2})*\|)*"$/);
      expect(msgString(value)).toMatch(/^"(?:[\x20-\x7e](?<![\\";])|\\[\\";])*"$/);
    }
  });

  it('encodes DNS names in wire form', () => {
    expect(dnsWireContent('evil.example')).toBe('"|04 65 76 69 6C 07 65 78 61 6D 70 6C 65 00|"');
  });

  it('allocates stable sids and probes past collisions', () => {
    const first = new SidAllocator(100, 3);
    const a = first.allocate('a');
    const b = first.allocate('a-again');
    const c = first.allocate('a');
    expect(new Set([a, b, c]).size).toBe(3);
    expect(new SidAllocator(100, 3).allocate('a')).toBe(a);
    expect(() => first.allocate('d')).toThrow(/more than 3 rules/);
    expect(() => new SidAllocator(0, 10)).toThrow(RangeError);
  });
});

describe('writeRpz', () => {
  it('writes a zone with SOA, NS and a CNAME . record per domain and its subdomains', async () => {
    const text = await joinText(writeRpz(asStream(objects), { serial: 2026110501, nameServer: 'ns1.hub.example.', hostmaster: 'dns.hub.example.' }));
    expect(text).toBe(
      [
        '; Response-policy zone exported by the threat-information sharing hub',
        '$TTL 300',
        '@ IN SOA ns1.hub.example. dns.hub.example. ( 2026110501 3600 600 86400 300 )',
        '@ IN NS ns1.hub.example.',
        'medsupply-invoices.com CNAME .',
        '*.medsupply-invoices.com CNAME .',
        'xn--vil-9la.example CNAME .',
        '*.xn--vil-9la.example CNAME .',
        'qbot-c2.net CNAME .',
        '*.qbot-c2.net CNAME .',
        '',
      ].join('\n'),
    );
  });

  it('takes the serial from the clock, and can leave subdomains alone', async () => {
    const text = await joinText(writeRpz([objects[2]], { now: new Date('2026-11-05T10:00:00Z'), includeSubdomains: false }));
    expect(text).toContain('( 1793872800 3600 600 86400 300 )');
    expect(text).not.toContain('*.');
  });

  it('never lets a hostile name or option into the zone', async () => {
    const skipped: string[] = [];
    const hostile = [
      { observable: { type: 'domain-name', value: 'evil.example\n@ IN NS attacker.example.' } },
      { observable: { type: 'domain-name', value: 'a；b.example' } },
      { observable: { type: 'domain-name', value: '$INCLUDE.example' } },
    ];
    const text = await joinText(writeRpz(hostile, { serial: 1, onSkip: (observable) => skipped.push(observable.value) }));
    expect(text.split('\n').filter((line) => line.includes('CNAME'))).toEqual([]);
    expect(skipped).toEqual(['evil.example\n@ IN NS attacker.example.', 'a；b.example', '$INCLUDE.example']);
    await expect(joinText(writeRpz([], { nameServer: 'ns1.example.\n$INCLUDE /etc/passwd' }))).rejects.toThrow(RangeError);
    await expect(joinText(writeRpz([], { ttl: -1 }))).rejects.toThrow(RangeError);
  });
});
