import { inventoryNameIssues, readInventory } from './inventory-input';

const cyclonedx = (components: unknown[]) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });

describe('reading an inventory as the format the member named', () => {
  it.each([
    ['PURL_LIST', 'pkg:npm/left-pad@1.0.0\npkg:npm/left-pad@1.0.0\n# comment\npkg:pypi/Django_Rest@3.0', ['purl:npm//left-pad@1.0.0', 'purl:pypi//django-rest@3.0']],
    ['CPE_LIST', 'cpe:2.3:a:openssl:openssl:3.0.1:*:*:*:*:*:*:*\ncpe:/a:openssl:openssl:3.0.1', ['cpe:cpe:2.3:a:openssl:openssl:3.0.1:*:*:*:*:*:*:*']],
    ['DEVICE_LIST', 'vendor,product,model,version\nAcme,Infusion Pump,IP-3000,3.1', ['device:acme|infusionpump|ip3000|3.1']],
    ['CYCLONEDX', cyclonedx([{ type: 'library', name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' }]), ['purl:npm//left-pad@1.0.0']],
  ] as const)('%s: merged component keys', (format, document, keys) => {
    const reading = readInventory(format, document);
    expect(reading.ok && reading.components.map((component) => component.key)).toEqual(keys);
  });

  it.each([
    ['PURL_LIST', 'pkg:npm/left-pad@1.0.0\ncpe:2.3:a:openssl:openssl:3.0.1:*:*:*:*:*:*:*', [{ path: 'document.lines[1]', message: 'is not a package URL' }]],
    ['CPE_LIST', 'Acme,Pump,IP-1,1', [{ path: 'document.lines[0]', message: 'is not a CPE name' }]],
    ['DEVICE_LIST', 'pkg:npm/left-pad@1.0.0', [{ path: 'document.lines[0]', message: 'is not a vendor,product,model,version row' }]],
    ['CYCLONEDX', 'pkg:npm/left-pad@1.0.0', [{ path: 'document', message: 'is a plain list, not CYCLONEDX' }]],
    ['SPDX', cyclonedx([{ type: 'library', name: 'x' }]), [{ path: 'document', message: 'is a CycloneDX BOM, not SPDX' }]],
    ['PURL_LIST', '# nothing\n', [{ path: 'document', message: 'declares no component' }]],
    ['CYCLONEDX', '{"bomFormat": ', [{ path: 'document', message: expect.stringContaining('is not valid JSON') }]],
  ] as const)('%s: %j is refused with the path', (format, document, errors) => {
    expect(readInventory(format, document)).toEqual({ ok: false, errors });
  });

  it('refuses a bad purl inside an SBOM with its path in the document', () => {
    const reading = readInventory('CYCLONEDX', cyclonedx([{ type: 'library', name: 'a' }, { type: 'library', name: 'b', purl: 'pkg:npm' }]));
    expect(reading.ok ? [] : reading.errors.map((error) => error.path)).toEqual(['document.components[1].purl']);
  });

  it.each([
    ['', [{ path: 'name', message: 'must not be empty' }]],
    ['   ', [{ path: 'name', message: 'must not be empty' }]],
    ['x'.repeat(201), [{ path: 'name', message: 'must be at most 200 characters' }]],
    ['Main site', []],
  ])('name %j', (name, issues) => {
    expect(inventoryNameIssues(name)).toEqual(issues);
  });
});

describe('a large SBOM', () => {
  it('reads 50,000 components, duplicates merged', () => {
    const components = Array.from({ length: 50_000 }, (_, n) => ({ type: 'library', name: `pkg-${n % 49_000}`, version: '1.0.0', purl: `pkg:npm/pkg-${n % 49_000}@1.0.0` }));
    const reading = readInventory('CYCLONEDX', cyclonedx(components));
    expect(reading.ok && [reading.components.length, reading.components.filter((component) => component.occurrences === 2).length]).toEqual([49_000, 1_000]);
  });
});
