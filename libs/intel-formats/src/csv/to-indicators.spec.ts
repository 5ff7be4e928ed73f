import { readFileSync } from 'node:fs';
import { parsePattern, validateObject } from '@hub/stix';
import { FormatError } from '../common/issues';
import { collect } from '../common/iterables';
import { parseCsvMapping, type CsvMapping } from './mapping';
import { csvBytesToIndicators, csvToIndicators, type CsvImportEvent } from './to-indicators';

const fixture = (name: string) => readFileSync(new URL(`../../test/csv/${name}`, import.meta.url));
const now = new Date('2026-11-05T10:00:00.000Z');

function mapping(input: unknown): CsvMapping {
  const parsed = parseCsvMapping(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.mapping;
}

const firewallMapping = mapping({
  value: 'indicator',
  type: 'Type',
  description: 'description',
  labels: 'tags',
  valid_from: 'first_seen',
  valid_until: 'expires',
  confidence: 'confidence',
});

async function run(text: string | Uint8Array, map: CsvMapping): Promise<CsvImportEvent[]> {
  return collect(typeof text === 'string' ? csvToIndicators([text], map, { now }) : csvBytesToIndicators([text], map, { now }));
}

describe('csvToIndicators', () => {
  it('turns a firewall export into indicators and reports the broken rows by number', async () => {
    const results = await run(fixture('firewall-export.csv'), firewallMapping);
    const good = results.filter((result) => result.ok);
    const bad = results.filter((result) => !result.ok);
    expect(good.map((result) => result.ok && result.indicator.pattern)).toEqual([
      "[ipv4-addr:value = '185.220.101.47']",
      "[domain-name:value = 'medsupply-invoices.com']",
      "[url:value = 'https://medsupply-invoices.com/download/invoice.php?id=44721']",
      "[file:hashes.'SHA-256' = '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b']",
      "[email-addr:value = 'billing@medsupply-invoices.com']",
      "[ipv6-addr:value = '2001:db8::8:800:200c:417a']",
    ]);
    expect(bad).toEqual([
      { ok: false, record: 6, line: 7, errors: [{ path: 'row 6.value', message: "'not-an-ip' is not a valid ipv4-addr value (expected 203.0.113.5 or 198.51.100.0/24)" }] },
      {
        ok: false,
        record: 7,
        line: 8,
        errors: [
          { path: 'row 7.valid_from', message: "'2026-13-45' is not an ISO 8601 date or date-time (e.g. 2026-11-03 or 2026-11-03T09:14:02Z)" },
          { path: 'row 7.confidence', message: "'101' is not a whole number from 0 to 100" },
        ],
      },
    ]);
    for (const result of good) expect(result.ok && validateObject(result.indicator).ok).toBe(true);
  });

  it('names each indicator with the id the importer asks for (broken rows counted) and hands on the validation it made', async () => {
    const results = await collect(
      csvToIndicators(['value,type\n203.0.113.5,ip\nnot-an-ip,ip\nevil.example.com,domain\n'], mapping({ value: 'value', type: 'type' }), {
        now,
        idFor: (position) => `indicator--00000000-0000-4000-8000-00000000000${position}`,
      }),
    );
    expect(results.map((result) => (result.ok ? result.indicator.id : 'broken'))).toEqual([
      'indicator--00000000-0000-4000-8000-000000000000',
      'broken',
      'indicator--00000000-0000-4000-8000-000000000002',
    ]);
    for (const result of results) {
      if (!result.ok) continue;
      // The very object validated: the ingestion may take the validation instead of repeating it.
      expect(result.validation.ok).toBe(true);
      expect(result.validation.object).toBe(result.indicator);
      expect(result.indicator.created).toBe('2026-11-05T10:00:00.000Z');
    }
  });

  it('maps every column onto the indicator', async () => {
    const [first, second, third] = await run(fixture('firewall-export.csv'), firewallMapping);
    expect(first).toMatchObject({
      ok: true,
      record: 2,
      line: 2,
      observable: { type: 'ipv4-addr', value: '185.220.101.47' },
      indicator: {
        type: 'indicator',
        spec_version: '2.1',
        name: '185.220.101.47',
        description: 'QakBot C2, seen on port 443',
        labels: ['qakbot', 'c2'],
        valid_from: '2026-11-01T00:00:00.000Z',
        valid_until: '2026-12-01T00:00:00.000Z',
        confidence: 80,
        pattern_type: 'stix',
        created: '2026-11-05T10:00:00.000Z',
      },
    });
    expect(second).toMatchObject({ indicator: { description: 'Phishing landing page "invoice" lure', valid_from: '2026-11-02T08:00:00.000Z' } });
    expect(third).toMatchObject({ line: 4, indicator: { description: 'Multi-line\r\ncomment from the analyst', labels: ['phishing', 'malware-delivery'], valid_from: '2026-11-05T10:00:00.000Z' } });
  });

  it('reads UTF-8 with a BOM and semicolons, columns by number, header detected', async () => {
    const results = await run(fixture('semicolon-bom.csv'), mapping({ value: 1, observable_type: 'ipv4-addr', description: 3 }));
    expect(results.map((result) => result.ok && [result.record, result.indicator.pattern, result.indicator.description])).toEqual([
      [2, "[ipv4-addr:value = '198.51.100.0/24']", 'Sinkhole'],
      [3, "[ipv4-addr:value = '45.137.21.9']", 'C2'],
    ]);
  });

  it('takes the first row as data when it holds an observable and no header is named', async () => {
    const results = await run('203.0.113.5\n203.0.113.6\n', mapping({ value: 1, observable_type: 'ip' }));
    expect(results.map((result) => result.record)).toEqual([1, 2]);
  });

  it.each<[string, Buffer]>([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('value\r\névil.example.com\r\n', 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('value\r\névil.example.com\r\n', 'utf16le').swap16()])],
    ['UTF-8 without BOM', Buffer.from('value\névil.example.com\n', 'utf8')],
  ])('decodes %s', async (_name, bytes) => {
    const results = await run(bytes, mapping({ value: 'value', observable_type: 'domain' }));
    expect(results).toEqual([expect.objectContaining({ ok: true, indicator: expect.objectContaining({ pattern: "[domain-name:value = 'évil.example.com']" }) })]);
  });

  it.each<[string, Uint8Array, string]>([
    ['empty input', new Uint8Array(0), 'EMPTY_INPUT'],
    ['only blanks', Buffer.from(' \r\n\t\n'), 'EMPTY_INPUT'],
    ['a BOM and nothing else', Buffer.from([0xef, 0xbb, 0xbf]), 'EMPTY_INPUT'],
    ['NUL bytes (a binary file)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'BINARY_INPUT'],
    ['UTF-16 without BOM', Buffer.from('value\n1.2.3.4\n', 'utf16le'), 'BINARY_INPUT'],
    ['invalid UTF-8', Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0xfd, 0x0a]), 'INVALID_ENCODING'],
  ])('refuses %s', async (_name, bytes, code) => {
    const error = await run(bytes, mapping({ value: 1, observable_type: 'ip' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code });
  });

  it('refuses, before any row, a mapping that names columns the file lacks', async () => {
    const results = await run(fixture('firewall-export.csv'), mapping({ value: 'ioc', observable_type: 'ip', labels: 'Tags' }));
    expect(results).toEqual([
      { ok: false, record: 0, line: 0, fatal: true, errors: [{ path: 'mapping.value', message: "column 'ioc' is not in the file (the header has: indicator, type, description, tags, first_seen, expires, confidence)" }] },
    ]);
  });

  it.each<[string, string, string]>([
    ['an empty value', ',ip\n', 'row 1.value'],
    ['an empty type', '203.0.113.5,\n', 'row 1.type'],
    ['an unknown type', '203.0.113.5,printer\n', 'row 1.type'],
    ['a type named like what every object inherits', '203.0.113.5,constructor\n', 'row 1.type'],
    ['a hash of the wrong length for its algorithm', `${'a'.repeat(64)},md5\n`, 'row 1.value'],
    ['valid_until before valid_from', '203.0.113.5,ip,2026-12-01,2026-11-01\n', 'row 1.valid_until'],
  ])('reports %s on its row', async (_name, text, path) => {
    const results = await run(text, mapping({ value: 1, type: 2, valid_from: 3, valid_until: 4, header: false }));
    expect(results).toEqual([expect.objectContaining({ ok: false, record: 1, errors: [expect.objectContaining({ path })] })]);
  });

  it('writes patterns that the STIX pattern parser accepts, hostile quotes included', async () => {
    const results = await run("value\nhttps://evil.example.com/a'b\\c\n", mapping({ value: 'value', observable_type: 'url' }));
    const [result] = results;
    expect(result.ok && result.indicator.pattern).toBe("[url:value = 'https://evil.example.com/a\\'b\\\\c']");
    expect(result.ok && parsePattern(result.indicator.pattern).ok).toBe(true);
  });
});

describe('parseCsvMapping', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['no value column', { observable_type: 'ip' }, [{ path: 'mapping.value', message: expect.any(String) }]],
    ['neither type nor observable_type', { value: 1 }, [{ path: 'mapping.type', message: 'give either a type column (type) or one type for every row (observable_type)' }]],
    ['both type and observable_type', { value: 1, type: 2, observable_type: 'ip' }, [{ path: 'mapping.observable_type', message: 'give a type column (type) or observable_type, not both' }]],
    ['column 0', { value: 0, observable_type: 'ip' }, [{ path: 'mapping.value', message: 'column numbers start at 1' }]],
    ['an unknown key', { value: 1, observable_type: 'ip', colour: 'red' }, [{ path: 'mapping', message: expect.stringContaining('colour') }]],
    ['a named column without a header', { value: 'ioc', observable_type: 'ip', header: false }, [{ path: 'mapping.value', message: 'without a header row, columns are named by number' }]],
    ['a bad delimiter', { value: 1, observable_type: 'ip', delimiter: '|' }, [{ path: 'mapping.delimiter', message: expect.any(String) }]],
    ['an unknown observable_type', { value: 1, observable_type: 'ipv5' }, [{ path: 'mapping.observable_type', message: expect.stringMatching(/^'ipv5' is not an observable type the hub knows/) }]],
    ['a type named like what every object inherits', { value: 1, observable_type: 'constructor' }, [{ path: 'mapping.observable_type', message: expect.stringMatching(/^'constructor' is not an observable type/) }]],
  ])('refuses %s', (_name, input, errors) => {
    expect(parseCsvMapping(input)).toEqual({ ok: false, errors });
  });

  it.each(['ip', 'IPv4-Addr', 'fqdn', 'sha256', 'md5', 'email', 'url', 'file'])('takes the observable_type %s', (type) => {
    expect(parseCsvMapping({ value: 1, observable_type: type }).ok).toBe(true);
  });

  it('accepts a minimal mapping with defaults', () => {
    expect(parseCsvMapping({ value: 'ioc', type: 'kind' })).toEqual({ ok: true, mapping: { value: 'ioc', type: 'kind', header: 'auto' } });
  });
});
