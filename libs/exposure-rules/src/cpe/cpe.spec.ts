import { advisoryCpeCovers, compareAttribute, compareNames, type AttributeRelation, type NameRelation } from './compare';
import { ANY, NA, formatCpe, parseCpe, parseFormattedString, parseUri, type Wfn } from './wfn';

function wfn(text: string): Wfn {
  const result = parseCpe(text);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.wfn;
}

describe('CPE 2.3 formatted string binding (NISTIR 7695 section 6.2)', () => {
  it.each<[string, Partial<Wfn>]>([
    ['cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', { part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8\\.0\\.6001', update: 'beta', edition: ANY }],
    ['cpe:2.3:a:Microsoft:Internet_Explorer:8.*:sp?:*:*:*:*:*:*', { vendor: 'microsoft', version: '8\\.*', update: 'sp?' }],
    ['cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*', { update: NA, sw_edition: 'online', target_sw: 'win2003', target_hw: 'x64' }],
    ['cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:ipod_touch:80gb:*', { vendor: 'foo\\\\bar', product: 'big\\$money_manager_2010' }],
    ['cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*', { version: '7\\.51', target_sw: 'linux' }],
    ['cpe:2.3:a:vendor:prod\\:uct:1\\_0:*:*:en-us:*:*:*:*', { product: 'prod\\:uct', version: '1_0', language: 'en\\-us' }],
    ['cpe:2.3:a:vendor:product:\\*1:*:*:*:*:*:*:*', { version: '\\*1' }],
    ['cpe:2.3:a:vendor:product:??:*:*:*:*:*:*:*', { version: '??' }],
  ])('parses %s', (text, expected) => {
    const result = parseFormattedString(text);
    expect(result).toMatchObject({ ok: true, wfn: expected });
  });

  it.each<[string, RegExp]>([
    ['cpe:2.3:a:vendor:product', /13 colon-separated components/],
    ['cpe:2.2:a:vendor:product:1:*:*:*:*:*:*:*', /cpe:2\.3/],
    ['cpe:2.3:x:vendor:product:1:*:*:*:*:*:*:*', /part/],
    ['cpe:2.3:a:ven dor:product:1:*:*:*:*:*:*:*', /printable ASCII/],
    ['cpe:2.3:a:vendor:pro*duct:1:*:*:*:*:*:*:*', /wildcard "\*" inside/],
    ['cpe:2.3:a:vendor:product:1?2:*:*:*:*:*:*:*', /wildcard "\?" inside/],
    ['cpe:2.3:a:vendor:product:**:*:*:*:*:*:*:*', /wildcard|only wildcards/],
    ['cpe:2.3:a:vendor:pro$duct:1:*:*:*:*:*:*:*', /must be quoted/],
    ['cpe:2.3:a:vendor:product:1\\a:*:*:*:*:*:*:*', /not punctuation/],
    ['cpe:2.3:a:vendor:product:1:*:*:english:*:*:*:*', /language tag/],
    ['cpe:2.3:a:vendor::1:*:*:*:*:*:*:*', /empty/],
    [`cpe:2.3:a:vendor:${'x'.repeat(1100)}:1:*:*:*:*:*:*:*`, /longer than 1024/],
  ])('refuses %s', (text, message) => {
    const result = parseFormattedString(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
    'cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:ipod_touch:80gb:*',
    'cpe:2.3:o:vendor:product:1.0-rc1:-:*:en-us:*:*:*:*',
  ])('binds %s back to the same formatted string', (text) => {
    expect(formatCpe(wfn(text))).toBe(text);
  });
});

describe('CPE URI binding (NISTIR 7695 section 6.1)', () => {
  it.each<[string, string]>([
    ['cpe:/a:microsoft:internet_explorer:8.0.6001:beta', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'],
    ['cpe:/a:microsoft:internet_explorer:8.%02:sp%01', 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'],
    ['cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~', 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*'],
    ['cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~', 'cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*'],
    ['cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~', ''],
    ['cpe:/a:foo~bar:big%7emoney_2010', 'cpe:2.3:a:foo\\~bar:big\\~money_2010:*:*:*:*:*:*:*:*'],
    ['cpe:/o:redhat:enterprise_linux:7::server:en-us', 'cpe:2.3:o:redhat:enterprise_linux:7:*:server:en-us:*:*:*:*'],
  ])('%s', (uri, formatted) => {
    const result = parseUri(uri);
    if (formatted === '') expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not punctuation/) });
    else expect(result.ok && formatCpe(result.wfn)).toBe(formatted);
  });

  it.each([`cpe:/a:vendor:${'x'.repeat(1100)}`, 'cpe:/a:vendor:product:1:2:3:4:5', 'cpe:/a:vendor:product:1::~a~b', 'cpe:/a:vendor:pro%02duct', 'cpe:/a:vendor:product%zz', 'cpe:/a:vendor:pro*duct'])('refuses %s', (uri) => {
    expect(parseUri(uri).ok).toBe(false);
  });
});

describe('NISTIR 7696 attribute comparison (table 6-2)', () => {
  // [row, source, target, relation]; "i" and "k" are plain strings, "m + wild cards" strings with wildcards.
  it.each<[number, string, string, AttributeRelation]>([
    [1, ANY, ANY, 'EQUAL'],
    [2, ANY, NA, 'SUPERSET'],
    [3, ANY, 'i', 'SUPERSET'],
    [4, ANY, 'm*', 'UNDEFINED'],
    [5, NA, ANY, 'SUBSET'],
    [6, NA, NA, 'EQUAL'],
    [7, NA, 'i', 'DISJOINT'],
    [8, NA, 'm*', 'UNDEFINED'],
    [9, 'i', ANY, 'SUBSET'],
    [10, 'i', NA, 'DISJOINT'],
    [11, 'i', 'i', 'EQUAL'],
    [12, 'i', 'k', 'DISJOINT'],
    [13, 'i', 'm?', 'UNDEFINED'],
    [14, 'm*', ANY, 'SUBSET'],
    [15, 'm*', NA, 'DISJOINT'],
    [16, 'm*', 'mars', 'SUPERSET'],
    [17, 'm*', 'venus', 'DISJOINT'],
    [18, 'm*', 'm?', 'UNDEFINED'],
  ])('row %i: %s vs %s is %s', (_row, source, target, relation) => {
    expect(compareAttribute(source, target)).toBe(relation);
  });

  it.each<[string, string, AttributeRelation]>([
    ['8\\.*', '8\\.0\\.6001', 'SUPERSET'],
    ['8\\.*', '9\\.0', 'DISJOINT'],
    ['*\\.0', '8\\.0', 'SUPERSET'],
    ['sp?', 'sp2', 'SUPERSET'],
    ['sp?', 'sp', 'SUPERSET'],
    ['sp?', 'sp22', 'DISJOINT'],
    ['??10', '2010', 'SUPERSET'],
    ['??10', '12010', 'DISJOINT'],
    ['*win*', 'microsoft_windows_xp', 'SUPERSET'],
    ['\\*', '\\*', 'EQUAL'],
    ['\\*x', 'ax', 'DISJOINT'],
    ['*a\\*', 'xxa\\*', 'SUPERSET'],
    ['*a\\*', 'xxa\\*b', 'DISJOINT'],
    ['*a\\?', 'xxa\\?', 'SUPERSET'],
    ['*a\\?', 'xxab', 'DISJOINT'],
  ])('wildcard %s vs %s is %s', (source, target, relation) => {
    expect(compareAttribute(source, target)).toBe(relation);
  });
});

describe('NISTIR 7696 name comparison', () => {
  it.each<[string, string, NameRelation]>([
    ['cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'EQUAL'],
    ['cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'SUPERSET'],
    ['cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*', 'SUBSET'],
    ['cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*', 'UNDEFINED'],
    ['cpe:2.3:a:microsoft:internet_explorer:7.*:*:*:*:*:*:*:*', 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*', 'DISJOINT'],
    ['cpe:2.3:a:*:openssl:1.0.1:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:*:1.0.1:*:*:*:*:*:*:*', 'NONE'],
    ['cpe:2.3:a:adobe:*:9.*:*:PalmOS:*:*:*:*:*', 'cpe:2.3:a:adobe:reader:9.3.2:-:-:*:*:*:*:*', 'DISJOINT'],
    ['cpe:2.3:a:adobe:*:9.*:*:*:*:*:*:*:*', 'cpe:2.3:a:adobe:reader:9.3.2:-:-:*:*:*:*:*', 'SUPERSET'],
    ['cpe:2.3:a:adobe:reader:9.3.2:-:-:*:*:*:*:*', 'cpe:/a:adobe:reader:9.3.2:-:-', 'EQUAL'],
  ])('%s vs %s is %s', (source, target, relation) => {
    expect(compareNames(wfn(source), wfn(target)).relation).toBe(relation);
  });
});

describe('advisory CPE covers a declared CPE (the false-positive guard)', () => {
  it.each<[string, string, string, boolean | RegExp]>([
    ['exact name', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', true],
    ['advisory covers every version', 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', true],
    ['advisory version wildcard', 'cpe:2.3:a:openssl:openssl:1.0.1?:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', true],
    ['another version', 'cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', /version is DISJOINT/],
    ['declared version unknown', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', /version is SUBSET/],
    ['advisory vendor ANY, product superset', 'cpe:2.3:a:*:openssl:1.0.1f:*:*:*:*:*:*:*', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', /advisory's vendor/],
    ['declared vendor ANY', 'cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*', 'cpe:2.3:a:*:openssl:1.0.1f:*:*:*:*:*:*:*', /declared vendor/],
    ['advisory product wildcard', 'cpe:2.3:a:microsoft:windows*:*:*:*:*:*:*:*:*', 'cpe:2.3:o:microsoft:windows_10:1909:*:*:*:*:*:*:*', /advisory's part|advisory's product/],
    ['other vendor, same product', 'cpe:2.3:a:mozilla:firefox:*:*:*:*:*:*:*:*', 'cpe:2.3:a:mozzilla:firefox:100:*:*:*:*:*:*:*', /vendor is DISJOINT/],
    ['advisory narrower target_sw', 'cpe:2.3:a:vendor:app:1:*:*:*:*:windows:*:*', 'cpe:2.3:a:vendor:app:1:*:*:*:*:*:*:*', /target_sw is SUBSET/],
    ['declared narrower target_sw', 'cpe:2.3:a:vendor:app:1:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:app:1:*:*:*:*:windows:*:*', true],
    ['declared NA update vs advisory ANY', 'cpe:2.3:a:vendor:app:1:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:app:1:-:*:*:*:*:*:*', true],
    ['case differs', 'cpe:2.3:a:Vendor:App:1:*:*:*:*:*:*:*', 'cpe:2.3:a:vendor:app:1:*:*:*:*:*:*:*', true],
  ])('%s', (_case, advisory, declared, expected) => {
    const coverage = advisoryCpeCovers(wfn(advisory), wfn(declared));
    if (expected === true) expect(coverage).toEqual({ covered: true });
    else expect(coverage).toEqual({ covered: false, reason: expect.stringMatching(expected as RegExp) });
  });

  it('leaves the version out when the advisory gives it as a range', () => {
    expect(advisoryCpeCovers(wfn('cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*'), wfn('cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*'), true)).toEqual({ covered: true });
  });
});
