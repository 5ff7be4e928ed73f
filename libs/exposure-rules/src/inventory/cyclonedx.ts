// CycloneDX 1.4, 1.5 and 1.6 JSON: the parts of the BOM that say what runs (metadata.component and the
// components tree). Everything else (services, dependencies, vulnerabilities, ...) is not needed to match
// advisories and is left unchecked.
import { InventoryBuilder, describe, isRecord, type InventoryResult } from './component';

const TYPES_14 = ['application', 'framework', 'library', 'container', 'operating-system', 'device', 'firmware', 'file'];
const TYPES_15 = [...TYPES_14, 'platform', 'device-driver', 'machine-learning-model', 'data'];
const COMPONENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  '1.4': TYPES_14,
  '1.5': TYPES_15,
  '1.6': [...TYPES_15, 'cryptographic-asset'],
};

/** Components nest; beyond this depth the BOM is refused rather than walked. */
const MAX_NESTING = 32;

function stringProperty(builder: InventoryBuilder, component: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = component[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    builder.error(`${path}.${key}`, `must be a string (got ${describe(value)})`);
    return undefined;
  }
  return value;
}

/** An organizational entity's name (`supplier`, `manufacturer`), checked. */
function entityName(builder: InventoryBuilder, component: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = component[key];
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    builder.error(`${path}.${key}`, `must be an object (got ${describe(value)})`);
    return undefined;
  }
  if (value.name === undefined) return undefined;
  if (typeof value.name !== 'string') {
    builder.error(`${path}.${key}.name`, `must be a string (got ${describe(value.name)})`);
    return undefined;
  }
  return value.name;
}

/** A device's model from a property named "model" or "...:model" (CycloneDX has no model field). */
function modelProperty(component: Record<string, unknown>): string | undefined {
  if (!Array.isArray(component.properties)) return undefined;
  for (const property of component.properties) {
    if (isRecord(property) && typeof property.name === 'string' && typeof property.value === 'string' && /(?:^|:)model(?:number)?$/i.test(property.name)) return property.value;
  }
  return undefined;
}

function readComponent(builder: InventoryBuilder, component: unknown, path: string, types: readonly string[], defaultVendor: string | undefined): Record<string, unknown> | undefined {
  if (!isRecord(component)) {
    builder.error(path, `must be an object (got ${describe(component)})`);
    return undefined;
  }
  const { type, name } = component;
  if (typeof type !== 'string') builder.error(`${path}.type`, type === undefined ? 'is required' : `must be a string (got ${describe(type)})`);
  else if (!types.includes(type)) builder.error(`${path}.type`, `must be one of ${types.join(', ')} (got ${describe(type)})`);
  if (typeof name !== 'string' || name.trim() === '') builder.error(`${path}.name`, name === undefined ? 'is required' : `must be a non-empty string (got ${describe(name)})`);
  const version = stringProperty(builder, component, 'version', path);
  const publisher = stringProperty(builder, component, 'publisher', path);
  const vendor = entityName(builder, component, 'manufacturer', path) ?? entityName(builder, component, 'supplier', path) ?? publisher ?? defaultVendor;
  const cpes: string[] = [];
  const purls: string[] = [];
  if (component.cpe !== undefined) {
    const cpe = builder.cpe(component.cpe, `${path}.cpe`);
    if (cpe) cpes.push(cpe);
  }
  if (component.purl !== undefined) {
    const purl = builder.purl(component.purl, `${path}.purl`);
    if (purl) purls.push(purl);
  }
  if (typeof type === 'string' && typeof name === 'string' && name.trim() !== '') {
    builder.add({ name: name.trim(), version, vendor, model: modelProperty(component), type, cpes, purls, path });
  }
  return component;
}

/** Reads a CycloneDX JSON BOM (already JSON-parsed) into normalised components; errors carry JSON paths. */
export function parseCycloneDx(bom: unknown): InventoryResult {
  const builder = new InventoryBuilder();
  if (!isRecord(bom)) return { ok: false, errors: [{ path: '', message: `must be a JSON object (got ${describe(bom)})` }] };
  if (bom.bomFormat !== 'CycloneDX') return { ok: false, errors: [{ path: 'bomFormat', message: `must be "CycloneDX" (got ${describe(bom.bomFormat)})` }] };
  const specVersion = bom.specVersion;
  const types = typeof specVersion === 'string' ? COMPONENT_TYPES[specVersion] : undefined;
  if (!types) return { ok: false, errors: [{ path: 'specVersion', message: `must be "1.4", "1.5" or "1.6" (got ${describe(specVersion)})` }] };
  let defaultVendor: string | undefined;
  if (bom.metadata !== undefined) {
    if (!isRecord(bom.metadata)) builder.error('metadata', `must be an object (got ${describe(bom.metadata)})`);
    else {
      // The product the BOM describes: its manufacturer (1.6) or its manufacture (1.4, 1.5) or supplier makes it.
      defaultVendor = entityName(builder, bom.metadata, 'manufacturer', 'metadata') ?? entityName(builder, bom.metadata, 'manufacture', 'metadata') ?? entityName(builder, bom.metadata, 'supplier', 'metadata');
      if (bom.metadata.component !== undefined) {
        const root = readComponent(builder, bom.metadata.component, 'metadata.component', types, defaultVendor);
        if (root) walk(builder, root.components, 'metadata.component.components', types, 1);
      }
    }
  }
  walk(builder, bom.components, 'components', types, 0);
  return builder.result('cyclonedx', specVersion as string);
}

/** Walks a components array and the arrays nested in it, depth first, without recursion. */
function walk(builder: InventoryBuilder, components: unknown, path: string, types: readonly string[], depth: number): void {
  if (components === undefined) return;
  const stack: { components: unknown; path: string; depth: number }[] = [{ components, path, depth }];
  while (stack.length > 0 && !builder.full) {
    const next = stack.pop() as { components: unknown; path: string; depth: number };
    if (!Array.isArray(next.components)) {
      builder.error(next.path, `must be an array (got ${describe(next.components)})`);
      continue;
    }
    if (next.depth > MAX_NESTING) {
      builder.error(next.path, `is nested more than ${MAX_NESTING} components deep`);
      continue;
    }
    const nested: { components: unknown; path: string; depth: number }[] = [];
    for (let index = 0; index < next.components.length && !builder.full; index++) {
      const componentPath = `${next.path}[${index}]`;
      const component = readComponent(builder, next.components[index], componentPath, types, undefined);
      if (component?.components !== undefined) nested.push({ components: component.components, path: `${componentPath}.components`, depth: next.depth + 1 });
    }
    // Reversed so that the nested arrays of one array are read in the order they appear.
    for (let index = nested.length - 1; index >= 0; index--) stack.push(nested[index]);
  }
}
