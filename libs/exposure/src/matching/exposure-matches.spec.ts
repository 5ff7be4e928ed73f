import { foldMatches, type StoredComponent, type StoredProduct } from './exposure-matches';

const component = (overrides: Partial<StoredComponent> = {}): StoredComponent => ({
  organizationId: 'org-a',
  inventoryName: 'site',
  key: 'purl:npm/left-pad@1.0.0',
  name: 'left-pad',
  version: '1.0.0',
  cpes: [],
  purls: ['pkg:npm/left-pad@1.0.0'],
  ...overrides,
});
const product = (status: StoredProduct['status'], range: string, objectPk = '10', vulnerabilityId = 'vulnerability--1'): StoredProduct => ({ objectPk, vulnerabilityId, status, spec: { purl: 'pkg:npm/left-pad', range } });

describe('folding candidate pairs into exposures', () => {
  it.each([
    // statuses of the covering products → verdict, exposed
    [[['known_affected', 'vers:npm/<1.3.0']], 'affected', true],
    [[['known_affected', 'vers:npm/<1.3.0'], ['fixed', 'vers:npm/>=1.3.0']], 'affected', true],
    // A VEX "not affected" for the same version silences; conflicting statements count as exposed.
    [[['known_not_affected', 'vers:npm/<2.0.0']], 'not_affected', false],
    [[['known_affected', 'vers:npm/<1.3.0'], ['known_not_affected', 'vers:npm/1.0.0']], 'conflicting', true],
    [[['fixed', 'vers:npm/>=1.0.0']], 'fixed', false],
  ] as const)('%j → %s', (statements, verdict, exposed) => {
    const pairs = statements.map(([status, range]) => ({ component: component(), product: product(status, range) }));
    const found = foldMatches(pairs);
    expect(found.map((f) => [f.verdict, f.exposed, f.by, f.vulnerabilityId])).toEqual([[verdict, exposed, 'purl', 'vulnerability--1']]);
  });

  it('leaves out candidates the rules do not match (a shared key is not a match)', () => {
    expect(foldMatches([{ component: component({ version: '1.4.0', purls: ['pkg:npm/left-pad@1.4.0'] }), product: product('known_affected', 'vers:npm/<1.3.0') }])).toEqual([]);
  });

  it('keeps organisations, inventories and vulnerabilities apart, and points at the newest version', () => {
    const a = component();
    const b = component({ organizationId: 'org-b' });
    const found = foldMatches([
      { component: a, product: product('known_affected', 'vers:npm/<1.3.0', '10') },
      { component: a, product: product('known_affected', 'vers:npm/<1.3.0', '12') },
      { component: b, product: product('known_affected', 'vers:npm/<1.3.0', '10') },
      { component: b, product: product('known_affected', 'vers:npm/<1.3.0', '11', 'vulnerability--2') },
    ]);
    expect(found.map((f) => `${f.organizationId} ${f.vulnerabilityId} ${f.objectPk}`).sort()).toEqual(['org-a vulnerability--1 12', 'org-b vulnerability--1 10', 'org-b vulnerability--2 11']);
  });
});
