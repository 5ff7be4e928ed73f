// MISP `matching_attributes` name MISP attribute types; the hub checks STIX observables. Each MISP
// type maps to the observable types that hold the same kind of value. A list may also name hub
// observable types directly (`ipv4-addr`, `domain-name`...), which is what organisation asset lists do.

import { OBSERVABLE_TYPES, isObservableType, type ObservableType } from '@hub/stix';

const IP: readonly ObservableType[] = ['ipv4-addr', 'ipv6-addr'];
const HASH: readonly ObservableType[] = ['file', 'artifact'];

const MISP_ATTRIBUTE_TYPES: Readonly<Record<string, readonly ObservableType[]>> = {
  'ip-src': IP,
  'ip-dst': IP,
  ip: IP,
  'ip-src|port': IP,
  'ip-dst|port': IP,
  'domain|ip': [...IP, 'domain-name'],
  domain: ['domain-name'],
  hostname: ['domain-name'],
  'hostname|port': ['domain-name'],
  url: ['url'],
  uri: ['url'],
  link: ['url'],
  email: ['email-addr'],
  'email-src': ['email-addr'],
  'email-dst': ['email-addr'],
  'email-reply-to': ['email-addr'],
  'target-email': ['email-addr'],
  'whois-registrant-email': ['email-addr'],
  'mac-address': ['mac-addr'],
  AS: ['autonomous-system'],
  'x509-fingerprint-md5': ['x509-certificate'],
  'x509-fingerprint-sha1': ['x509-certificate'],
  'x509-fingerprint-sha256': ['x509-certificate'],
};

const HASH_TYPES = [
  'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512/224', 'sha512/256', 'sha3-224', 'sha3-256',
  'sha3-384', 'sha3-512', 'ssdeep', 'imphash', 'tlsh', 'authentihash', 'pehash', 'impfuzzy', 'vhash',
  'telfhash', 'cdhash', 'malware-sample',
];

/**
 * The observable types a list applies to. No `matching_attributes` (or `ALL` among them) means every
 * type, as in MISP. MISP types with no observable counterpart (`text`, `regkey`...) add nothing.
 */
export function observableTypesFor(matchingAttributes: readonly string[] | undefined): ObservableType[] {
  if (!matchingAttributes || matchingAttributes.length === 0 || matchingAttributes.includes('ALL')) return [...OBSERVABLE_TYPES];
  const types = new Set<ObservableType>();
  for (const attribute of matchingAttributes) {
    const hashAttribute = attribute.startsWith('filename|') ? attribute.slice('filename|'.length) : attribute;
    if (isObservableType(attribute)) types.add(attribute);
    else if (HASH_TYPES.includes(hashAttribute)) HASH.forEach((type) => types.add(type));
    else MISP_ATTRIBUTE_TYPES[attribute]?.forEach((type) => types.add(type));
  }
  return OBSERVABLE_TYPES.filter((type) => types.has(type));
}
