import { AdvisoryIndex, ComponentIndex, scanComponents } from '../src/matching/exposure-index';
import { benchExposureMatching, generateAdvisoryProducts, generateComponents } from './matching.bench';

describe('exposure matching benchmark', () => {
  it('generates data on which the advisory index, the component index and the scan agree', () => {
    const products = generateAdvisoryProducts(3_000);
    const components = generateComponents(3_000, 3);
    const pairs = (matches: { product: { id: number }; component: { id: number } }[]) => matches.map((match) => `${match.product.id}:${match.component.id}`).sort();
    const byAdvisories = pairs(new AdvisoryIndex(products).match(components));
    const byComponents = new ComponentIndex(components).match(products);
    expect(byComponents.rejected).toEqual([]);
    expect(pairs(byComponents.matches)).toEqual(byAdvisories);
    // The scan reads every component per product: a slice of the products is enough to compare.
    expect(pairs(scanComponents(products.slice(0, 300), components).matches)).toEqual(byAdvisories.filter((pair) => Number(pair.split(':')[0]) < 300));
    // Every kind of identifier takes part.
    const kinds = new Set(new AdvisoryIndex(products).match(components).map((match) => match.by));
    expect([...kinds].sort()).toEqual(['cpe', 'device', 'purl']);
  });

  it('reports each measurement at a small size', () => {
    const results = benchExposureMatching({ advisoryProducts: 2_000, inventoryComponents: 500, declaredComponents: 2_000, sbomComponents: 1_000 });
    expect(results.map((result) => result.name)).toEqual([
      'new inventory of 500 components against 2,000 advisory products (index built + matched)',
      'one new advisory (3 products) against 2,000 declared components (scan, no index)',
      'one new advisory (3 products) against 2,000 declared components (standing ComponentIndex)',
      expect.stringMatching(/^read a CycloneDX SBOM of 1,000 components/),
    ]);
    for (const result of results) expect(result.details).not.toMatch(/INVALID/);
  });
});
