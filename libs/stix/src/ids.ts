// STIX identifiers (spec 2.9): `<object-type>--<RFC 4122 UUID>`. SDOs, SROs and meta objects use random
// UUIDv4s; cyber observables derive a UUIDv5 from their ID-contributing properties so that every producer
// who sees the same observable names it the same way.
import { hash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { SCO_TYPES, type ScoType } from './objects/object-types';

/** The namespace the specification reserves for deterministic SCO identifiers. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 4122 UUIDs carry the `10xx` variant bits. Like the OASIS reference implementation, the version is not
 * checked, so time-ordered UUIDv7s (RFC 9562) are accepted too.
 */
export function isRfc4122Uuid(uuid: string): boolean {
  return UUID.test(uuid) && '89abAB'.includes(uuid[19]);
}

export interface ParsedStixId {
  type: string;
  uuid: string;
}

/** Splits `<type>--<uuid>`; undefined when the string does not have that shape. */
export function parseStixId(id: string): ParsedStixId | undefined {
  const separator = id.indexOf('--');
  if (separator <= 0) return undefined;
  const uuid = id.slice(separator + 2);
  if (!UUID.test(uuid)) return undefined;
  return { type: id.slice(0, separator), uuid };
}

/** A fresh random identifier for an object of `type`. */
export function newStixId(type: string): string {
  return `${type}--${randomUUID()}`;
}

// Importers make an id per row from one namespace: its bytes are parsed once.
const namespaceBytes = new Map<string, Buffer>();

/** RFC 4122 name-based UUID, version 5 (SHA-1), with the name encoded as UTF-8. */
export function uuidV5(namespace: string, name: string): string {
  let prefix = namespaceBytes.get(namespace);
  if (!prefix) {
    if (!UUID.test(namespace)) throw new TypeError(`Not a UUID: ${namespace}`);
    prefix = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (namespaceBytes.size < 64) namespaceBytes.set(namespace, prefix);
  }
  const nameBytes = Buffer.from(name, 'utf8');
  const digest = hash('sha1', Buffer.concat([prefix, nameBytes], prefix.length + nameBytes.length), 'buffer');
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ID-contributing properties of each cyber-observable type (spec section 6, "ID Contributing
 * Properties"). A process has none, so its identifier is always random.
 */
export const SCO_ID_CONTRIBUTING_PROPERTIES: Readonly<Record<ScoType, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/**
 * A `hashes` dictionary contributes a single hash to an identifier. The OASIS reference implementation
 * (cti-python-stix2) prefers MD5, then SHA-1, SHA-256 and SHA-512, and otherwise takes the first key; we
 * follow it so that identifiers agree with the tools most producers use.
 */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function chooseOneHash(hashes: Record<string, unknown>): Record<string, unknown> | undefined {
  const key = HASH_PREFERENCE.find((algorithm) => algorithm in hashes) ?? Object.keys(hashes)[0];
  return key === undefined ? undefined : { [key]: hashes[key] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCO_TYPE_SET: ReadonlySet<string> = new Set(SCO_TYPES);

/**
 * The identifier the specification prescribes for a cyber observable: `<type>--<UUIDv5>` over the RFC 8785
 * canonical JSON of its ID-contributing properties, or a random UUIDv4 when none of them is present.
 */
export function scoId(observable: { type: string } & Record<string, unknown>): string {
  const { type } = observable;
  if (!SCO_TYPE_SET.has(type)) throw new TypeError(`${type} is not a STIX cyber-observable type`);
  const contributing: Record<string, unknown> = {};
  for (const property of SCO_ID_CONTRIBUTING_PROPERTIES[type as ScoType]) {
    const value = observable[property];
    if (value === undefined) continue;
    if (property === 'hashes') {
      const hash = isRecord(value) ? chooseOneHash(value) : undefined;
      if (hash) contributing.hashes = hash;
      continue;
    }
    contributing[property] = value;
  }
  if (Object.keys(contributing).length === 0) return newStixId(type);
  return `${type}--${uuidV5(SCO_ID_NAMESPACE, canonicalJson(contributing))}`;
}
