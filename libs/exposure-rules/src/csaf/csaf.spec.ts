import { validateObject } from '@hub/stix';
import { AdvisoryIndex } from '../matching/exposure-index';
import { parsePlainList } from '../inventory/plain-list';
import { csafRange } from './csaf-products';
import { convertCsafToStix, isKnownExploitedStatement, type StixRecord } from './csaf-to-stix';

const VENDOR = '0b9d6c52-3f61-4d8e-9a1c-5e2f7a8b9c01';
const OUTSIDER = '7e3a1f90-2b4c-4d5e-8f6a-1b2c3d4e5f60';
import { validateCsaf } from './csaf-validate';

/** A VEX advisory about an infusion pump family: branches, helpers, a relationship and a product group. */
function advisory(): Record<string, unknown> {
  return {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      title: 'Acme infusion pumps: OpenSSL vulnerabilities',
      publisher: { category: 'vendor', name: 'Acme Medical', namespace: 'https://acme.example' },
      distribution: { tlp: { label: 'GREEN' } },
      references: [{ category: 'self', summary: 'this advisory', url: 'https://acme.example/csaf/acme-2024-001.json' }],
      tracking: {
        id: 'ACME-2024-001',
        status: 'final',
        version: '2',
        initial_release_date: '2024-03-01T10:00:00+01:00',
        current_release_date: '2024-03-15T10:00:00Z',
        revision_history: [
          { date: '2024-03-01T10:00:00+01:00', number: '1', summary: 'Initial' },
          { date: '2024-03-15T10:00:00Z', number: '2', summary: 'Fix released' },
        ],
      },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Acme Medical',
          branches: [
            {
              category: 'product_name',
              name: 'Infusion Pump',
              branches: [
                { category: 'product_version_range', name: 'vers:generic/<3.2', product: { name: 'Acme Infusion Pump < 3.2', product_id: 'PUMP-OLD', product_identification_helper: { model_numbers: ['IP-3000', 'IP-31*'] } } },
                { category: 'product_version', name: '3.2', product: { name: 'Acme Infusion Pump 3.2', product_id: 'PUMP-3.2', product_identification_helper: { model_numbers: ['IP-3000'] } } },
              ],
            },
          ],
        },
        {
          category: 'vendor',
          name: 'OpenSSL',
          branches: [
            {
              category: 'product_name',
              name: 'OpenSSL',
              branches: [
                { category: 'product_version_range', name: '>=1.1.1|<1.1.1n', product: { name: 'OpenSSL < 1.1.1n', product_id: 'OPENSSL-1.1.1', product_identification_helper: { cpe: 'cpe:/a:openssl:openssl', purl: 'pkg:generic/openssl' } } },
              ],
            },
          ],
        },
      ],
      full_product_names: [{ name: 'Acme Gateway', product_id: 'GATEWAY' }],
      relationships: [
        {
          category: 'default_component_of',
          product_reference: 'OPENSSL-1.1.1',
          relates_to_product_reference: 'PUMP-OLD',
          full_product_name: { name: 'OpenSSL < 1.1.1n in Acme Infusion Pump < 3.2', product_id: 'PUMP-OLD:OPENSSL' },
        },
      ],
      product_groups: [{ group_id: 'FIXED', product_ids: ['PUMP-3.2', 'GATEWAY'] }],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2022-0778',
        title: 'Infinite loop in BN_mod_sqrt()',
        cwe: { id: 'CWE-835', name: 'Loop with Unreachable Exit Condition' },
        product_status: { known_affected: ['PUMP-OLD', 'PUMP-OLD:OPENSSL'], fixed: ['PUMP-3.2'], known_not_affected: ['GATEWAY'] },
        flags: [{ label: 'component_not_present', product_ids: ['GATEWAY'] }],
        threats: [
          { category: 'exploit_status', details: 'Exploited in the wild (CISA KEV)' },
          { category: 'impact', details: 'Denial of service of the pump network module', product_ids: ['PUMP-OLD'] },
        ],
        remediations: [
          { category: 'vendor_fix', details: 'Update to 3.2', product_ids: ['PUMP-OLD', 'PUMP-OLD:OPENSSL'], url: 'https://acme.example/fix' },
          { category: 'none_available', details: 'Nothing to do', group_ids: ['FIXED'] },
        ],
      },
    ],
  };
}

type Mutation = (csaf: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('CSAF 2.0 validation', () => {
  it('accepts the advisory', () => {
    expect(validateCsaf(advisory())).toEqual([]);
  });

  // [what, change, path, message]
  it.each<[string, Mutation, string, RegExp]>([
    ['no document', (csaf) => delete csaf.document, 'document', /required/],
    ['wrong version', (csaf) => (csaf.document.csaf_version = '2.1'), 'document.csaf_version', /"2.0"/],
    ['bad category', (csaf) => (csaf.document.category = ' csaf_vex'), 'document.category', /whitespace/],
    ['no title', (csaf) => delete csaf.document.title, 'document.title', /required/],
    ['publisher category', (csaf) => (csaf.document.publisher.category = 'seller'), 'document.publisher.category', /one of coordinator/],
    ['publisher namespace', (csaf) => (csaf.document.publisher.namespace = 'acme'), 'document.publisher.namespace', /URL/],
    ['tracking status', (csaf) => (csaf.document.tracking.status = 'done'), 'document.tracking.status', /one of draft/],
    ['tracking version', (csaf) => (csaf.document.tracking.version = 'v2'), 'document.tracking.version', /integer or a semantic version/],
    ['release date', (csaf) => (csaf.document.tracking.current_release_date = '2024-03-15'), 'document.tracking.current_release_date', /RFC 3339/],
    ['empty revision history', (csaf) => (csaf.document.tracking.revision_history = []), 'document.tracking.revision_history', /not be empty/],
    ['revision summary', (csaf) => delete csaf.document.tracking.revision_history[1].summary, 'document.tracking.revision_history[1].summary', /required/],
    ['TLP label', (csaf) => (csaf.document.distribution.tlp.label = 'CLEAR'), 'document.distribution.tlp.label', /AMBER, GREEN, RED, WHITE/],
    ['branch category', (csaf) => (csaf.product_tree.branches[0].category = 'maker'), 'product_tree.branches[0].category', /one of/],
    ['branch with neither', (csaf) => delete csaf.product_tree.branches[0].branches[0].branches[1].product, 'product_tree.branches[0].branches[0].branches[1]', /either "branches" or "product"/],
    ['bad CPE', (csaf) => (csaf.product_tree.branches[1].branches[0].branches[0].product.product_identification_helper.cpe = 'cpe:/x:openssl'), 'product_tree.branches[1].branches[0].branches[0].product.product_identification_helper.cpe', /not a valid CPE/],
    ['bad purl', (csaf) => (csaf.product_tree.branches[1].branches[0].branches[0].product.product_identification_helper.purl = 'generic/openssl'), 'product_tree.branches[1].branches[0].branches[0].product.product_identification_helper.purl', /not a valid package URL/],
    ['repeated model number', (csaf) => csaf.product_tree.branches[0].branches[0].branches[0].product.product_identification_helper.model_numbers.push('IP-3000'), 'product_tree.branches[0].branches[0].branches[0].product.product_identification_helper.model_numbers[2]', /repeats/],
    ['product id defined twice (6.1.2)', (csaf) => (csaf.product_tree.full_product_names[0].product_id = 'PUMP-3.2'), 'product_tree.full_product_names[0].product_id', /more than once/],
    ['undefined product (6.1.1)', (csaf) => csaf.vulnerabilities[0].product_status.fixed.push('NOPE'), 'vulnerabilities[0].product_status.fixed[1]', /"NOPE" is not defined/],
    ['undefined relationship reference (6.1.1)', (csaf) => (csaf.product_tree.relationships[0].product_reference = 'NOPE'), 'product_tree.relationships[0].product_reference', /not defined/],
    ['undefined group (6.1.4)', (csaf) => (csaf.vulnerabilities[0].remediations[1].group_ids = ['NOPE']), 'vulnerabilities[0].remediations[1].group_ids[0]', /group_id "NOPE"/],
    ['unknown status', (csaf) => (csaf.vulnerabilities[0].product_status.broken = ['GATEWAY']), 'vulnerabilities[0].product_status.broken', /not a product status/],
    ['bad CVE', (csaf) => (csaf.vulnerabilities[0].cve = 'CVE-22-0778'), 'vulnerabilities[0].cve', /CVE-2024-12345/],
    ['flag label', (csaf) => (csaf.vulnerabilities[0].flags[0].label = 'not_affected'), 'vulnerabilities[0].flags[0].label', /one of component_not_present/],
    ['threat without details', (csaf) => delete csaf.vulnerabilities[0].threats[0].details, 'vulnerabilities[0].threats[0].details', /required/],
    ['remediation without products (6.1.29)', (csaf) => delete csaf.vulnerabilities[0].remediations[0].product_ids, 'vulnerabilities[0].remediations[0]', /product_ids or group_ids/],
    ['two flags for one product (6.1.33)', (csaf) => csaf.vulnerabilities[0].flags.push({ label: 'vulnerable_code_not_present', product_ids: ['GATEWAY'] }), 'vulnerabilities[0].flags[1].product_ids[0]', /already has the flag component_not_present/],
    ['remediation category', (csaf) => (csaf.vulnerabilities[0].remediations[0].category = 'patch'), 'vulnerabilities[0].remediations[0].category', /one of mitigation/],
    ['VEX: not affected without impact statement (6.1.27.9)', (csaf) => delete csaf.vulnerabilities[0].flags, 'vulnerabilities[0].product_status.known_not_affected[0]', /6\.1\.27\.9/],
    ['VEX: affected without action statement (6.1.27.10)', (csaf) => csaf.vulnerabilities[0].remediations.splice(0, 1), 'vulnerabilities[0].product_status.known_affected[0]', /6\.1\.27\.10/],
    ['VEX: vulnerability without id (6.1.27.8)', (csaf) => delete csaf.vulnerabilities[0].cve, 'vulnerabilities[0]', /needs a "cve" or "ids"/],
  ])('refuses %s with a path to the fault', (_what, mutate, path, message) => {
    const csaf = advisory();
    mutate(csaf);
    expect(validateCsaf(csaf)).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(convertCsafToStix(csaf, VENDOR).ok).toBe(false);
  });

  it('does not ask VEX statements of other categories', () => {
    const csaf = advisory() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    csaf.document.category = 'csaf_security_advisory';
    delete csaf.vulnerabilities[0].flags;
    expect(validateCsaf(csaf)).toEqual([]);
  });

  it('refuses what is not an object, and branches nested too deep', () => {
    expect(validateCsaf('csaf')).toEqual([{ path: '', message: expect.stringMatching(/JSON object/) }]);
    const csaf = advisory() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let branch: Record<string, unknown> = { category: 'product_version', name: '1', product: { name: 'deep', product_id: 'DEEP' } };
    for (let depth = 0; depth < 40; depth++) branch = { category: 'product_family', name: `f${depth}`, branches: [branch] };
    csaf.product_tree.branches.push(branch);
    expect(validateCsaf(csaf)).toContainEqual({ path: expect.stringMatching(/^product_tree\.branches\[2\](\.branches\[0\])+\.branches$/), message: expect.stringMatching(/nested more than 30/) });
  });
});

describe('CSAF 2.0 to STIX 2.1', () => {
  function converted(organizationId = VENDOR) {
    const result = convertCsafToStix(advisory(), organizationId);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  }
  const byType = (objects: StixRecord[], type: string) => objects.filter((object) => object.type === type);

  it('produces valid STIX: one vulnerability, software per product, has relationships for the affected', () => {
    const { objects, tlp, trackingId } = converted();
    for (const object of objects) expect(validateObject(object).errors).toEqual([]);
    expect(tlp).toBe('GREEN');
    expect(trackingId).toBe('ACME-2024-001');
    expect(byType(objects, 'vulnerability')).toHaveLength(1);
    expect(byType(objects, 'software').map((software) => software.name).sort()).toEqual(['Acme Gateway', 'Acme Infusion Pump 3.2', 'Acme Infusion Pump < 3.2', 'OpenSSL < 1.1.1n in Acme Infusion Pump < 3.2']);
    const relationships = byType(objects, 'relationship');
    const names = new Map(objects.map((object) => [object.id, object.name]));
    expect(relationships.map((relationship) => [names.get(relationship.source_ref as string), relationship.relationship_type, names.get(relationship.target_ref as string)]).sort()).toEqual([
      ['Acme Infusion Pump < 3.2', 'has', 'CVE-2022-0778'],
      ['OpenSSL < 1.1.1n in Acme Infusion Pump < 3.2', 'has', 'CVE-2022-0778'],
    ]);
  });

  it('names the CVE, the weakness and the advisory in external references, and keeps the dates in UTC', () => {
    const [vulnerability] = byType(converted().objects, 'vulnerability');
    expect(vulnerability).toMatchObject({
      name: 'CVE-2022-0778',
      description: 'Infinite loop in BN_mod_sqrt()',
      created: '2024-03-01T09:00:00.000Z',
      modified: '2024-03-15T10:00:00.000Z',
      x_hub_known_exploited: true,
      external_references: [
        { source_name: 'cve', external_id: 'CVE-2022-0778', url: 'https://www.cve.org/CVERecord?id=CVE-2022-0778' },
        { source_name: 'cwe', external_id: 'CWE-835' },
        { source_name: 'Acme Medical', external_id: 'ACME-2024-001', url: 'https://acme.example/csaf/acme-2024-001.json' },
      ],
    });
  });

  it('records every product status with its VEX justification, impact and action statements', () => {
    const [vulnerability] = byType(converted().objects, 'vulnerability');
    const vex = vulnerability.x_hub_vex as Record<string, unknown>[];
    expect(vex.map(({ software_ref: _ref, ...statement }) => statement)).toEqual([
      { product_id: 'PUMP-3.2', status: 'fixed', action_statements: [{ category: 'none_available', details: 'Nothing to do' }] },
      {
        product_id: 'PUMP-OLD',
        status: 'known_affected',
        impact_statement: 'Denial of service of the pump network module',
        action_statements: [{ category: 'vendor_fix', details: 'Update to 3.2', url: 'https://acme.example/fix' }],
      },
      { product_id: 'PUMP-OLD:OPENSSL', status: 'known_affected', action_statements: [{ category: 'vendor_fix', details: 'Update to 3.2', url: 'https://acme.example/fix' }] },
      { product_id: 'GATEWAY', status: 'known_not_affected', justification: 'component_not_present', action_statements: [{ category: 'none_available', details: 'Nothing to do' }] },
    ]);
  });

  it('gives the same identifiers when the same organisation imports the advisory again', () => {
    const ids = (objects: StixRecord[]) => objects.map((object) => object.id).sort();
    expect(ids(converted().objects)).toEqual(ids(converted().objects));
  });

  it('gives another organisation other ids for everything but the software observables', () => {
    const ids = (organizationId: string, type: string) => byType(converted(organizationId).objects, type).map((object) => object.id).sort();
    for (const type of ['vulnerability', 'relationship']) {
      const mine = ids(VENDOR, type);
      const theirs = ids(OUTSIDER, type);
      expect({ type, shared: mine.filter((id) => theirs.includes(id)), count: theirs.length }).toEqual({ type, shared: [], count: mine.length });
    }
    expect(ids(OUTSIDER, 'software')).toEqual(ids(VENDOR, 'software'));
    const [vulnerability] = byType(converted(OUTSIDER).objects, 'vulnerability');
    const relationships = byType(converted(OUTSIDER).objects, 'relationship');
    expect(relationships.map((relationship) => relationship.target_ref)).toEqual(relationships.map(() => vulnerability.id));
    expect((vulnerability.x_hub_vex as { software_ref: string }[]).map((statement) => statement.software_ref).sort()).toEqual(expect.arrayContaining(ids(OUTSIDER, 'software').filter((id) => relationships.some((r) => r.source_ref === id))));
  });

  it('turns products into matcher specs: model numbers, ranges, CPE and purl', () => {
    const { products, warnings } = converted();
    expect(warnings).toEqual([{ path: 'vulnerabilities[0].product_status.known_not_affected', message: expect.stringMatching(/"GATEWAY" cannot be matched/) }]);
    expect(products.map(({ vulnerabilityId: _id, ...product }) => product)).toEqual([
      { cve: 'CVE-2022-0778', productId: 'PUMP-3.2', status: 'fixed', device: { vendor: 'Acme Medical', product: 'Infusion Pump', version: '3.2', model: 'IP-3000' } },
      { cve: 'CVE-2022-0778', productId: 'PUMP-OLD', status: 'known_affected', range: 'vers:generic/<3.2', device: { vendor: 'Acme Medical', product: 'Infusion Pump', model: 'IP-3000' } },
      { cve: 'CVE-2022-0778', productId: 'PUMP-OLD', status: 'known_affected', range: 'vers:generic/<3.2', device: { vendor: 'Acme Medical', product: 'Infusion Pump', model: 'IP-31*' } },
      { cve: 'CVE-2022-0778', productId: 'PUMP-OLD:OPENSSL', status: 'known_affected', cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', purl: 'pkg:generic/openssl', range: 'vers:generic/>=1.1.1|<1.1.1n', device: { vendor: 'OpenSSL', product: 'OpenSSL' } },
    ]);
  });

  it('matches a declared inventory against the affected products', () => {
    const { products } = converted();
    const affected = new AdvisoryIndex(products.filter((product) => product.status === 'known_affected'));
    const inventory = parsePlainList(['Acme Medical Inc.,Infusion Pump,IP-3150,3.1.4', 'Acme Medical,Infusion Pump,IP-3000,3.2', 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*', 'pkg:generic/openssl@3.0.1'].join('\n'));
    if (!inventory.ok) throw new Error('inventory');
    expect(affected.match(inventory.components).map((match) => [match.component.path, match.product.productId, match.by])).toEqual([
      ['lines[0]', 'PUMP-OLD', 'device'],
      ['lines[2]', 'PUMP-OLD:OPENSSL', 'cpe'],
    ]);
  });

  it.each<[string, string | RegExp]>([
    ['vers:npm/>=1.0.0|<2.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['<2.1', 'vers:generic/<2.1'],
    ['>= 1.0 | < 1.4', 'vers:generic/>=1.0|<1.4'],
    ['all versions', /neither a vers string/],
    ['vers:cobol/<1', /not supported/],
  ])('reads the version range %s', (name, expected) => {
    const range = csafRange(name);
    if (typeof expected === 'string') expect(range).toEqual({ range: expected });
    else expect(range).toEqual({ problem: expect.stringMatching(expected) });
  });

  it('warns about products whose range cannot be read instead of matching every version', () => {
    const csaf = advisory() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    csaf.product_tree.branches[0].branches[0].branches[0].name = 'all versions before 3.2';
    const result = convertCsafToStix(csaf, VENDOR);
    expect(result.ok && result.products.some((product) => product.productId === 'PUMP-OLD')).toBe(false);
    expect(result.ok && result.warnings).toContainEqual({ path: 'vulnerabilities[0].product_status.known_affected', message: expect.stringMatching(/"PUMP-OLD" cannot be matched: version range/) });
  });

  it.each<[string, boolean]>([
    ['Exploited in the wild', true],
    ['Listed in CISA KEV', true],
    ['Active exploitation observed', true],
    ['No known exploitation', false],
    ['Acme is not aware of exploitation', false],
    ['Proof of concept published', false],
  ])('exploit status "%s" is known exploited: %s', (details, expected) => {
    expect(isKnownExploitedStatement(details)).toBe(expected);
  });
});
