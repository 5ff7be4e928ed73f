// The object types STIX 2.1 defines, grouped the way the specification groups them. Reference rules
// ("must be an SDO id", "must be an SCO or SRO id") are written against these groups.

export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

export const META_TYPES = ['marking-definition', 'language-content', 'extension-definition'] as const;

export type SdoType = (typeof SDO_TYPES)[number];
export type SroType = (typeof SRO_TYPES)[number];
export type ScoType = (typeof SCO_TYPES)[number];
export type MetaType = (typeof META_TYPES)[number];
export type StixType = SdoType | SroType | ScoType | MetaType;

/** `custom` is any other well-formed type name, such as ATT&CK's `x-mitre-tactic`. */
export type ObjectKind = 'sdo' | 'sro' | 'sco' | 'meta' | 'bundle' | 'custom';

const KIND_BY_TYPE = new Map<string, ObjectKind>([
  ...SDO_TYPES.map((type) => [type, 'sdo'] as const),
  ...SRO_TYPES.map((type) => [type, 'sro'] as const),
  ...SCO_TYPES.map((type) => [type, 'sco'] as const),
  ...META_TYPES.map((type) => [type, 'meta'] as const),
  ['bundle', 'bundle'] as const,
]);

export function kindOfType(type: string): ObjectKind {
  return KIND_BY_TYPE.get(type) ?? 'custom';
}

export function isScoType(type: string): type is ScoType {
  return KIND_BY_TYPE.get(type) === 'sco';
}

export function isSdoType(type: string): type is SdoType {
  return KIND_BY_TYPE.get(type) === 'sdo';
}

/**
 * Object type names (spec 3.1): 3–250 characters of a–z, 0–9 and hyphen, with no `--`
 * (which would make the `<type>--<UUID>` identifier ambiguous).
 */
const TYPE_NAME = /^[a-z0-9-]{3,250}$/;

export function isValidTypeName(type: string): boolean {
  return TYPE_NAME.test(type) && !type.includes('--');
}
