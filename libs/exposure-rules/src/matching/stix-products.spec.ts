import { convertCsafToStix, type StixRecord } from '../csaf/csaf-to-stix';
import { componentMatchKeys, productMatchKeys } from './affected-product';
import { affectedProductsFromStix, productStatusesFromStix } from './stix-products';

const vulnerability: StixRecord = {
  type: 'vulnerability',
  id: 'vulnerability--0b7e4d1c-3c7e-4f5c-9f0a-1d2e3f4a5b6c',
  name: 'CVE-2021-44228',
  external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228' }],
};
const log4j: StixRecord = { type: 'software', id: 'software--1a2b3c4d-0000-5000-8000-000000000001', name: 'log4j-core', cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', x_hub_purl: 'pkg:maven/org.apache.logging.log4j/log4j-core', x_hub_version_range: 'vers:maven/>=2.0-beta9|<2.15.0' };
const pump: StixRecord = { type: 'software', id: 'software--1a2b3c4d-0000-5000-8000-000000000002', name: 'Infusion Pump', vendor: 'Acme', version: '3.1', x_hub_model_numbers: ['IP-3000', 'IP-3100'] };
const has = (software: StixRecord, id: string): StixRecord => ({ type: 'relationship', id, relationship_type: 'has', source_ref: software.id, target_ref: vulnerability.id });

describe('affected products from STIX', () => {
  it('reads software that has the vulnerability: CPE, purl and range; devices per model number', () => {
    const objects = [vulnerability, log4j, pump, has(log4j, 'relationship--00000000-0000-4000-8000-000000000001'), has(pump, 'relationship--00000000-0000-4000-8000-000000000002')];
    expect(affectedProductsFromStix(objects)).toEqual([
      { vulnerabilityId: vulnerability.id, softwareId: log4j.id, cve: 'CVE-2021-44228', cpe: log4j.cpe, purl: log4j.x_hub_purl, range: log4j.x_hub_version_range },
      { vulnerabilityId: vulnerability.id, softwareId: pump.id, cve: 'CVE-2021-44228', device: { vendor: 'Acme', product: 'Infusion Pump', version: '3.1', model: 'IP-3000' } },
      { vulnerabilityId: vulnerability.id, softwareId: pump.id, cve: 'CVE-2021-44228', device: { vendor: 'Acme', product: 'Infusion Pump', version: '3.1', model: 'IP-3100' } },
    ]);
  });

  it('follows x_hub_vex: software known not to be affected is left out', () => {
    const withVex = { ...vulnerability, x_hub_vex: [{ product_id: 'A', software_ref: log4j.id, status: 'known_not_affected' }, { product_id: 'B', software_ref: pump.id, status: 'known_affected' }] };
    const objects = [withVex, log4j, pump, has(log4j, 'relationship--00000000-0000-4000-8000-000000000001'), has(pump, 'relationship--00000000-0000-4000-8000-000000000002')];
    expect(affectedProductsFromStix(objects).map((product) => product.softwareId)).toEqual([pump.id, pump.id]);
  });

  it('round-trips a converted CSAF advisory', () => {
    const csaf = {
      document: {
        category: 'csaf_security_advisory',
        csaf_version: '2.0',
        title: 't',
        publisher: { category: 'vendor', name: 'Acme', namespace: 'https://acme.example' },
        tracking: { id: 'A-1', status: 'final', version: '1', initial_release_date: '2024-01-01T00:00:00Z', current_release_date: '2024-01-01T00:00:00Z', revision_history: [{ date: '2024-01-01T00:00:00Z', number: '1', summary: 's' }] },
      },
      product_tree: { full_product_names: [{ name: 'lodash', product_id: 'L', product_identification_helper: { purl: 'pkg:npm/lodash@4.17.20' } }] },
      vulnerabilities: [{ cve: 'CVE-2021-23337', product_status: { known_affected: ['L'] } }],
    };
    const converted = convertCsafToStix(csaf, '0b9d6c52-3f61-4d8e-9a1c-5e2f7a8b9c01');
    if (!converted.ok) throw new Error(JSON.stringify(converted.errors));
    expect(affectedProductsFromStix(converted.objects)).toEqual([expect.objectContaining({ cve: 'CVE-2021-23337', purl: 'pkg:npm/lodash@4.17.20' })]);
  });
});

describe('product statements from STIX, affected or not', () => {
  it('gives every x_hub_vex statement its status, so "not affected" and "fixed" can silence a match', () => {
    const withVex = { ...vulnerability, x_hub_vex: [{ product_id: 'A', software_ref: log4j.id, status: 'known_not_affected' }, { product_id: 'B', software_ref: pump.id, status: 'fixed' }, { product_id: 'C', software_ref: 'software--absent', status: 'known_affected' }] };
    expect(productStatusesFromStix([withVex, log4j, pump]).map((statement) => [statement.softwareId, statement.status, statement.device?.model ?? statement.purl])).toEqual([
      [log4j.id, 'known_not_affected', log4j.x_hub_purl],
      [pump.id, 'fixed', 'IP-3000'],
      [pump.id, 'fixed', 'IP-3100'],
    ]);
  });

  it('without x_hub_vex, every software that `has` the vulnerability is known_affected', () => {
    const objects = [vulnerability, log4j, has(log4j, 'relationship--00000000-0000-4000-8000-000000000001')];
    expect(productStatusesFromStix(objects).map((statement) => [statement.softwareId, statement.status])).toEqual([[log4j.id, 'known_affected']]);
  });
});

describe('bucket keys for a database index', () => {
  it.each([
    [{ cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core' }, ['cpe:a:apache:log4j', 'purl:maven/org.apache.logging.log4j/log4j-core']],
    [{ device: { vendor: 'Acme Medical Inc.', model: 'IP-3000' } }, ['device:acmemedical']],
    // A vendor alone covers nothing, a wildcard vendor nothing either: no key, so never a candidate.
    [{ device: { vendor: 'Acme' } }, []],
    [{ cpe: 'cpe:2.3:a:*:openssl:*:*:*:*:*:*:*:*' }, []],
    [{ purl: 'not a purl' }, []],
  ])('product %j has keys %j', (spec, keys) => {
    expect(productMatchKeys(spec)).toEqual(keys);
  });

  it('a component has the keys of all its identifiers, once each', () => {
    expect(
      componentMatchKeys({ name: 'log4j-core', version: '2.14.1', vendor: 'Apache', cpes: ['cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'], purls: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar'] }),
    ).toEqual(['cpe:a:apache:log4j', 'purl:maven/org.apache.logging.log4j/log4j-core', 'device:apache']);
  });
});
