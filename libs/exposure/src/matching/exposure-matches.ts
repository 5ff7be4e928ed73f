import { exposureVerdict, isExposed, prepareComponent, prepareProduct, productCovers, type AffectedProductSpec, type ExposureVerdict, type MatchedBy, type ProductStatus } from '@hub/exposure-rules';

/** A declared component as stored (or as just parsed): what matching and the exposure row need. */
export interface StoredComponent {
  organizationId: string;
  inventoryName: string;
  key: string;
  name: string;
  version?: string;
  vendor?: string;
  model?: string;
  cpes: string[];
  purls: string[];
}

/** One statement of one vulnerability version about a product, as advisory_product keeps it. */
export interface StoredProduct {
  objectPk: string;
  vulnerabilityId: string;
  status: ProductStatus;
  spec: AffectedProductSpec;
}

/** What one vulnerability says about one declared component, all its statements folded into one verdict. */
export interface FoundExposure {
  organizationId: string;
  inventoryName: string;
  component: StoredComponent;
  vulnerabilityId: string;
  objectPk: string;
  verdict: ExposureVerdict;
  exposed: boolean;
  by: MatchedBy;
}

/**
 * Folds (component, product) candidate pairs, found by shared bucket keys, into verdicts: each pair is
 * checked by the matching rules (productCovers), and the statuses of every covering product of one
 * vulnerability decide (exposureVerdict errs towards exposure).
 */
export function foldMatches(pairs: Iterable<{ component: StoredComponent; product: StoredProduct }>): FoundExposure[] {
  const preparedProducts = new Map<StoredProduct, ReturnType<typeof prepareProduct>>();
  const preparedComponents = new Map<StoredComponent, ReturnType<typeof prepareComponent>>();
  const groups = new Map<string, { component: StoredComponent; vulnerabilityId: string; objectPk: string; statuses: ProductStatus[]; by: MatchedBy }>();
  for (const { component, product } of pairs) {
    let prepared = preparedProducts.get(product);
    if (!prepared) preparedProducts.set(product, (prepared = prepareProduct(product.spec)));
    if (!prepared.ok) continue;
    let declared = preparedComponents.get(component);
    if (!declared) preparedComponents.set(component, (declared = prepareComponent(component)));
    const by = productCovers(prepared.value, declared);
    if (!by) continue;
    const key = `${component.organizationId}|${component.inventoryName}|${component.key}|${product.vulnerabilityId}`;
    const group = groups.get(key);
    if (group) {
      group.statuses.push(product.status);
      // The newest version decides which version the exposure points at.
      if (BigInt(product.objectPk) > BigInt(group.objectPk)) group.objectPk = product.objectPk;
    } else groups.set(key, { component, vulnerabilityId: product.vulnerabilityId, objectPk: product.objectPk, statuses: [product.status], by });
  }
  const found: FoundExposure[] = [];
  for (const group of groups.values()) {
    const verdict = exposureVerdict(group.statuses);
    if (!verdict) continue;
    found.push({
      organizationId: group.component.organizationId,
      inventoryName: group.component.inventoryName,
      component: group.component,
      vulnerabilityId: group.vulnerabilityId,
      objectPk: group.objectPk,
      verdict,
      exposed: isExposed(verdict),
      by: group.by,
    });
  }
  return found;
}
