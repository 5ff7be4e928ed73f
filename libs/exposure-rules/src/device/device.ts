// Medical devices rarely have CPEs or purls: members declare vendor, product, model and version, and CSAF
// advisories name them by vendor and product branches and model numbers. Names are written many ways
// ("GE Healthcare", "GE-HealthCare Inc."), so they are compared in a normalised form.
import { versContains, type VersRange } from '../versions/vers';
import { compareVersions } from '../versions/schemes';

export interface DeviceIdentity {
  vendor: string;
  product?: string;
  model?: string;
  version?: string;
}

/** An advisory's device: `model` may hold CSAF model-number wildcards (`*` any run, `?` one character). */
export interface DeviceSpec {
  vendor: string;
  product?: string;
  model?: string;
  /** One affected version; ignored when `range` is given. */
  version?: string;
  range?: VersRange;
}

// Legal-form words that do not tell vendors apart; dropped only at the end of a vendor name.
const LEGAL_FORMS = /(?:\s|^)(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|bv|nv|plc|oy|ab|srl|spa|kg|se)$/;

/**
 * Inventories and advisories repeat the same few thousand vendor and model names; normalising is Unicode
 * work, so results are remembered (and forgotten wholesale past a bound, to keep memory flat).
 */
function memoised<T>(compute: (text: string) => T, limit = 50_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute(text);
      cache.set(text, value);
    }
    return value;
  };
}

/** Case, accents, whitespace and punctuation removed: "Intelli-Vue  MX 800" → "intellivuemx800". */
export const normaliseName = memoised(computeNormalisedName);

function computeNormalisedName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A vendor name normalised, trailing legal forms ("Inc.", "GmbH", ...) dropped: "Philips Medical Systems B.V." → "philipsmedicalsystems". */
export const normaliseVendor = memoised(computeNormalisedVendor);

function computeNormalisedVendor(text: string): string {
  let name = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '').replace(/,/g, ' ').trim();
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(LEGAL_FORMS, '').trim();
  }
  // A name that is only a legal form ("AG") keeps it rather than becoming empty and equal to every other.
  return normaliseName(name) || normaliseName(text);
}

/** A device version compared with the generic ordering: "V2.1" equals "2.1.0". */
function sameVersion(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b) || compareVersions('generic', a, b) === 0;
}

/** A CSAF model number pattern as a test on normalised models; wildcards survive normalisation. */
export const modelMatcher = memoised(compileModelMatcher, 10_000);

function compileModelMatcher(pattern: string): (normalisedModel: string) => boolean {
  if (!/[*?]/.test(pattern.replace(/\\[*?]/g, ''))) {
    const literal = normaliseName(pattern.replace(/\\([*?])/g, '$1'));
    return (model) => model === literal;
  }
  const parts = pattern.split(/(\\[*?]|[*?])/).map((part) => {
    if (part === '*') return '.*';
    if (part === '?') return '.';
    if (part === '\\*' || part === '\\?') return '';
    return normaliseName(part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  const regex = new RegExp(`^${parts.join('')}$`, 'u');
  return (model) => regex.test(model);
}

export type DeviceCoverage = { covered: true } | { covered: false; reason: string };

/**
 * Whether an advisory's device covers a declared one. Vendors must be equal once normalised; when the
 * advisory names a model, the declared model (or, lacking one, the declared product) must match it; when it
 * names a product and no model, the declared product must equal it; an advisory with neither names no
 * device and covers nothing (a vendor alone is too broad). Versions: the declared version in the range, or
 * equal to the advisory's version, or any version when the advisory gives neither; a declared device
 * without a version is not covered by an advisory that limits versions.
 */
export function advisoryDeviceCovers(advisory: DeviceSpec, declared: DeviceIdentity): DeviceCoverage {
  if (normaliseVendor(advisory.vendor) !== normaliseVendor(declared.vendor)) return { covered: false, reason: 'another vendor' };
  if (advisory.model !== undefined) {
    const declaredModel = declared.model ?? declared.product;
    if (declaredModel === undefined || !modelMatcher(advisory.model)(normaliseName(declaredModel))) return { covered: false, reason: 'another model' };
  } else if (advisory.product !== undefined) {
    if (declared.product === undefined || normaliseName(advisory.product) !== normaliseName(declared.product)) return { covered: false, reason: 'another product' };
  } else return { covered: false, reason: 'the advisory names no product or model' };
  if (advisory.range) {
    if (declared.version === undefined) return { covered: false, reason: 'the declared version is unknown' };
    return versContains(advisory.range, declared.version) ? { covered: true } : { covered: false, reason: 'version outside the range' };
  }
  if (advisory.version === undefined) return { covered: true };
  if (declared.version === undefined) return { covered: false, reason: 'the declared version is unknown' };
  return sameVersion(advisory.version, declared.version) ? { covered: true } : { covered: false, reason: 'another version' };
}
