// The vocabularies and enumerations of the OASIS Incident Core Extension 2.0 for STIX 2.1 (cti-stix-common-objects,
// extension-definition-specifications/incident-core, "Incident Extension Suite", sections 4 and 5). Open
// vocabularies (`-ov`) suggest values: anything else draws a warning. Enumerations (`-enum`) are closed:
// anything else is an error.
import type { OpenVocabulary } from '@hub/stix';

function openVocabulary(name: string, values: readonly string[]): OpenVocabulary {
  return { name, values: new Set(values) };
}

export const ASSET_TYPE_OV = openVocabulary('asset-type-ov', [
  'building-doors', 'building-windows', 'buildings', 'computers-mobile', 'computers-personal', 'computers-server',
  'environment', 'ics-actuator', 'ics-engineering-workstation', 'ics-historian', 'ics-hmi', 'ics-other', 'ics-plc',
  'ics-safety-system', 'ics-sensor', 'inventory', 'network-device', 'private-infrastructure', 'public-infrastructure',
  'security-containers', 'vehicles',
]);

export const DETECTION_METHODS_OV = openVocabulary('detection-methods-ov', [
  'automated-tool', 'commercial-solution', 'external-notification', 'human-review', 'message-from-attacker',
  'propriety-solution', 'system-outage', 'user-reporting',
]);

export const ENTITY_TYPE_OV = openVocabulary('entity-type-ov', [
  'computers-mobile', 'computers-personal', 'computers-server', 'customer', 'customer-individual',
  'customer-organization', 'domain-controller', 'employee', 'group', 'ics-actuator', 'ics-engineering-workstation',
  'ics-historian', 'ics-hmi', 'ics-other', 'ics-plc', 'ics-safety-system', 'ics-sensor', 'individual',
  'network-device', 'organization', 'system', 'vehicles',
]);

/** Used by event `event_types` and by the incident's `incident_types`. */
export const EVENT_TYPE_OV = openVocabulary('event-type-ov', [
  'aggregation-information-phishing-schemes', 'benign', 'blocked', 'brute-force-attempt', 'c&c-server-hosting',
  'compromised-system', 'confirmed', 'connection-malware-port', 'connection-malware-system',
  'content-forbidden-by-law', 'control-system-bypass', 'copyrighted-content', 'data-exfiltration', 'deferred',
  'deletion-information', 'denial-of-service', 'destruction', 'dictionary-attack-attempt', 'discarded',
  'disruption-data-transmission', 'dissemination-malware-email', 'dissemination-phishing-emails',
  'dns-cache-poisoning', 'dns-local-resolver-hijacking', 'dns-spoofing-registered', 'dns-rebinding',
  'dns-server-compromise', 'dns-spoofing-unregistered', 'dns-stub-resolver-hijacking', 'dns-zone-transfer',
  'domain-name-compromise', 'duplicate', 'email-flooding', 'equipment-loss', 'equipment-theft', 'exploit',
  'exploit-attempt', 'exploit-framework-exhausting-resources', 'exploit-tool-exhausting-resources', 'failed',
  'file-inclusion', 'file-inclusion-attempt', 'hosting-malware-webpage', 'hosting-phishing-sites',
  'illegitimate-use-name', 'illegitimate-use-resources', 'infected-by-known-malware', 'insufficient-data',
  'known-malware', 'lame-delegations', 'major', 'modification-information', 'misconfiguration', 'natural',
  'negotiation', 'network-scanning', 'no-apt', 'packet-flood', 'password-cracking-attempt', 'policy-violation',
  'ransomware', 'ransomware-payment', 'refuted', 'scan-probe', 'silently-discarded', 'supply-chain-customer',
  'supply-chain-vendor', 'spam', 'sql-injection', 'sql-injection-attempt', 'successful', 'system-probe',
  'theft-access-credentials', 'unattributed', 'unauthorized-access-information', 'unauthorized-access-system',
  'unauthorized-equipment', 'unauthorized-release', 'unauthorized-use', 'undetermined', 'unintentional',
  'unknown-apt', 'unspecified', 'vandalism', 'wiretapping', 'worm-spreading', 'xss', 'xss-attempt',
]);

export const EXTERNAL_IMPACT_OV = openVocabulary('external-impact-ov', [
  'economic', 'emergency-services', 'foreign-relations', 'national-security', 'public-confidence', 'public-health',
  'public-safety',
]);

export const INCIDENT_INVESTIGATION_OV = openVocabulary('incident-investigation-ov', ['closed', 'new', 'open']);

export const INFORMATION_TYPE_OV = openVocabulary('information-type-ov', [
  'classified-material', 'communication', 'credentials-admin', 'credentials-user', 'financial', 'legal', 'payment',
  'phi', 'pii', 'proprietary', 'system',
]);

export const MONETARY_IMPACT_TYPE_OV = openVocabulary('monetary-impact-type-ov', [
  'asset-and-fraud', 'brand-damage', 'business-disruption', 'competitive-advantage', 'legal-and-regulatory',
  'operating-costs', 'ransom-demand', 'ransom-payment', 'response-and-recovery', 'uncategorized',
]);

export const STATE_CHANGE_TYPE_OV = openVocabulary('state-change-type-ov', [
  'caused', 'contributed-to', 'input', 'mitigated', 'output', 'resolved',
]);

export const TASK_TYPE_OV = openVocabulary('task-type-ov', [
  'administrative', 'attribution', 'containment', 'declared', 'detected', 'eradication', 'escalated',
  'exercised-control', 'external-intelligence', 'external-outreach', 'external-support', 'implemented-control',
  'investigation', 'negotiation', 'playbook-execution', 'playbook-step-execution', 'ransom-payment', 'recovery',
  'reported', 'routine-updates', 'victim-notification',
]);

/** Section 2.3.2: the impact extensions the suite defines; `impact_category` SHOULD be one of them. */
export const IMPACT_CATEGORY_OV = openVocabulary('impact categories of the Incident Core Extension (section 2.3.2)', [
  'availability', 'confidentiality', 'external', 'integrity', 'monetary', 'physical', 'traceability',
]);

export const ACTIVITY_CONDITION_ENUM = ['optional', 'required', 'unknown'] as const;
export const ACTIVITY_TRANSITION_ENUM = ['completion', 'failure', 'success', 'unknown'] as const;
export const EVENT_STATUS_ENUM = ['ongoing', 'occurred', 'not-occurred', 'pending', 'undetermined'] as const;
export const INCIDENT_CONFIDENTIALITY_LOSS_ENUM = ['confirmed-loss', 'contained', 'exploited-loss', 'none', 'suspected-loss'] as const;
export const INCIDENT_DETERMINATION_ENUM = ['blocked', 'confirmed', 'failed-attempt', 'false-positive', 'suspected'] as const;
export const INTEGRITY_ALTERATION_ENUM = [
  'potential-destruction', 'potential-modification', 'partial-destruction', 'partial-modification', 'full-destruction',
  'full-modification', 'none',
] as const;
export const PHYSICAL_IMPACT_ENUM = ['damaged-functional', 'damaged-nonfunctional', 'destruction', 'none', 'unknown'] as const;
export const RECOVERABILITY_ENUM = ['extended', 'not-applicable', 'not-recoverable', 'regular', 'supplemented'] as const;
export const TASK_OUTCOME_ENUM = ['cancelled', 'failed', 'ongoing', 'pending', 'successful', 'unknown'] as const;
export const TIMESTAMP_FIDELITY_ENUM = ['day', 'hour', 'minute', 'month', 'second', 'year'] as const;
export const TRACEABILITY_ENUM = ['accountability-lost', 'partial-accountability', 'provable-accountability'] as const;

export type IncidentDetermination = (typeof INCIDENT_DETERMINATION_ENUM)[number];
export type ConfidentialityLoss = (typeof INCIDENT_CONFIDENTIALITY_LOSS_ENUM)[number];
