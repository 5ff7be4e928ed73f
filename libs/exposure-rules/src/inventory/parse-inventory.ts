// One entry point for every declared form: JSON text is a CycloneDX or SPDX SBOM, anything else a plain list.
import { describe, isRecord, type InventoryResult } from './component';
import { parseCycloneDx } from './cyclonedx';
import { parsePlainList } from './plain-list';
import { parseSpdx } from './spdx';

/** Reads an already-parsed JSON SBOM, telling CycloneDX (`bomFormat`) from SPDX (`spdxVersion`). */
export function parseSbom(document: unknown): InventoryResult {
  if (isRecord(document) && 'bomFormat' in document) return parseCycloneDx(document);
  if (isRecord(document) && 'spdxVersion' in document) return parseSpdx(document);
  return { ok: false, errors: [{ path: '', message: `must be a CycloneDX BOM (with "bomFormat") or an SPDX document (with "spdxVersion") (got ${describe(document)})` }] };
}

/** Reads an uploaded inventory: a JSON SBOM or a plain list. */
export function parseInventory(text: string): InventoryResult {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return parsePlainList(text);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  return parseSbom(document);
}
