import { parseInventory, type InventoryComponent, type InventoryIssue } from '@hub/exposure-rules';

export const INVENTORY_FORMATS = ['CYCLONEDX', 'SPDX', 'CPE_LIST', 'PURL_LIST', 'DEVICE_LIST'] as const;
export type InventoryFormatName = (typeof INVENTORY_FORMATS)[number];

export const MAX_INVENTORY_NAME = 200;

export type InventoryReading = { ok: true; components: InventoryComponent[] } | { ok: false; errors: InventoryIssue[] };

/**
 * Reads an upload as the format the member named, so a list is not taken for an SBOM by accident:
 * a CPE list holds CPEs only, a purl list purls only, a device list `vendor,product,model,version` rows.
 * Paths point into `document` (`document.components[3].purl`, `document.lines[12]`).
 */
export function readInventory(format: InventoryFormatName, document: string): InventoryReading {
  const result = parseInventory(document);
  if (!result.ok) return { ok: false, errors: result.errors.map(inDocument) };
  const expected = format === 'CYCLONEDX' ? 'cyclonedx' : format === 'SPDX' ? 'spdx' : 'list';
  if (result.format !== expected) {
    const found = result.format === 'list' ? 'a plain list' : result.format === 'cyclonedx' ? 'a CycloneDX BOM' : 'an SPDX document';
    return { ok: false, errors: [{ path: 'document', message: `is ${found}, not ${format}` }] };
  }
  const errors: InventoryIssue[] = [];
  for (const component of result.components) {
    const wrong =
      (format === 'CPE_LIST' && !component.cpes.length && 'is not a CPE name') ||
      (format === 'PURL_LIST' && !component.purls.length && 'is not a package URL') ||
      (format === 'DEVICE_LIST' && (component.cpes.length || component.purls.length) && 'is not a vendor,product,model,version row');
    if (wrong && errors.length < 100) errors.push(inDocument({ path: component.path, message: wrong }));
  }
  if (errors.length) return { ok: false, errors };
  if (!result.components.length) return { ok: false, errors: [{ path: 'document', message: 'declares no component' }] };
  return { ok: true, components: result.components };
}

function inDocument(issue: InventoryIssue): InventoryIssue {
  return { path: issue.path ? `document.${issue.path}` : 'document', message: issue.message };
}

export function inventoryNameIssues(name: string): InventoryIssue[] {
  const trimmed = name.trim();
  if (!trimmed) return [{ path: 'name', message: 'must not be empty' }];
  if (trimmed.length > MAX_INVENTORY_NAME) return [{ path: 'name', message: `must be at most ${MAX_INVENTORY_NAME} characters` }];
  return [];
}
