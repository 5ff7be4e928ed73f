// What a member runs, normalised from whichever form it was declared in, and the merging of duplicates.
import { formatCpe, parseCpe } from '../cpe/wfn';
import { normaliseName, normaliseVendor } from '../device/device';
import { formatPurl, parsePurl, purlPackageKey } from '../purl/purl';

export interface InventoryComponent {
  /** Equal for duplicates: the first purl's package and version, else the first CPE, else vendor, product, model and version normalised. */
  key: string;
  name: string;
  version?: string;
  vendor?: string;
  model?: string;
  /** CycloneDX component type or SPDX primary package purpose, lower case (`library`, `device`, ...). */
  type?: string;
  /** CPE 2.3 formatted strings, canonical (URI bindings converted). */
  cpes: string[];
  /** Package URLs, canonical. */
  purls: string[];
  /** Where the first occurrence is in the input (`components[3].components[0]`, `lines[12]`). */
  path: string;
  /** How many times the input declares it. */
  occurrences: number;
}

export interface InventoryIssue {
  path: string;
  message: string;
}

export type InventoryFormat = 'cyclonedx' | 'spdx' | 'list';

export type InventoryResult =
  | { ok: true; format: InventoryFormat; specVersion?: string; components: InventoryComponent[] }
  | { ok: false; errors: InventoryIssue[] };

/** The most components one inventory may declare, and the most errors reported before giving up. */
export const MAX_INVENTORY_COMPONENTS = 250_000;
export const MAX_REPORTED_ERRORS = 100;

/** Collects components, merging duplicates by key, and errors up to a limit. */
export class InventoryBuilder {
  private readonly byKey = new Map<string, InventoryComponent>();
  readonly errors: InventoryIssue[] = [];
  private declared = 0;

  error(path: string, message: string): void {
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ path, message });
  }

  /** Nothing more is worth reading: enough errors to report, or more components than an inventory may hold. */
  get full(): boolean {
    return this.errors.length >= MAX_REPORTED_ERRORS || this.declared > MAX_INVENTORY_COMPONENTS;
  }

  /** Validates the CPE (either binding) and returns its canonical formatted string, or records the error. */
  cpe(text: unknown, path: string): string | undefined {
    if (typeof text !== 'string') {
      this.error(path, 'must be a string');
      return undefined;
    }
    const result = parseCpe(text);
    if (!result.ok) {
      this.error(path, `is not a valid CPE: ${result.message}`);
      return undefined;
    }
    return formatCpe(result.wfn);
  }

  purl(text: unknown, path: string): string | undefined {
    if (typeof text !== 'string') {
      this.error(path, 'must be a string');
      return undefined;
    }
    const result = parsePurl(text);
    if (!result.ok) {
      this.error(path, `is not a valid package URL: ${result.message}`);
      return undefined;
    }
    return formatPurl(result.purl);
  }

  add(component: Omit<InventoryComponent, 'key' | 'occurrences'>): void {
    const key = componentKey(component);
    const existing = this.byKey.get(key);
    this.declared++;
    if (this.declared === MAX_INVENTORY_COMPONENTS + 1) this.error(component.path, `is more than the ${MAX_INVENTORY_COMPONENTS.toLocaleString('en')} components an inventory may declare`);
    if (!existing) {
      this.byKey.set(key, { key, ...component, occurrences: 1 });
      return;
    }
    existing.occurrences++;
    existing.version ??= component.version;
    existing.vendor ??= component.vendor;
    existing.model ??= component.model;
    existing.type ??= component.type;
    for (const cpe of component.cpes) if (!existing.cpes.includes(cpe)) existing.cpes.push(cpe);
    for (const purl of component.purls) if (!existing.purls.includes(purl)) existing.purls.push(purl);
  }

  result(format: InventoryFormat, specVersion?: string): InventoryResult {
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    return { ok: true, format, ...(specVersion === undefined ? {} : { specVersion }), components: [...this.byKey.values()] };
  }
}

function componentKey(component: Omit<InventoryComponent, 'key' | 'occurrences'>): string {
  const purl = component.purls[0];
  if (purl !== undefined) {
    const parsed = parsePurl(purl);
    if (parsed.ok) return `purl:${purlPackageKey(parsed.purl)}@${parsed.purl.version ?? ''}`;
  }
  if (component.cpes[0] !== undefined) return `cpe:${component.cpes[0]}`;
  return `device:${normaliseVendor(component.vendor ?? '')}|${normaliseName(component.name)}|${normaliseName(component.model ?? '')}|${component.version ?? ''}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
