import type { InventoryIssue, InventoryResult } from './component';
import { parseCycloneDx } from './cyclonedx';
import { parseInventory, parseSbom } from './parse-inventory';
import { splitCsvRow } from './plain-list';
import { parseSpdx, spdxActorName } from './spdx';

function components(result: InventoryResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.components;
}

function errors(result: InventoryResult): InventoryIssue[] {
  return result.ok ? [] : result.errors;
}

function cyclonedx(specVersion: string, body: Record<string, unknown>) {
  return { bomFormat: 'CycloneDX', specVersion, version: 1, ...body };
}

describe('CycloneDX', () => {
  it.each(['1.4', '1.5', '1.6'])('reads components, nested components and the described product (%s)', (specVersion) => {
    const bom = cyclonedx(specVersion, {
      metadata: {
        component: { type: 'device', name: 'Infusion Pump 3000', version: '2.1', supplier: { name: 'Acme Medical' }, properties: [{ name: 'acme:model', value: 'IP-3000' }] },
      },
      components: [
        { type: 'library', name: 'openssl', version: '1.1.1k', purl: 'pkg:generic/openssl@1.1.1k', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*' },
        {
          type: 'operating-system',
          name: 'linux',
          version: '5.10',
          manufacturer: specVersion === '1.6' ? { name: 'Kernel.org' } : undefined,
          publisher: 'kernel.org',
          components: [{ type: 'library', name: 'busybox', version: '1.33.1', cpe: 'cpe:/a:busybox:busybox:1.33.1' }],
        },
      ],
    });
    expect(components(parseCycloneDx(bom))).toEqual([
      { key: expect.any(String), name: 'Infusion Pump 3000', version: '2.1', vendor: 'Acme Medical', model: 'IP-3000', type: 'device', cpes: [], purls: [], path: 'metadata.component', occurrences: 1 },
      expect.objectContaining({ name: 'openssl', purls: ['pkg:generic/openssl@1.1.1k'], cpes: ['cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*'], path: 'components[0]' }),
      expect.objectContaining({ name: 'linux', vendor: specVersion === '1.6' ? 'Kernel.org' : 'kernel.org', type: 'operating-system', path: 'components[1]' }),
      expect.objectContaining({ name: 'busybox', cpes: ['cpe:2.3:a:busybox:busybox:1.33.1:*:*:*:*:*:*:*'], path: 'components[1].components[0]' }),
    ]);
  });

  it('merges duplicates: the same package and version declared twice is one component', () => {
    const bom = cyclonedx('1.5', {
      components: [
        { type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
        { type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/LODASH@4.17.20?repository_url=x', cpe: 'cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*' },
        { type: 'library', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' },
      ],
    });
    const merged = components(parseCycloneDx(bom));
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ occurrences: 2, path: 'components[0]', purls: ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash@4.17.20?repository_url=x'], cpes: ['cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*'] });
  });

  // [what, bom, path, message]
  it.each<[string, unknown, string, RegExp]>([
    ['not an object', [], '', /JSON object/],
    ['wrong format', { bomFormat: 'SPDX', specVersion: '1.5' }, 'bomFormat', /"CycloneDX"/],
    ['unsupported version', cyclonedx('1.3', {}), 'specVersion', /"1.4", "1.5" or "1.6"/],
    ['components not an array', cyclonedx('1.5', { components: {} }), 'components', /array/],
    ['component without a name', cyclonedx('1.5', { components: [{ type: 'library' }] }), 'components[0].name', /required/],
    ['unknown type', cyclonedx('1.4', { components: [{ type: 'platform', name: 'x' }] }), 'components[0].type', /must be one of/],
    ['bad purl', cyclonedx('1.5', { components: [{ type: 'library', name: 'a' }, { type: 'library', name: 'b', purl: 'npm/b@1' }] }), 'components[1].purl', /not a valid package URL.*pkg:/],
    ['bad cpe, nested', cyclonedx('1.6', { components: [{ type: 'application', name: 'a', components: [{ type: 'library', name: 'b', cpe: 'cpe:2.3:a:b' }] }] }), 'components[0].components[0].cpe', /not a valid CPE/],
    ['version not a string', cyclonedx('1.5', { components: [{ type: 'library', name: 'a', version: 1 }] }), 'components[0].version', /string/],
    ['supplier name not a string', cyclonedx('1.5', { components: [{ type: 'library', name: 'a', supplier: { name: 3 } }] }), 'components[0].supplier.name', /string/],
    ['bad described product', cyclonedx('1.5', { metadata: { component: { type: 'device' } } }), 'metadata.component.name', /required/],
  ])('refuses %s with a path to the fault', (_what, bom, path, message) => {
    expect(errors(parseCycloneDx(bom))).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses components nested beyond the limit instead of walking them', () => {
    let nested: Record<string, unknown> = { type: 'library', name: 'leaf' };
    for (let depth = 0; depth < 40; depth++) nested = { type: 'library', name: `level${depth}`, components: [nested] };
    const result = parseCycloneDx(cyclonedx('1.5', { components: [nested] }));
    expect(errors(result)).toEqual([{ path: expect.stringMatching(/^components\[0\](\.components\[0\])+\.components$/), message: expect.stringMatching(/nested more than 32/) }]);
  });

  it('accepts a BOM of 50,000 components, merging its duplicates', () => {
    const list = Array.from({ length: 50_000 }, (_, index) => ({
      type: 'library',
      name: `package-${index % 45_000}`,
      version: `1.${index % 45_000}.0`,
      purl: `pkg:npm/package-${index % 45_000}@1.${index % 45_000}.0`,
      ...(index % 3 === 0 ? { cpe: `cpe:2.3:a:vendor${index % 45_000}:package-${index % 45_000}:1.${index % 45_000}.0:*:*:*:*:*:*:*` } : {}),
    }));
    const text = JSON.stringify(cyclonedx('1.6', { components: list }));
    const result = components(parseInventory(text));
    expect(result).toHaveLength(45_000);
    expect(result.filter((component) => component.occurrences === 2)).toHaveLength(5_000);
  });

  it('stops after 100 errors', () => {
    const list = Array.from({ length: 500 }, () => ({ type: 'library', name: 'x', purl: 'nope' }));
    expect(errors(parseCycloneDx(cyclonedx('1.5', { components: list })))).toHaveLength(100);
  });
});

describe('SPDX 2.3', () => {
  const header = {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'firmware',
    dataLicense: 'CC0-1.0',
    documentNamespace: 'https://example.org/spdx/firmware-1',
    creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: test'] },
  };

  it('reads packages with CPE and purl external references, version and supplier', () => {
    const document = {
      ...header,
      packages: [
        {
          SPDXID: 'SPDXRef-openssl',
          name: 'openssl',
          versionInfo: '3.0.7',
          downloadLocation: 'NOASSERTION',
          supplier: 'Organization: OpenSSL Software Foundation (info@openssl.org)',
          primaryPackagePurpose: 'LIBRARY',
          externalRefs: [
            { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*' },
            { referenceCategory: 'SECURITY', referenceType: 'cpe22Type', referenceLocator: 'cpe:/a:openssl:openssl:3.0.7' },
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:generic/openssl@3.0.7' },
            { referenceCategory: 'OTHER', referenceType: 'swh', referenceLocator: 'swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2' },
          ],
        },
        { SPDXID: 'SPDXRef-app', name: 'app', versionInfo: 'NOASSERTION', downloadLocation: 'NONE', originator: 'Person: Jane Doe' },
      ],
    };
    expect(components(parseSbom(document))).toEqual([
      expect.objectContaining({ name: 'openssl', version: '3.0.7', vendor: 'OpenSSL Software Foundation', type: 'library', cpes: ['cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*'], purls: ['pkg:generic/openssl@3.0.7'], path: 'packages[0]' }),
      expect.objectContaining({ name: 'app', version: undefined, vendor: 'Jane Doe', path: 'packages[1]' }),
    ]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['another version', { ...header, spdxVersion: 'SPDX-2.2' }, 'spdxVersion', /SPDX-2.3/],
    ['no namespace', { ...header, documentNamespace: undefined }, 'documentNamespace', /required/],
    ['no creators', { ...header, creationInfo: { created: 'x', creators: [] } }, 'creationInfo.creators', /non-empty/],
    ['package without name', { ...header, packages: [{ SPDXID: 'SPDXRef-a', downloadLocation: 'NONE' }] }, 'packages[0].name', /required/],
    ['bad SPDXID', { ...header, packages: [{ SPDXID: 'a b', name: 'a', downloadLocation: 'NONE' }] }, 'packages[0].SPDXID', /SPDXRef-/],
    ['bad cpe23Type', { ...header, packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NONE', externalRefs: [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:x:y:1:*:*:*:*:*:*' }] }] }, 'packages[0].externalRefs[0].referenceLocator', /13 colon-separated/],
    ['cpe22Type holding a 2.3 name', { ...header, packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NONE', externalRefs: [{ referenceCategory: 'SECURITY', referenceType: 'cpe22Type', referenceLocator: 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*' }] }] }, 'packages[0].externalRefs[0].referenceLocator', /must start with "cpe:\/"/],
    ['bad purl', { ...header, packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NONE', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:maven/x@1' }] }] }, 'packages[0].externalRefs[0].referenceLocator', /needs a namespace/],
    ['reference without locator', { ...header, packages: [{ SPDXID: 'SPDXRef-a', name: 'a', downloadLocation: 'NONE', externalRefs: [{ referenceCategory: 'SECURITY', referenceType: 'purl' }] }] }, 'packages[0].externalRefs[0].referenceLocator', /required/],
  ])('refuses %s with a path to the fault', (_what, document, path, message) => {
    expect(errors(parseSpdx(document))).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it.each<[string, string | undefined]>([
    ['Organization: Acme (a@b.c)', 'Acme'],
    ['Person: Jane Doe', 'Jane Doe'],
    ['NOASSERTION', undefined],
    ['Acme', 'Acme'],
  ])('supplier %s is %s', (actor, name) => {
    expect(spdxActorName(actor)).toBe(name);
  });
});

describe('plain lists', () => {
  it('reads CPEs, purls and vendor,product,model,version rows, skipping comments and the header', () => {
    const text = [
      '# our devices',
      'vendor,product,model,version',
      'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*',
      'cpe:/a:openssl:openssl:1.1.1k',
      'pkg:npm/lodash@4.17.20',
      '',
      'Philips,IntelliVue,MX800,L.01',
      '"GE Healthcare, Inc.",CARESCAPE,B650,',
    ].join('\r\n');
    expect(components(parseInventory(text))).toEqual([
      expect.objectContaining({ name: 'openssl', version: '1.1.1k', cpes: ['cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*'], occurrences: 2, path: 'lines[2]' }),
      expect.objectContaining({ name: 'lodash', version: '4.17.20', purls: ['pkg:npm/lodash@4.17.20'], path: 'lines[4]' }),
      expect.objectContaining({ vendor: 'Philips', name: 'IntelliVue', model: 'MX800', version: 'L.01', type: 'device', path: 'lines[6]' }),
      expect.objectContaining({ vendor: 'GE Healthcare, Inc.', name: 'CARESCAPE', model: 'B650', version: undefined, path: 'lines[7]' }),
    ]);
  });

  it.each<[string, RegExp]>([
    ['cpe:2.3:a:openssl', /not a valid CPE/],
    ['pkg:npm', /not a valid package URL/],
    ['Philips,IntelliVue', /got 2 comma-separated fields/],
    [',IntelliVue,MX800,1', /needs a vendor/],
    ['Philips,,,1', /product or a model/],
    ['"Philips,IntelliVue,MX800,1', /not closed/],
  ])('refuses %s with its line', (line, message) => {
    expect(errors(parseInventory(`pkg:npm/ok@1.0.0\n${line}`))).toEqual([{ path: 'lines[1]', message: expect.stringMatching(message) }]);
  });

  it.each<[string, string[] | undefined]>([
    ['a,b,c,d', ['a', 'b', 'c', 'd']],
    [' a , "b, c" ,"d ""e""",', ['a', 'b, c', 'd "e"', '']],
    ['"a', undefined],
  ])('splits %s', (line, fields) => {
    expect(splitCsvRow(line)).toEqual(fields);
  });

  it('refuses JSON that does not parse, and JSON that is neither format', () => {
    expect(errors(parseInventory('{"bomFormat": '))).toEqual([{ path: '', message: expect.stringMatching(/not valid JSON/) }]);
    expect(errors(parseInventory('{"a": 1}'))).toEqual([{ path: '', message: expect.stringMatching(/CycloneDX BOM .* or an SPDX document/) }]);
  });
});
