// The relationships STIX 2.1 defines between object types: the "Relationships" table of each SDO and SCO
// (spec sections 4 and 6), read as source type -> relationship type -> target types. The common
// relationship types (derived-from, duplicate-of, related-to; spec 5.1) may join any two objects.
import { SCO_TYPES } from '../object-types';

export const COMMON_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(['derived-from', 'duplicate-of', 'related-to']);

const IDENTITY_LOCATION_VULNERABILITY = ['identity', 'location', 'vulnerability'];
const ATTACKER_USES = ['attack-pattern', 'infrastructure', 'malware', 'tool'];
const MALWARE_ANALYSIS_OF = ['malware'];
const ADDRESS_OR_NAME = ['domain-name', 'ipv4-addr', 'ipv6-addr', 'url'];

export const SPEC_RELATIONSHIPS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'attack-pattern': { delivers: ['malware'], targets: IDENTITY_LOCATION_VULNERABILITY, uses: ['malware', 'tool'] },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: IDENTITY_LOCATION_VULNERABILITY,
    uses: ATTACKER_USES,
  },
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure', ...ADDRESS_OR_NAME],
    'consists-of': ['infrastructure', 'observed-data', ...SCO_TYPES],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    'originates-from': ['location'],
    targets: IDENTITY_LOCATION_VULNERABILITY,
    uses: ATTACKER_USES,
  },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrate-to': ['infrastructure'],
    'communicates-with': ADDRESS_OR_NAME,
    controls: ['malware'],
    downloads: ['malware', 'tool', 'file'],
    drops: ['malware', 'tool', 'file'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ATTACKER_USES,
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: MALWARE_ANALYSIS_OF,
    'analysis-of': MALWARE_ANALYSIS_OF,
    'static-analysis-of': MALWARE_ANALYSIS_OF,
    'dynamic-analysis-of': MALWARE_ANALYSIS_OF,
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: IDENTITY_LOCATION_VULNERABILITY,
    uses: ATTACKER_USES,
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
    uses: ['infrastructure'],
  },
  'domain-name': { 'resolves-to': ['domain-name', 'ipv4-addr', 'ipv6-addr'] },
  'ipv4-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
  'ipv6-addr': { 'resolves-to': ['mac-addr'], 'belongs-to': ['autonomous-system'] },
};

/** Whether the specification defines `relationshipType` from `sourceType` to `targetType`. */
export function isSpecRelationship(sourceType: string, relationshipType: string, targetType: string): boolean {
  if (COMMON_RELATIONSHIP_TYPES.has(relationshipType)) return true;
  return SPEC_RELATIONSHIPS[sourceType]?.[relationshipType]?.includes(targetType) ?? false;
}
