// Affected products from STIX objects, for advisories that arrive as STIX rather than CSAF: a software
// observable `has` a vulnerability, named by its cpe, x_hub_purl and x_hub_version_range (the properties
// convertCsafToStix writes), else by vendor, name and version as a device. A vulnerability's x_hub_vex
// statements, when present, say which of its software is affected; without them every `has` is.
import type { StixRecord } from '../csaf/csaf-to-stix';
import type { AffectedProductSpec } from './affected-product';
import { PRODUCT_STATUSES, type ProductStatus } from '../csaf/csaf-validate';

export interface StixAffectedProduct extends AffectedProductSpec {
  vulnerabilityId: string;
  softwareId: string;
  cve?: string;
}

const AFFECTED = new Set(['known_affected', 'first_affected', 'last_affected']);

function cveOf(vulnerability: StixRecord): string | undefined {
  const references = Array.isArray(vulnerability.external_references) ? (vulnerability.external_references as Record<string, unknown>[]) : [];
  const reference = references.find((entry) => entry.source_name === 'cve' && typeof entry.external_id === 'string');
  return reference?.external_id as string | undefined;
}

/** The affected products stated by a set of STIX objects (a bundle's objects, or an advisory's). */
export function affectedProductsFromStix(objects: readonly StixRecord[]): StixAffectedProduct[] {
  const byId = new Map(objects.map((object) => [object.id, object]));
  const products: StixAffectedProduct[] = [];
  for (const relationship of objects) {
    if (relationship.type !== 'relationship' || relationship.relationship_type !== 'has') continue;
    const software = byId.get(relationship.source_ref as string);
    const vulnerability = byId.get(relationship.target_ref as string);
    if (software?.type !== 'software' || vulnerability?.type !== 'vulnerability') continue;
    const vex = Array.isArray(vulnerability.x_hub_vex) ? (vulnerability.x_hub_vex as Record<string, unknown>[]) : undefined;
    if (vex && !vex.some((statement) => statement.software_ref === software.id && AFFECTED.has(String(statement.status)))) continue;
    products.push(...softwareSpecs(vulnerability, software));
  }
  return products;
}

function softwareSpecs(vulnerability: StixRecord, software: StixRecord): StixAffectedProduct[] {
  const spec: StixAffectedProduct = { vulnerabilityId: vulnerability.id, softwareId: software.id };
  const cve = cveOf(vulnerability);
  if (cve) spec.cve = cve;
  if (typeof software.cpe === 'string') spec.cpe = software.cpe;
  if (typeof software.x_hub_purl === 'string') spec.purl = software.x_hub_purl;
  if (typeof software.x_hub_version_range === 'string') spec.range = software.x_hub_version_range;
  if (typeof software.vendor === 'string' && typeof software.name === 'string') {
    spec.device = { vendor: software.vendor, product: software.name, ...(typeof software.version === 'string' ? { version: software.version } : {}) };
  }
  const models = Array.isArray(software.x_hub_model_numbers) ? (software.x_hub_model_numbers as string[]) : [];
  const device = spec.device;
  if (models.length > 0 && device) return models.map((model) => ({ ...spec, device: { ...device, model } }));
  return spec.cpe || spec.purl || spec.device ? [spec] : [];
}

export interface StixProductStatement extends StixAffectedProduct {
  /** The CSAF product status (`known_affected`, `known_not_affected`, `fixed`, ...). */
  status: ProductStatus;
}

/**
 * Every product a vulnerability makes a statement about, affected or not: its x_hub_vex statements
 * when present (so a "not affected" or "fixed" statement can silence a match), else each software
 * that `has` it, as known_affected.
 */
export function productStatusesFromStix(objects: readonly StixRecord[]): StixProductStatement[] {
  const byId = new Map(objects.map((object) => [object.id, object]));
  const statements: StixProductStatement[] = [];
  const seen = new Set<string>();
  for (const vulnerability of objects) {
    if (vulnerability.type !== 'vulnerability' || !Array.isArray(vulnerability.x_hub_vex)) continue;
    for (const statement of vulnerability.x_hub_vex as Record<string, unknown>[]) {
      const software = byId.get(statement.software_ref as string);
      const status = statement.status as ProductStatus;
      if (software?.type !== 'software' || !PRODUCT_STATUSES.includes(status)) continue;
      seen.add(`${vulnerability.id}|${software.id}|${status}`);
      for (const spec of softwareSpecs(vulnerability, software)) statements.push({ ...spec, status });
    }
  }
  for (const product of affectedProductsFromStix(objects)) {
    const vulnerability = byId.get(product.vulnerabilityId);
    if (Array.isArray(vulnerability?.x_hub_vex)) continue;
    if (seen.has(`${product.vulnerabilityId}|${product.softwareId}|known_affected`)) continue;
    statements.push({ ...product, status: 'known_affected' });
  }
  return statements;
}
