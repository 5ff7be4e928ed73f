// Every object schema by type, and the object types inferred from them: the single source of the STIX shapes.
import type { MarkingDefinition } from './meta/marking-definition';
import { markingDefinitionSchema } from './meta/marking-definition';
import { extensionDefinitionSchema, type ExtensionDefinition } from './meta/extension-definition';
import { languageContentSchema, type LanguageContent } from './meta/language-content';
import type { MetaType, ScoType, SdoType, SroType, StixType } from './object-types';
import { artifactSchema, type Artifact } from './sco/artifact';
import { autonomousSystemSchema, type AutonomousSystem } from './sco/autonomous-system';
import { directorySchema, type Directory } from './sco/directory';
import { domainNameSchema, type DomainName } from './sco/domain-name';
import { emailAddressSchema, type EmailAddress } from './sco/email-addr';
import { emailMessageSchema, type EmailMessage } from './sco/email-message';
import { fileSchema, type StixFile } from './sco/file';
import { ipv4AddressSchema, type IPv4Address } from './sco/ipv4-addr';
import { ipv6AddressSchema, type IPv6Address } from './sco/ipv6-addr';
import { macAddressSchema, type MacAddress } from './sco/mac-addr';
import { mutexSchema, type Mutex } from './sco/mutex';
import { networkTrafficSchema, type NetworkTraffic } from './sco/network-traffic';
import { processSchema, type Process } from './sco/process';
import { softwareSchema, type Software } from './sco/software';
import { urlSchema, type Url } from './sco/url';
import { userAccountSchema, type UserAccount } from './sco/user-account';
import { windowsRegistryKeySchema, type WindowsRegistryKey } from './sco/windows-registry-key';
import { x509CertificateSchema, type X509Certificate } from './sco/x509-certificate';
import { attackPatternSchema, type AttackPattern } from './sdo/attack-pattern';
import { campaignSchema, type Campaign } from './sdo/campaign';
import { courseOfActionSchema, type CourseOfAction } from './sdo/course-of-action';
import { groupingSchema, type Grouping } from './sdo/grouping';
import { identitySchema, type Identity } from './sdo/identity';
import { incidentSchema, type Incident } from './sdo/incident';
import { indicatorSchema, type Indicator } from './sdo/indicator';
import { infrastructureSchema, type Infrastructure } from './sdo/infrastructure';
import { intrusionSetSchema, type IntrusionSet } from './sdo/intrusion-set';
import { locationSchema, type Location } from './sdo/location';
import { malwareSchema, type Malware } from './sdo/malware';
import { malwareAnalysisSchema, type MalwareAnalysis } from './sdo/malware-analysis';
import { noteSchema, type Note } from './sdo/note';
import { observedDataSchema, type ObservedData } from './sdo/observed-data';
import { opinionSchema, type Opinion } from './sdo/opinion';
import { reportSchema, type Report } from './sdo/report';
import { threatActorSchema, type ThreatActor } from './sdo/threat-actor';
import { toolSchema, type Tool } from './sdo/tool';
import { vulnerabilitySchema, type Vulnerability } from './sdo/vulnerability';
import { relationshipSchema, type Relationship } from './sro/relationship';
import { sightingSchema, type Sighting } from './sro/sighting';
import type { CustomStixObject } from './custom-object';

/**
 * The zod schema of each STIX 2.1 object type. Parsing with one reports warnings as issues too (tagged
 * `params.severity === 'warning'`); `validateObject` separates them and is the usual entry point.
 */
export const stixSchemas = {
  'attack-pattern': attackPatternSchema,
  campaign: campaignSchema,
  'course-of-action': courseOfActionSchema,
  grouping: groupingSchema,
  identity: identitySchema,
  incident: incidentSchema,
  indicator: indicatorSchema,
  infrastructure: infrastructureSchema,
  'intrusion-set': intrusionSetSchema,
  location: locationSchema,
  malware: malwareSchema,
  'malware-analysis': malwareAnalysisSchema,
  note: noteSchema,
  'observed-data': observedDataSchema,
  opinion: opinionSchema,
  report: reportSchema,
  'threat-actor': threatActorSchema,
  tool: toolSchema,
  vulnerability: vulnerabilitySchema,
  relationship: relationshipSchema,
  sighting: sightingSchema,
  artifact: artifactSchema,
  'autonomous-system': autonomousSystemSchema,
  directory: directorySchema,
  'domain-name': domainNameSchema,
  'email-addr': emailAddressSchema,
  'email-message': emailMessageSchema,
  file: fileSchema,
  'ipv4-addr': ipv4AddressSchema,
  'ipv6-addr': ipv6AddressSchema,
  'mac-addr': macAddressSchema,
  mutex: mutexSchema,
  'network-traffic': networkTrafficSchema,
  process: processSchema,
  software: softwareSchema,
  url: urlSchema,
  'user-account': userAccountSchema,
  'windows-registry-key': windowsRegistryKeySchema,
  'x509-certificate': x509CertificateSchema,
  'marking-definition': markingDefinitionSchema,
  'language-content': languageContentSchema,
  'extension-definition': extensionDefinitionSchema,
} as const satisfies Record<StixType, unknown>;

/** The object type for a STIX type name, e.g. `StixObjectOfType<'indicator'>` is `Indicator`. */
export interface StixObjectsByType {
  'attack-pattern': AttackPattern;
  campaign: Campaign;
  'course-of-action': CourseOfAction;
  grouping: Grouping;
  identity: Identity;
  incident: Incident;
  indicator: Indicator;
  infrastructure: Infrastructure;
  'intrusion-set': IntrusionSet;
  location: Location;
  malware: Malware;
  'malware-analysis': MalwareAnalysis;
  note: Note;
  'observed-data': ObservedData;
  opinion: Opinion;
  report: Report;
  'threat-actor': ThreatActor;
  tool: Tool;
  vulnerability: Vulnerability;
  relationship: Relationship;
  sighting: Sighting;
  artifact: Artifact;
  'autonomous-system': AutonomousSystem;
  directory: Directory;
  'domain-name': DomainName;
  'email-addr': EmailAddress;
  'email-message': EmailMessage;
  file: StixFile;
  'ipv4-addr': IPv4Address;
  'ipv6-addr': IPv6Address;
  'mac-addr': MacAddress;
  mutex: Mutex;
  'network-traffic': NetworkTraffic;
  process: Process;
  software: Software;
  url: Url;
  'user-account': UserAccount;
  'windows-registry-key': WindowsRegistryKey;
  'x509-certificate': X509Certificate;
  'marking-definition': MarkingDefinition;
  'language-content': LanguageContent;
  'extension-definition': ExtensionDefinition;
}

export type StixObjectOfType<T extends StixType> = StixObjectsByType[T];
export type StixDomainObject = StixObjectsByType[SdoType];
export type StixRelationshipObject = StixObjectsByType[SroType];
export type StixCyberObservableObject = StixObjectsByType[ScoType];
export type StixMetaObject = StixObjectsByType[MetaType];
/** Any STIX 2.1 object: the defined types, and custom objects such as ATT&CK's `x-mitre-*`. */
export type StixObject = StixObjectsByType[StixType] | CustomStixObject;

/**
 * Narrows an object already accepted by validateObject to the type its `type` names. (A plain comparison
 * of `type` cannot narrow StixObject, because custom objects may carry any type name.)
 */
export function isStixObjectOfType<T extends StixType>(object: { type: string }, type: T): object is StixObjectsByType[T] {
  return object.type === type;
}

export type {
  Artifact,
  AttackPattern,
  AutonomousSystem,
  Campaign,
  CourseOfAction,
  CustomStixObject,
  Directory,
  DomainName,
  EmailAddress,
  EmailMessage,
  ExtensionDefinition,
  Grouping,
  Identity,
  Incident,
  Indicator,
  Infrastructure,
  IntrusionSet,
  IPv4Address,
  IPv6Address,
  LanguageContent,
  Location,
  MacAddress,
  Malware,
  MalwareAnalysis,
  MarkingDefinition,
  Mutex,
  NetworkTraffic,
  Note,
  ObservedData,
  Opinion,
  Process,
  Relationship,
  Report,
  Sighting,
  Software,
  StixFile,
  ThreatActor,
  Tool,
  Url,
  UserAccount,
  Vulnerability,
  WindowsRegistryKey,
  X509Certificate,
};
