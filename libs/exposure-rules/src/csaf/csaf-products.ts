// The products a CSAF product tree defines, each with what identifies it: CPE, purl and model numbers from
// its product identification helper, and vendor, product name, version or version range from the branches
// above it. A relationship product ("A installed on B") is identified as its component A, where the
// vulnerability lives.
import { formatCpe, parseCpe } from '../cpe/wfn';
import { isRecord } from '../inventory/component';
import { formatPurl, parsePurl } from '../purl/purl';
import { formatVers, parseVers } from '../versions/vers';

export interface CsafProduct {
  productId: string;
  name: string;
  vendor?: string;
  productName?: string;
  version?: string;
  /** A `vers` range from a product_version_range branch. */
  range?: string;
  /** The CPE 2.3 formatted string (a CPE 2.2 URI converted). */
  cpe?: string;
  purl?: string;
  modelNumbers: string[];
  /** Why the product cannot be matched safely, when it cannot (an unreadable range must not mean "every version"). */
  unmatchable?: string;
}

interface BranchContext {
  vendor?: string;
  productName?: string;
  version?: string;
  rangeText?: string;
}

/**
 * A product_version_range name as a `vers` range: `vers:` strings as they are, bare constraints such as
 * ">=1.0|<2.0" (the spec's "vls") read with the generic scheme.
 */
export function csafRange(name: string): { range: string } | { problem: string } {
  const text = name.trim();
  const candidate = text.startsWith('vers:') ? text : /^[<>=!]/.test(text) ? `vers:generic/${text}` : undefined;
  if (candidate === undefined) return { problem: `version range "${name}" is neither a vers string nor "<", ">", "=" or "!=" constraints` };
  const parsed = parseVers(candidate);
  return parsed.ok ? { range: formatVers(parsed.range) } : { problem: `version range "${name}": ${parsed.message}` };
}

function fromHelper(product: CsafProduct, helper: unknown): void {
  if (!isRecord(helper)) return;
  if (typeof helper.cpe === 'string') {
    const cpe = parseCpe(helper.cpe);
    if (cpe.ok) product.cpe = formatCpe(cpe.wfn);
  }
  if (typeof helper.purl === 'string') {
    const purl = parsePurl(helper.purl);
    if (purl.ok) product.purl = formatPurl(purl.purl);
  }
  if (Array.isArray(helper.model_numbers)) product.modelNumbers = helper.model_numbers.filter((model): model is string => typeof model === 'string');
}

function makeProduct(full: Record<string, unknown>, context: BranchContext): CsafProduct | undefined {
  if (typeof full.product_id !== 'string' || typeof full.name !== 'string') return undefined;
  const product: CsafProduct = { productId: full.product_id, name: full.name, modelNumbers: [] };
  if (context.vendor !== undefined) product.vendor = context.vendor;
  if (context.productName !== undefined) product.productName = context.productName;
  if (context.version !== undefined) product.version = context.version;
  if (context.rangeText !== undefined) {
    const range = csafRange(context.rangeText);
    if ('range' in range) product.range = range.range;
    else product.unmatchable = range.problem;
  }
  fromHelper(product, full.product_identification_helper);
  return product;
}

/** Every product of a (validated) CSAF product tree, by product id. */
export function csafProducts(productTree: unknown): Map<string, CsafProduct> {
  const products = new Map<string, CsafProduct>();
  if (!isRecord(productTree)) return products;
  const stack: { branches: unknown; context: BranchContext }[] = [{ branches: productTree.branches, context: {} }];
  while (stack.length > 0) {
    const { branches, context } = stack.pop() as { branches: unknown; context: BranchContext };
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      if (!isRecord(branch) || typeof branch.name !== 'string') continue;
      const inner: BranchContext = { ...context };
      if (branch.category === 'vendor') inner.vendor = branch.name;
      else if (branch.category === 'product_name') inner.productName = branch.name;
      else if (branch.category === 'product_version') inner.version = branch.name;
      else if (branch.category === 'product_version_range') inner.rangeText = branch.name;
      if (isRecord(branch.product)) {
        const product = makeProduct(branch.product, inner);
        if (product) products.set(product.productId, product);
      }
      if (branch.branches !== undefined) stack.push({ branches: branch.branches, context: inner });
    }
  }
  for (const full of Array.isArray(productTree.full_product_names) ? productTree.full_product_names : []) {
    const product = isRecord(full) ? makeProduct(full, {}) : undefined;
    if (product) products.set(product.productId, product);
  }
  for (const relationship of Array.isArray(productTree.relationships) ? productTree.relationships : []) {
    if (!isRecord(relationship) || !isRecord(relationship.full_product_name)) continue;
    const composite = makeProduct(relationship.full_product_name, {});
    const component = typeof relationship.product_reference === 'string' ? products.get(relationship.product_reference) : undefined;
    if (!composite) continue;
    // The composite's own helper wins; otherwise it is identified as its component.
    products.set(composite.productId, component ? { ...component, ...definedOnly(composite), modelNumbers: composite.modelNumbers.length > 0 ? composite.modelNumbers : component.modelNumbers } : composite);
  }
  return products;
}

function definedOnly(product: CsafProduct): Partial<CsafProduct> {
  return Object.fromEntries(Object.entries(product).filter(([, value]) => value !== undefined));
}
