// SPDX 2.3 JSON: the document's required header and its packages, with CPEs and purls from externalRefs.
// Files, snippets and relationships say nothing about what to match and are left unchecked.
import { InventoryBuilder, describe, isRecord, type InventoryResult } from './component';

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;

/** "Organization: Acme Corp (security@acme.example)" → "Acme Corp"; NOASSERTION → undefined. */
export function spdxActorName(actor: string): string | undefined {
  if (actor.length > 1000) return actor.slice(0, 1000).trim();
  const match = /^(?:Organization|Person|Tool):\s*(.*?)\s*(?:\([^()]*\))?\s*$/.exec(actor);
  const name = match ? match[1] : actor.trim();
  return name === '' || name === 'NOASSERTION' ? undefined : name;
}

function requireString(builder: InventoryBuilder, record: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string' && value !== '') return value;
  builder.error(path === '' ? key : `${path}.${key}`, value === undefined ? 'is required' : `must be a non-empty string (got ${describe(value)})`);
  return undefined;
}

function optionalString(builder: InventoryBuilder, record: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  builder.error(`${path}.${key}`, `must be a string (got ${describe(value)})`);
  return undefined;
}

/** Reads an SPDX 2.3 JSON document (already JSON-parsed) into normalised components. */
export function parseSpdx(document: unknown): InventoryResult {
  const builder = new InventoryBuilder();
  if (!isRecord(document)) return { ok: false, errors: [{ path: '', message: `must be a JSON object (got ${describe(document)})` }] };
  if (document.spdxVersion !== 'SPDX-2.3') return { ok: false, errors: [{ path: 'spdxVersion', message: `must be "SPDX-2.3" (got ${describe(document.spdxVersion)})` }] };
  if (document.SPDXID !== 'SPDXRef-DOCUMENT') builder.error('SPDXID', `must be "SPDXRef-DOCUMENT" (got ${describe(document.SPDXID)})`);
  requireString(builder, document, 'name', '');
  requireString(builder, document, 'dataLicense', '');
  requireString(builder, document, 'documentNamespace', '');
  if (!isRecord(document.creationInfo)) builder.error('creationInfo', document.creationInfo === undefined ? 'is required' : `must be an object (got ${describe(document.creationInfo)})`);
  else {
    requireString(builder, document.creationInfo, 'created', 'creationInfo');
    if (!Array.isArray(document.creationInfo.creators) || document.creationInfo.creators.length === 0) builder.error('creationInfo.creators', 'must be a non-empty array');
  }
  const { packages } = document;
  if (packages !== undefined && !Array.isArray(packages)) builder.error('packages', `must be an array (got ${describe(packages)})`);
  const list = Array.isArray(packages) ? packages : [];
  for (let index = 0; index < list.length && !builder.full; index++) readPackage(builder, list[index], `packages[${index}]`);
  return builder.result('spdx', 'SPDX-2.3');
}

function readPackage(builder: InventoryBuilder, item: unknown, path: string): void {
  if (!isRecord(item)) {
    builder.error(path, `must be an object (got ${describe(item)})`);
    return;
  }
  const id = requireString(builder, item, 'SPDXID', path);
  if (id !== undefined && !SPDX_ID.test(id)) builder.error(`${path}.SPDXID`, `must look like "SPDXRef-<letters, digits, . or ->" (got ${describe(id)})`);
  const name = requireString(builder, item, 'name', path);
  requireString(builder, item, 'downloadLocation', path);
  const version = optionalString(builder, item, 'versionInfo', path);
  const supplier = optionalString(builder, item, 'supplier', path);
  const originator = optionalString(builder, item, 'originator', path);
  const purpose = optionalString(builder, item, 'primaryPackagePurpose', path);
  const cpes: string[] = [];
  const purls: string[] = [];
  const { externalRefs } = item;
  if (externalRefs !== undefined && !Array.isArray(externalRefs)) builder.error(`${path}.externalRefs`, `must be an array (got ${describe(externalRefs)})`);
  const refs = Array.isArray(externalRefs) ? externalRefs : [];
  for (let index = 0; index < refs.length; index++) {
    const refPath = `${path}.externalRefs[${index}]`;
    const ref = refs[index];
    if (!isRecord(ref)) {
      builder.error(refPath, `must be an object (got ${describe(ref)})`);
      continue;
    }
    requireString(builder, ref, 'referenceCategory', refPath);
    const type = requireString(builder, ref, 'referenceType', refPath);
    const locator = requireString(builder, ref, 'referenceLocator', refPath);
    if (type === undefined || locator === undefined) continue;
    if (type === 'cpe23Type' || type === 'cpe22Type') {
      const prefix = type === 'cpe23Type' ? 'cpe:2.3:' : 'cpe:/';
      if (!locator.toLowerCase().startsWith(prefix)) builder.error(`${refPath}.referenceLocator`, `a ${type} reference must start with "${prefix}"`);
      else {
        const cpe = builder.cpe(locator, `${refPath}.referenceLocator`);
        if (cpe && !cpes.includes(cpe)) cpes.push(cpe);
      }
    } else if (type === 'purl') {
      const purl = builder.purl(locator, `${refPath}.referenceLocator`);
      if (purl && !purls.includes(purl)) purls.push(purl);
    }
  }
  if (name === undefined) return;
  const vendor = (supplier ? spdxActorName(supplier) : undefined) ?? (originator ? spdxActorName(originator) : undefined);
  builder.add({
    name,
    version: version === 'NOASSERTION' ? undefined : version,
    vendor,
    type: purpose?.toLowerCase(),
    cpes,
    purls,
    path,
  });
}
