// Indexes for the two ways exposure is computed: a new inventory against every advisory (AdvisoryIndex),
// and a new advisory against every declared component (ComponentIndex). Both bucket by what a match needs
// equal anyway (CPE part:vendor:product, purl type/namespace/name, normalised device vendor), so a lookup
// compares only candidates, never the whole other side.
import {
  cpeKey,
  deviceKey,
  prepareComponent,
  prepareProduct,
  productCovers,
  purlKey,
  type AffectedProductSpec,
  type DeclaredComponentFields,
  type MatchedBy,
  type PreparedComponent,
  type PreparedProduct,
} from './affected-product';

export interface ExposureMatch<S, C> {
  product: S;
  component: C;
  by: MatchedBy;
}

export interface RejectedProduct<S> {
  product: S;
  message: string;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Candidates from the three buckets, each once. */
function candidates<T>(lookups: (T[] | undefined)[]): Iterable<T> {
  const nonEmpty = lookups.filter((list): list is T[] => list !== undefined);
  if (nonEmpty.length === 1) return nonEmpty[0];
  return new Set(nonEmpty.flat());
}

/** Every affected product of every advisory, bucketed; query it with one inventory's components. */
export class AdvisoryIndex<S extends AffectedProductSpec> {
  private readonly byCpe = new Map<string, PreparedProduct<S>[]>();
  private readonly byPurl = new Map<string, PreparedProduct<S>[]>();
  private readonly byDevice = new Map<string, PreparedProduct<S>[]>();
  /** Products that could not be prepared (malformed identifiers), with why. */
  readonly rejected: RejectedProduct<S>[] = [];
  size = 0;

  constructor(products: Iterable<S> = []) {
    for (const product of products) this.add(product);
  }

  add(product: S): void {
    const prepared = prepareProduct(product);
    if (!prepared.ok) {
      this.rejected.push({ product, message: prepared.message });
      return;
    }
    const { cpe, purl, device } = prepared.value;
    const key = cpe && cpeKey(cpe);
    if (key) push(this.byCpe, key, prepared.value);
    if (purl) push(this.byPurl, purlKey(purl), prepared.value);
    // A vendor alone covers nothing (advisoryDeviceCovers), so such products are not indexed.
    if (device && (device.model !== undefined || device.product !== undefined)) push(this.byDevice, deviceKey(device.vendor), prepared.value);
    this.size++;
  }

  /** The advisories' products that cover any of the components. */
  match<C extends DeclaredComponentFields>(components: Iterable<C>): ExposureMatch<S, C>[] {
    const matches: ExposureMatch<S, C>[] = [];
    for (const component of components) {
      const prepared = prepareComponent(component);
      const lookups: (PreparedProduct<S>[] | undefined)[] = [];
      for (const cpe of prepared.cpes) {
        const key = cpeKey(cpe);
        if (key) lookups.push(this.byCpe.get(key));
      }
      for (const purl of prepared.purls) lookups.push(this.byPurl.get(purlKey(purl)));
      if (prepared.device) lookups.push(this.byDevice.get(deviceKey(prepared.device.vendor)));
      for (const product of candidates(lookups)) {
        const by = productCovers(product, prepared);
        if (by) matches.push({ product: product.spec, component, by });
      }
    }
    return matches;
  }
}

/** Every declared component, bucketed; query it with one advisory's products. */
export class ComponentIndex<C extends DeclaredComponentFields> {
  private readonly byCpe = new Map<string, PreparedComponent<C>[]>();
  private readonly byPurl = new Map<string, PreparedComponent<C>[]>();
  private readonly byDevice = new Map<string, PreparedComponent<C>[]>();
  size = 0;

  constructor(components: Iterable<C> = []) {
    for (const component of components) this.add(component);
  }

  add(component: C): void {
    const prepared = prepareComponent(component);
    const keys = new Set<string>();
    for (const cpe of prepared.cpes) {
      const key = cpeKey(cpe);
      if (key && !keys.has(key)) {
        keys.add(key);
        push(this.byCpe, key, prepared);
      }
    }
    const purlKeys = new Set(prepared.purls.map(purlKey));
    for (const key of purlKeys) push(this.byPurl, key, prepared);
    if (prepared.device) push(this.byDevice, deviceKey(prepared.device.vendor), prepared);
    this.size++;
  }

  /** The components the products cover; products that cannot be prepared are returned as rejected. */
  match<S extends AffectedProductSpec>(products: Iterable<S>): { matches: ExposureMatch<S, C>[]; rejected: RejectedProduct<S>[] } {
    const matches: ExposureMatch<S, C>[] = [];
    const rejected: RejectedProduct<S>[] = [];
    for (const product of products) {
      const prepared = prepareProduct(product);
      if (!prepared.ok) {
        rejected.push({ product, message: prepared.message });
        continue;
      }
      const { cpe, purl, device } = prepared.value;
      const key = cpe && cpeKey(cpe);
      const lookups = [key ? this.byCpe.get(key) : undefined, purl ? this.byPurl.get(purlKey(purl)) : undefined, device ? this.byDevice.get(deviceKey(device.vendor)) : undefined];
      for (const component of candidates(lookups)) {
        const by = productCovers(prepared.value, component);
        if (by) matches.push({ product, component: component.component, by });
      }
    }
    return { matches, rejected };
  }
}

/** Lower case, letters and digits only; percent-encoding decoded first where present. */
function squeeze(text: string): string {
  let decoded = text;
  if (text.includes('%')) {
    try {
      decoded = decodeURIComponent(text);
    } catch {
      // Left as written: the full check after the filter refuses it anyway.
    }
  }
  return decoded.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * One advisory's products against every declared component without building an index: a cheap text
 * filter (the squeezed package name, or CPE vendor and product, must occur in the squeezed identifier; the
 * device vendor must be equal once normalised) picks candidates, and only they are parsed and checked. It
 * finds what ComponentIndex.match finds; for a single advisory it is faster than indexing every component.
 */
export function scanComponents<S extends AffectedProductSpec, C extends DeclaredComponentFields>(products: Iterable<S>, components: readonly C[]): { matches: ExposureMatch<S, C>[]; rejected: RejectedProduct<S>[] } {
  const matches: ExposureMatch<S, C>[] = [];
  const rejected: RejectedProduct<S>[] = [];
  for (const product of products) {
    const prepared = prepareProduct(product);
    if (!prepared.ok) {
      rejected.push({ product, message: prepared.message });
      continue;
    }
    const { cpe, purl, device } = prepared.value;
    const cpeNeedles = cpe && cpeKey(cpe) ? [squeeze(cpe.vendor.replace(/\\/g, '')), squeeze(cpe.product.replace(/\\/g, ''))] : undefined;
    const purlNeedle = purl ? squeeze(purl.name) : undefined;
    const vendor = device && (device.model !== undefined || device.product !== undefined) ? deviceKey(device.vendor) : undefined;
    for (const component of components) {
      let candidate = vendor !== undefined && component.vendor !== undefined && deviceKey(component.vendor) === vendor;
      if (!candidate && purlNeedle !== undefined) candidate = component.purls.some((text) => squeeze(text).includes(purlNeedle));
      if (!candidate && cpeNeedles) candidate = component.cpes.some((text) => {
        const squeezed = squeeze(text);
        return squeezed.includes(cpeNeedles[0]) && squeezed.includes(cpeNeedles[1]);
      });
      if (!candidate) continue;
      const by = productCovers(prepared.value, prepareComponent(component));
      if (by) matches.push({ product, component, by });
    }
  }
  return { matches, rejected };
}
