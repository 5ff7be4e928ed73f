// The two sides of a match, prepared once: an advisory's affected product (CPE, purl, version range,
// device) and a declared component. Preparing parses every identifier so that matching only compares.
import { advisoryCpeCovers } from '../cpe/compare';
import { ANY, NA, hasWildcards, parseCpe, unquote, type Wfn } from '../cpe/wfn';
import { advisoryDeviceCovers, normaliseVendor, type DeviceIdentity, type DeviceSpec } from '../device/device';
import { parsePurl, purlPackageKey, type Purl } from '../purl/purl';
import { advisoryPurlCovers } from '../purl/purl-match';
import { parseVers, versContains, type VersRange } from '../versions/vers';

/** An affected product as advisories state it; every identifier optional, at least one needed. */
export interface AffectedProductSpec {
  cpe?: string;
  purl?: string;
  /** A `vers` range for the version: of the purl, of the CPE (whose own version is then ignored), or of the device. */
  range?: string;
  device?: { vendor: string; product?: string; model?: string; version?: string };
}

/** A declared component, as parseInventory returns it (only these fields are read). */
export interface DeclaredComponentFields {
  name: string;
  version?: string;
  vendor?: string;
  model?: string;
  cpes: readonly string[];
  purls: readonly string[];
}

export interface PreparedProduct<S> {
  spec: S;
  cpe?: Wfn;
  purl?: Purl;
  range?: VersRange;
  device?: DeviceSpec;
}

export interface PreparedComponent<C> {
  component: C;
  cpes: Wfn[];
  purls: Purl[];
  device?: DeviceIdentity;
}

export type Prepared<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses an affected product's identifiers; a malformed one is refused with what is wrong. */
export function prepareProduct<S extends AffectedProductSpec>(spec: S): Prepared<PreparedProduct<S>> {
  const prepared: PreparedProduct<S> = { spec };
  if (spec.cpe !== undefined) {
    const cpe = parseCpe(spec.cpe);
    if (!cpe.ok) return { ok: false, message: `cpe ${cpe.message}` };
    prepared.cpe = cpe.wfn;
  }
  if (spec.purl !== undefined) {
    const purl = parsePurl(spec.purl);
    if (!purl.ok) return { ok: false, message: `purl ${purl.message}` };
    prepared.purl = purl.purl;
  }
  if (spec.range !== undefined) {
    const range = parseVers(spec.range);
    if (!range.ok) return { ok: false, message: `range ${range.message}` };
    prepared.range = range.range;
  }
  if (spec.device !== undefined) prepared.device = { ...spec.device, range: prepared.range };
  if (!prepared.cpe && !prepared.purl && !prepared.device) return { ok: false, message: 'names no CPE, purl or device' };
  return { ok: true, value: prepared };
}

/** Parses a component's identifiers; ones that do not parse are left out (inventories are validated on upload). */
export function prepareComponent<C extends DeclaredComponentFields>(component: C): PreparedComponent<C> {
  const cpes: Wfn[] = [];
  for (const text of component.cpes) {
    const cpe = parseCpe(text);
    if (cpe.ok) cpes.push(cpe.wfn);
  }
  const purls: Purl[] = [];
  for (const text of component.purls) {
    const purl = parsePurl(text);
    if (purl.ok) purls.push(purl.purl);
  }
  const device = component.vendor === undefined ? undefined : { vendor: component.vendor, product: component.name, model: component.model, version: component.version };
  return { component, cpes, purls, ...(device ? { device } : {}) };
}

export type MatchedBy = 'cpe' | 'purl' | 'device';

/** Which identifier of the advisory's product covers the component, if any (CPE first, then purl, then device). */
export function productCovers(product: PreparedProduct<unknown>, component: PreparedComponent<unknown>): MatchedBy | undefined {
  if (product.cpe) {
    for (const cpe of component.cpes) if (cpeCovers(product.cpe, product.range, cpe)) return 'cpe';
  }
  if (product.purl) {
    for (const purl of component.purls) if (advisoryPurlCovers(product.purl, product.range, purl).covered) return 'purl';
  }
  if (product.device && component.device && advisoryDeviceCovers(product.device, component.device).covered) return 'device';
  return undefined;
}

function cpeCovers(advisory: Wfn, range: VersRange | undefined, declared: Wfn): boolean {
  if (!range) return advisoryCpeCovers(advisory, declared).covered;
  if (!advisoryCpeCovers(advisory, declared, true).covered) return false;
  const version = declared.version;
  if (version === ANY || version === NA || hasWildcards(version)) return false;
  return versContains(range, unquote(version)) === true;
}

/** The index keys: part, vendor and product of a CPE whose three are literal values; undefined otherwise. */
export function cpeKey(wfn: Wfn): string | undefined {
  for (const value of [wfn.part, wfn.vendor, wfn.product]) if (value === ANY || value === NA || hasWildcards(value)) return undefined;
  return `${wfn.part}:${wfn.vendor}:${wfn.product}`;
}

export function purlKey(purl: Purl): string {
  return purlPackageKey(purl);
}

export function deviceKey(vendor: string): string {
  return normaliseVendor(vendor);
}

/**
 * The bucket keys of a declared component (`cpe:`, `purl:`, `device:` prefixed), for a database index:
 * a product can cover the component only when the two share a key (the same buckets as the indexes).
 */
export function componentMatchKeys(component: DeclaredComponentFields): string[] {
  const prepared = prepareComponent(component);
  const keys = new Set<string>();
  for (const cpe of prepared.cpes) {
    const key = cpeKey(cpe);
    if (key) keys.add(`cpe:${key}`);
  }
  for (const purl of prepared.purls) keys.add(`purl:${purlKey(purl)}`);
  if (prepared.device) keys.add(`device:${deviceKey(prepared.device.vendor)}`);
  return [...keys];
}

/** The bucket keys of an affected product; empty for a malformed one or one that can cover nothing. */
export function productMatchKeys(spec: AffectedProductSpec): string[] {
  const prepared = prepareProduct(spec);
  if (!prepared.ok) return [];
  const { cpe, purl, device } = prepared.value;
  const keys: string[] = [];
  const key = cpe && cpeKey(cpe);
  if (key) keys.push(`cpe:${key}`);
  if (purl) keys.push(`purl:${purlKey(purl)}`);
  if (device && (device.model !== undefined || device.product !== undefined)) keys.push(`device:${deviceKey(device.vendor)}`);
  return keys;
}
