// MISP attribute types -> STIX: the comparisons an indicator pattern joins with AND, and the cyber
// observables that hold the same value when the attribute is context rather than a detection.
// Types follow the MISP core format (draft-dulaunoy-misp-core-format) and MISP's describeTypes.
import { scoId } from '@hub/stix';
import { comparison, comparisonFor, scoForObservable, typedObservable, type Comparison, type TypedObservable } from '../common/observable-pattern';

type Sco = Record<string, unknown> & { type: string; id: string };

export type ConvertedAttribute =
  | { kind: 'observable'; comparisons: Comparison[]; scos: Sco[] }
  | { kind: 'vulnerability'; name: string }
  | { kind: 'link'; url: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; reason: string };

function observable(type: string, value: string): TypedObservable | string {
  const typed = typedObservable(type, value);
  return 'error' in typed ? typed.error : typed;
}

function single(type: string, value: string): ConvertedAttribute {
  const typed = observable(type, value);
  if (typeof typed === 'string') return { kind: 'error', reason: typed };
  return { kind: 'observable', comparisons: [comparisonFor(typed)], scos: [scoForObservable(typed)] };
}

function ipType(value: string): string {
  return value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
}

/** `a|b` composite values; exactly two parts. */
function split(value: string): [string, string] | undefined {
  const bar = value.indexOf('|');
  if (bar < 0 || value.indexOf('|', bar + 1) >= 0) return undefined;
  return [value.slice(0, bar).trim(), value.slice(bar + 1).trim()];
}

function sco(properties: Record<string, unknown> & { type: string }): Sco {
  const withVersion = { ...properties, spec_version: '2.1' };
  return { ...withVersion, id: scoId(withVersion) };
}

function ipPort(direction: 'src' | 'dst', value: string): ConvertedAttribute {
  const parts = split(value);
  if (!parts) return { kind: 'error', reason: `'${value}' is not an address and a port separated by '|'` };
  const address = observable(ipType(parts[0]), parts[0]);
  if (typeof address === 'string') return { kind: 'error', reason: address };
  const port = Number(parts[1]);
  if (!/^\d{1,5}$/.test(parts[1]) || port > 65535) return { kind: 'error', reason: `'${parts[1]}' is not a port number (0-65535)` };
  const addressSco = scoForObservable(address);
  return {
    kind: 'observable',
    comparisons: [
      comparison(`network-traffic:${direction}_ref.type`, address.type),
      comparison(`network-traffic:${direction}_ref.value`, address.value),
      comparison(`network-traffic:${direction}_port`, port),
    ],
    scos: [addressSco, sco({ type: 'network-traffic', [`${direction}_ref`]: addressSco.id, [`${direction}_port`]: port, protocols: [address.type === 'ipv6-addr' ? 'ipv6' : 'ipv4'] })],
  };
}

function domainIp(value: string): ConvertedAttribute {
  const parts = split(value);
  if (!parts) return { kind: 'error', reason: `'${value}' is not a domain and an address separated by '|'` };
  const domain = observable('domain-name', parts[0]);
  const address = observable(ipType(parts[1]), parts[1]);
  if (typeof domain === 'string') return { kind: 'error', reason: domain };
  if (typeof address === 'string') return { kind: 'error', reason: address };
  const addressSco = scoForObservable(address);
  return {
    kind: 'observable',
    comparisons: [comparison('domain-name:value', domain.value), comparison('domain-name:resolves_to_refs[*].value', address.value)],
    scos: [addressSco, sco({ type: 'domain-name', value: domain.value, resolves_to_refs: [addressSco.id] })],
  };
}

function email(path: string, value: string): ConvertedAttribute {
  const address = observable('email-addr', value);
  if (typeof address === 'string') return { kind: 'error', reason: address };
  return { kind: 'observable', comparisons: [comparison(path, address.value)], scos: [scoForObservable(address)] };
}

function fileName(value: string, hashType?: string, hash?: string): ConvertedAttribute {
  if (value === '') return { kind: 'error', reason: 'the file name is empty' };
  const comparisons = [comparison('file:name', value)];
  const properties: Record<string, unknown> & { type: string } = { type: 'file', name: value };
  if (hashType && hash !== undefined) {
    const typed = observable(hashType, hash);
    if (typeof typed === 'string') return { kind: 'error', reason: typed };
    comparisons.push(comparisonFor(typed));
    properties.hashes = { [typed.hashAlgorithm!]: typed.value };
  }
  return { kind: 'observable', comparisons, scos: [sco(properties)] };
}

function fileNameHash(hashType: string) {
  return (value: string): ConvertedAttribute => {
    const parts = split(value);
    return parts ? fileName(parts[0], hashType, parts[1]) : { kind: 'error', reason: `'${value}' is not a file name and a hash separated by '|'` };
  };
}

function named(type: 'mutex', property: string) {
  return (value: string): ConvertedAttribute =>
    value === '' ? { kind: 'error', reason: 'the value is empty' } : { kind: 'observable', comparisons: [comparison(`${type}:${property}`, value)], scos: [sco({ type, [property]: value })] };
}

/** STIX wants the hive spelled out (HKEY_LOCAL_MACHINE); MISP feeds mostly abbreviate it. */
const HIVES: Readonly<Record<string, string>> = {
  hklm: 'HKEY_LOCAL_MACHINE',
  hkcu: 'HKEY_CURRENT_USER',
  hkcr: 'HKEY_CLASSES_ROOT',
  hku: 'HKEY_USERS',
  hkcc: 'HKEY_CURRENT_CONFIG',
};

function registryKey(raw: string, data?: string): ConvertedAttribute {
  if (raw === '') return { kind: 'error', reason: 'the registry key is empty' };
  const slash = raw.indexOf('\\');
  const prefix = (slash < 0 ? raw : raw.slice(0, slash)).toLowerCase();
  // Own entries only: `constructor\x` is a key, not Object's function.
  const hive = Object.hasOwn(HIVES, prefix) ? HIVES[prefix] : undefined;
  const value = hive ? hive + (slash < 0 ? '' : raw.slice(slash)) : raw;
  const comparisons = [comparison('windows-registry-key:key', value)];
  const properties: Record<string, unknown> & { type: string } = { type: 'windows-registry-key', key: value };
  if (data !== undefined) {
    comparisons.push(comparison('windows-registry-key:values[*].data', data));
    properties.values = [{ data }];
  }
  return { kind: 'observable', comparisons, scos: [sco(properties)] };
}

const CONVERTERS: Readonly<Record<string, (value: string) => ConvertedAttribute>> = {
  'ip-src': (value) => single(ipType(value), value),
  'ip-dst': (value) => single(ipType(value), value),
  'ip-src|port': (value) => ipPort('src', value),
  'ip-dst|port': (value) => ipPort('dst', value),
  domain: (value) => single('domain-name', value),
  hostname: (value) => single('domain-name', value),
  'domain|ip': domainIp,
  url: (value) => single('url', value),
  // A MISP `uri` is often a bare path (`/gate.php`): a pattern can name it, an observable cannot.
  uri: (value) => (value === '' ? { kind: 'error', reason: 'the value is empty' } : { kind: 'observable', comparisons: [comparison('url:value', value)], scos: [] }),
  'email-src': (value) => email('email-message:from_ref.value', value),
  'email-dst': (value) => email('email-message:to_refs[*].value', value),
  email: (value) => email('email-addr:value', value),
  md5: (value) => single('md5', value),
  sha1: (value) => single('sha1', value),
  sha256: (value) => single('sha256', value),
  sha512: (value) => single('sha512', value),
  filename: (value) => fileName(value),
  'filename|md5': fileNameHash('md5'),
  'filename|sha1': fileNameHash('sha1'),
  'filename|sha256': fileNameHash('sha256'),
  'filename|sha512': fileNameHash('sha512'),
  mutex: named('mutex', 'name'),
  regkey: (value) => registryKey(value),
  'regkey|value': (value) => {
    const parts = split(value);
    return parts ? registryKey(parts[0], parts[1]) : { kind: 'error', reason: `'${value}' is not a registry key and a value separated by '|'` };
  },
  AS: (value) => single('autonomous-system', value),
  'mac-address': (value) => single('mac-addr', value),
  vulnerability: (value) =>
    /^CVE-\d{4}-\d{4,}$/i.test(value) ? { kind: 'vulnerability', name: value.toUpperCase() } : { kind: 'error', reason: `'${value}' is not a CVE identifier` },
  link: (value) => (/^https?:\/\/\S+$/i.test(value) ? { kind: 'link', url: value } : { kind: 'error', reason: `'${value}' is not an http(s) link` }),
  text: (value) => ({ kind: 'text', text: value }),
  comment: (value) => ({ kind: 'text', text: value }),
  other: (value) => ({ kind: 'text', text: value }),
};

export const SUPPORTED_MISP_ATTRIBUTE_TYPES: readonly string[] = Object.keys(CONVERTERS);

export function convertAttribute(type: string, value: string): ConvertedAttribute {
  const convert = Object.hasOwn(CONVERTERS, type) ? CONVERTERS[type] : undefined;
  if (!convert) return { kind: 'error', reason: `attribute type '${type}' is not supported` };
  return convert(value.trim());
}
