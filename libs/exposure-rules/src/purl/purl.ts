// Package URLs (the purl specification): `pkg:type/namespace/name@version?qualifiers#subpath`, parsed as the
// spec's "how to parse" section says (right to left: subpath, qualifiers, version, name, namespace), with
// the type-specific normalisation of its types list for the types below.

export interface Purl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  subpath?: string;
}

/** Generous for real purls (download URLs in qualifiers included); keeps error messages, which quote the input, short. */
export const MAX_PURL_LENGTH = 4096;

export type PurlResult = { ok: true; purl: Purl } | { ok: false; message: string };

interface TypeRule {
  lowerNamespace?: boolean;
  lowerName?: boolean;
  /** PyPI: "_" and "-" are the same character. */
  dashName?: boolean;
  namespace?: 'required' | 'forbidden';
}

// From the purl types list; types not here are accepted as they are written.
const TYPE_RULES: Readonly<Record<string, TypeRule>> = {
  npm: { lowerNamespace: true, lowerName: true },
  pypi: { lowerName: true, dashName: true, namespace: 'forbidden' },
  maven: { namespace: 'required' },
  golang: { namespace: 'required' },
  deb: { lowerNamespace: true, lowerName: true },
  rpm: { lowerNamespace: true },
  apk: { lowerNamespace: true, lowerName: true },
  alpm: { lowerNamespace: true, lowerName: true },
  github: { lowerNamespace: true, lowerName: true, namespace: 'required' },
  bitbucket: { lowerNamespace: true, lowerName: true, namespace: 'required' },
  composer: { lowerNamespace: true, lowerName: true },
  hex: { lowerNamespace: true, lowerName: true },
  nuget: { namespace: 'forbidden' },
  cargo: { namespace: 'forbidden' },
  gem: { namespace: 'forbidden' },
  generic: {},
};

/** How the type's names compare: NuGet package ids are case-insensitive, though written as published. */
const CASE_INSENSITIVE_TYPES = new Set(['nuget']);

const TYPE = /^[a-z.+-][a-z0-9.+-]*$/;
const QUALIFIER_KEY = /^[a-z.\-_][a-z0-9.\-_]*$/;

function fail(message: string): PurlResult {
  return { ok: false, message };
}

function decode(text: string): string | undefined {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Parses and validates a purl, returning its normalised components. */
export function parsePurl(text: string): PurlResult {
  if (text.length > MAX_PURL_LENGTH) return fail(`is longer than ${MAX_PURL_LENGTH} characters`);
  if (!/^pkg:/i.test(text)) return fail('must start with "pkg:"');
  if (/\s/.test(text)) return fail('must not contain whitespace (percent-encode it)');
  let rest = text.slice(4);
  let subpath: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    const segments: string[] = [];
    for (const segment of rest.slice(hash + 1).split('/')) {
      if (segment === '' || segment === '.' || segment === '..') continue;
      const decoded = decode(segment);
      if (decoded === undefined) return fail(`subpath segment "${segment}" has a malformed percent-encoding`);
      segments.push(decoded);
    }
    if (segments.length > 0) subpath = segments.join('/');
    rest = rest.slice(0, hash);
  }
  let qualifiers: Record<string, string> | undefined;
  const question = rest.indexOf('?');
  if (question !== -1) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      if (equals <= 0) return fail(`qualifier "${pair}" must be key=value`);
      const key = pair.slice(0, equals).toLowerCase();
      if (!QUALIFIER_KEY.test(key)) return fail(`qualifier key "${key}" must be letters, digits, ".", "-" or "_", not starting with a digit`);
      const value = decode(pair.slice(equals + 1));
      if (value === undefined) return fail(`qualifier "${key}" has a malformed percent-encoding`);
      if (value === '') continue;
      qualifiers ??= {};
      if (key in qualifiers) return fail(`qualifier "${key}" appears more than once`);
      qualifiers[key] = value;
    }
    rest = rest.slice(0, question);
  }
  rest = rest.replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  if (slash === -1) return fail('must have a type and a name ("pkg:type/name")');
  const type = rest.slice(0, slash).toLowerCase();
  if (!TYPE.test(type)) return fail(`type "${type}" must be letters, digits, ".", "+" or "-", not starting with a digit`);
  rest = rest.slice(slash + 1).replace(/\/+$/, '');
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    const decoded = decode(rest.slice(at + 1));
    if (decoded === undefined) return fail('version has a malformed percent-encoding');
    if (decoded === '') return fail('has "@" but no version');
    version = decoded;
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const rawName = decode(rest.slice(lastSlash + 1));
  if (rawName === undefined) return fail('name has a malformed percent-encoding');
  if (rawName === '') return fail('must have a name');
  let namespace: string | undefined;
  if (lastSlash !== -1) {
    const segments: string[] = [];
    for (const segment of rest.slice(0, lastSlash).split('/')) {
      if (segment === '') continue;
      const decoded = decode(segment);
      if (decoded === undefined) return fail(`namespace segment "${segment}" has a malformed percent-encoding`);
      if (decoded.includes('/')) return fail(`namespace segment "${segment}" must not contain an encoded "/"`);
      segments.push(decoded);
    }
    if (segments.length > 0) namespace = segments.join('/');
  }
  const rule = TYPE_RULES[type] ?? {};
  if (rule.namespace === 'required' && namespace === undefined) return fail(`a ${type} purl needs a namespace`);
  if (rule.namespace === 'forbidden' && namespace !== undefined) return fail(`a ${type} purl has no namespace`);
  if (rule.lowerNamespace && namespace !== undefined) namespace = namespace.toLowerCase();
  let name = rawName;
  if (rule.lowerName) name = name.toLowerCase();
  if (rule.dashName) name = name.replace(/_/g, '-');
  const purl: Purl = { type, name };
  if (namespace !== undefined) purl.namespace = namespace;
  if (version !== undefined) purl.version = version;
  if (qualifiers !== undefined) purl.qualifiers = qualifiers;
  if (subpath !== undefined) purl.subpath = subpath;
  return { ok: true, purl };
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':');
}

/** The canonical string: components normalised and percent-encoded, qualifiers sorted by key. */
export function formatPurl(purl: Purl): string {
  let text = `pkg:${purl.type}/`;
  if (purl.namespace !== undefined) text += `${purl.namespace.split('/').map(encode).join('/')}/`;
  text += encode(purl.name);
  if (purl.version !== undefined) text += `@${encode(purl.version)}`;
  if (purl.qualifiers) {
    const keys = Object.keys(purl.qualifiers).sort();
    if (keys.length > 0) text += `?${keys.map((key) => `${key}=${encode((purl.qualifiers as Record<string, string>)[key])}`).join('&')}`;
  }
  if (purl.subpath !== undefined) text += `#${purl.subpath.split('/').map(encode).join('/')}`;
  return text;
}

/**
 * The package a purl names, without version, qualifiers or subpath: what advisories and inventories are
 * matched on first (`npm/@angular/core`, `pypi//django`).
 */
export function purlPackageKey(purl: Purl): string {
  const key = `${purl.type}/${purl.namespace ?? ''}/${purl.name}`;
  return CASE_INSENSITIVE_TYPES.has(purl.type) ? key.toLowerCase() : key;
}

/** The `vers` scheme for a purl type's versions (the vers spec uses the purl type as the scheme). */
export function versSchemeForPurlType(type: string): string {
  return type;
}
