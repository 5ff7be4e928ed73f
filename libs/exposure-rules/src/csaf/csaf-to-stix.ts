// A CSAF 2.0 advisory as STIX 2.1: one vulnerability per CSAF vulnerability, one software observable per
// product with a status, `has` relationships from affected software to the vulnerability, and the VEX
// picture (every product's status with its justification, impact and action statements) in x_hub_vex.
// Identifiers are deterministic per importing organisation, so its importing the same advisory (or a later
// revision) again names the same objects. See docs/exposure-rules.md for the representation.
import { formatStixTimestamp, scoId, uuidV5 } from '@hub/stix';
import { isRecord } from '../inventory/component';
import type { AffectedProductSpec } from '../matching/affected-product';
import { csafProducts, type CsafProduct } from './csaf-products';
import { PRODUCT_STATUSES, validateCsaf, type CsafIssue, type ProductStatus } from './csaf-validate';

/** The namespace of the hub's name-based identifiers for objects made from CSAF advisories. */
export const CSAF_ID_NAMESPACE = '6f4b9a3e-2c1d-5e8f-9a7b-3d2c1b0a9f8e';

/** Statuses under which a product is affected, and gets a `has` relationship. */
export const AFFECTED_STATUSES: readonly ProductStatus[] = ['known_affected', 'first_affected', 'last_affected'];

export interface VexStatement {
  product_id: string;
  software_ref: string;
  status: ProductStatus;
  /** The CSAF flag label, for known_not_affected (vulnerable_code_not_present, ...). */
  justification?: string;
  /** Threat details of category "impact". */
  impact_statement?: string;
  /** Remediations: category and details (vendor_fix, workaround, ...). */
  action_statements?: { category: string; details: string; url?: string }[];
}

/** One affected product of one vulnerability, ready for the matcher. */
export interface CsafAffectedProduct extends AffectedProductSpec {
  vulnerabilityId: string;
  cve?: string;
  productId: string;
  status: ProductStatus;
}

export type StixRecord = { type: string; id: string } & Record<string, unknown>;

export type CsafConversion =
  | {
      ok: true;
      trackingId: string;
      /** The TLP 1.0 label of document.distribution.tlp, for the caller to map to a TLP 2.0 marking. */
      tlp?: string;
      objects: StixRecord[];
      /** Every product with a status (affected or not), one entry per model number, for the matcher. */
      products: CsafAffectedProduct[];
      /** Products that cannot be matched, with why. */
      warnings: CsafIssue[];
    }
  | { ok: false; errors: CsafIssue[] };

function timestamp(text: unknown): string {
  return formatStixTimestamp(new Date(String(text)));
}

/**
 * Exploitation, from CSAF threats of category exploit_status: their details are free text, so a statement
 * counts when it speaks of exploitation (exploited, in the wild, KEV) without denying it (no, not, none,
 * unknown, unaware).
 */
export function isKnownExploitedStatement(details: string): boolean {
  const text = details.toLowerCase();
  if (/\b(no|not|none|unknown|unaware|without)\b/.test(text)) return false;
  return /exploited|exploitation|in the wild|\bkev\b|known exploited/.test(text);
}

function ids(list: unknown, groups: Map<string, string[]>, entry: Record<string, unknown>): string[] {
  const products = Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  const fromGroups = Array.isArray(entry.group_ids) ? entry.group_ids.flatMap((group) => groups.get(String(group)) ?? []) : [];
  return [...products, ...fromGroups];
}

function softwareFor(product: CsafProduct): StixRecord {
  const software: Record<string, unknown> = { type: 'software', spec_version: '2.1', name: product.name };
  if (product.cpe) software.cpe = product.cpe;
  if (product.vendor) software.vendor = product.vendor;
  if (product.version) software.version = product.version;
  software.id = scoId(software as { type: string });
  if (product.purl) software.x_hub_purl = product.purl;
  if (product.range) software.x_hub_version_range = product.range;
  if (product.modelNumbers.length > 0) software.x_hub_model_numbers = product.modelNumbers;
  return software as StixRecord;
}

/** The matcher's specs for a product: one per model number (or one), CPE, purl and range on each. */
function specsFor(product: CsafProduct): AffectedProductSpec[] {
  const base: AffectedProductSpec = {};
  if (product.cpe) base.cpe = product.cpe;
  if (product.purl) base.purl = product.purl;
  if (product.range) base.range = product.range;
  if (!product.vendor || (product.modelNumbers.length === 0 && !product.productName)) return base.cpe || base.purl ? [base] : [];
  const device = { vendor: product.vendor, ...(product.productName ? { product: product.productName } : {}), ...(product.version ? { version: product.version } : {}) };
  if (product.modelNumbers.length === 0) return [{ ...base, device }];
  return product.modelNumbers.map((model) => ({ ...base, device: { ...device, model } }));
}

/**
 * Validates a CSAF 2.0 advisory (already JSON-parsed) and converts it to STIX 2.1 objects.
 * `organizationId` is the importing organisation's: it is part of the name of every id made here but
 * the software observables' (content-derived, as STIX wants SCO ids). Versioned ids belong to their
 * first submitter, so ids anyone could compute from a document would tell an outsider who imports a
 * guessed tracking id whether someone already shared it (an embargoed advisory), and let them claim a
 * vendor's future ids. The same organisation importing the document again names the same objects.
 */
export function convertCsafToStix(input: unknown, organizationId: string): CsafConversion {
  const errors = validateCsaf(input);
  if (errors.length > 0) return { ok: false, errors };
  const csaf = input as Record<string, unknown>;
  const document = csaf.document as Record<string, unknown>;
  const publisher = document.publisher as Record<string, string>;
  const tracking = document.tracking as Record<string, unknown>;
  const trackingId = String(tracking.id);
  const created = timestamp(tracking.initial_release_date);
  const current = timestamp(tracking.current_release_date);
  const modified = current < created ? created : current;
  const tlp = isRecord(document.distribution) && isRecord(document.distribution.tlp) ? String(document.distribution.tlp.label) : undefined;
  const selfUrl = Array.isArray(document.references) ? document.references.find((reference) => isRecord(reference) && reference.category === 'self')?.url : undefined;
  const products = csafProducts(csaf.product_tree);
  const groups = new Map<string, string[]>();
  const tree = isRecord(csaf.product_tree) ? csaf.product_tree : {};
  for (const group of Array.isArray(tree.product_groups) ? tree.product_groups : []) {
    if (isRecord(group)) groups.set(String(group.group_id), (group.product_ids as unknown[]).map(String));
  }

  const objects = new Map<string, StixRecord>();
  const matcherProducts: CsafAffectedProduct[] = [];
  const warnings: CsafIssue[] = [];
  const vulnerabilities = Array.isArray(csaf.vulnerabilities) ? (csaf.vulnerabilities as Record<string, unknown>[]) : [];
  vulnerabilities.forEach((vulnerability, index) => {
    const cve = typeof vulnerability.cve === 'string' ? vulnerability.cve : undefined;
    const otherIds = Array.isArray(vulnerability.ids) ? (vulnerability.ids as Record<string, string>[]) : [];
    const name = cve ?? otherIds[0]?.text ?? (typeof vulnerability.title === 'string' ? vulnerability.title : `${trackingId} vulnerability ${index + 1}`);
    const id = `vulnerability--${uuidV5(CSAF_ID_NAMESPACE, `${organizationId}|${publisher.namespace}|${trackingId}|${cve ?? otherIds[0]?.text ?? index}`)}`;
    const externalReferences: Record<string, string>[] = [];
    if (cve) externalReferences.push({ source_name: 'cve', external_id: cve, url: `https://www.cve.org/CVERecord?id=${cve}` });
    for (const other of otherIds) externalReferences.push({ source_name: other.system_name, external_id: other.text });
    if (isRecord(vulnerability.cwe) && typeof vulnerability.cwe.id === 'string') externalReferences.push({ source_name: 'cwe', external_id: vulnerability.cwe.id });
    externalReferences.push({ source_name: publisher.name, external_id: trackingId, ...(typeof selfUrl === 'string' ? { url: selfUrl } : {}) });

    // Statements per product: justification flags, impact threats, remediations; exploitation.
    const justification = new Map<string, string>();
    const impact = new Map<string, string>();
    const actions = new Map<string, { category: string; details: string; url?: string }[]>();
    let knownExploited = false;
    for (const flag of (vulnerability.flags as Record<string, unknown>[] | undefined) ?? []) {
      for (const productId of ids(flag.product_ids, groups, flag)) if (!justification.has(productId)) justification.set(productId, String(flag.label));
    }
    for (const threat of (vulnerability.threats as Record<string, unknown>[] | undefined) ?? []) {
      if (threat.category === 'exploit_status' && isKnownExploitedStatement(String(threat.details))) knownExploited = true;
      if (threat.category === 'impact') for (const productId of ids(threat.product_ids, groups, threat)) if (!impact.has(productId)) impact.set(productId, String(threat.details));
    }
    for (const remediation of (vulnerability.remediations as Record<string, unknown>[] | undefined) ?? []) {
      const action = { category: String(remediation.category), details: String(remediation.details), ...(typeof remediation.url === 'string' ? { url: remediation.url } : {}) };
      for (const productId of ids(remediation.product_ids, groups, remediation)) {
        const list = actions.get(productId) ?? [];
        list.push(action);
        actions.set(productId, list);
      }
    }

    const vex: VexStatement[] = [];
    const status = isRecord(vulnerability.product_status) ? vulnerability.product_status : {};
    for (const statusName of PRODUCT_STATUSES) {
      for (const productId of (status[statusName] as string[] | undefined) ?? []) {
        const product = products.get(productId);
        if (!product) continue;
        const software = softwareFor(product);
        const existing = objects.get(software.id);
        if (existing) {
          const productIds = existing.x_hub_csaf_product_ids as string[];
          if (!productIds.includes(productId)) productIds.push(productId);
        } else objects.set(software.id, { ...software, x_hub_csaf_product_ids: [productId] });
        const statement: VexStatement = { product_id: productId, software_ref: software.id, status: statusName };
        if (justification.has(productId)) statement.justification = justification.get(productId);
        if (impact.has(productId)) statement.impact_statement = impact.get(productId);
        if (actions.has(productId)) statement.action_statements = actions.get(productId);
        vex.push(statement);
        if (AFFECTED_STATUSES.includes(statusName)) {
          const relationshipId = `relationship--${uuidV5(CSAF_ID_NAMESPACE, `${organizationId}|${software.id}|has|${id}`)}`;
          objects.set(relationshipId, { type: 'relationship', spec_version: '2.1', id: relationshipId, created, modified, relationship_type: 'has', source_ref: software.id, target_ref: id });
        }
        if (product.unmatchable) {
          warnings.push({ path: `vulnerabilities[${index}].product_status.${statusName}`, message: `product "${productId}" cannot be matched: ${product.unmatchable}` });
          continue;
        }
        const specs = specsFor(product);
        if (specs.length === 0) warnings.push({ path: `vulnerabilities[${index}].product_status.${statusName}`, message: `product "${productId}" cannot be matched: it has no CPE, purl, or vendor with a product name or model number` });
        for (const spec of specs) matcherProducts.push({ ...spec, vulnerabilityId: id, ...(cve ? { cve } : {}), productId, status: statusName });
      }
    }

    const object: StixRecord = { type: 'vulnerability', spec_version: '2.1', id, created, modified, name, external_references: externalReferences };
    const description = typeof vulnerability.title === 'string' ? vulnerability.title : undefined;
    if (description) object.description = description;
    if (knownExploited) object.x_hub_known_exploited = true;
    if (vex.length > 0) object.x_hub_vex = vex;
    objects.set(id, object);
  });
  return { ok: true, trackingId, ...(tlp ? { tlp } : {}), objects: [...objects.values()], products: matcherProducts, warnings };
}
