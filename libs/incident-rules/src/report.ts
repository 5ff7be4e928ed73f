// validateIncidentReport: an incident with its impacts, events, tasks and relationships in, every error and
// warning out, each with its path into the submitted list (`objects[2].extensions[...].impact_refs[0]`).
import { compareStixTimestamps, isStixTimestamp, validateObject } from '@hub/stix';
import {
  EVENT_EXTENSION_ID,
  IMPACT_CATEGORY_SCHEMAS,
  IMPACT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  INCIDENT_SUITE_SCHEMAS,
  incidentCoreExtensionSchema,
  TASK_EXTENSION_ID,
  typeOfId,
} from './incident-core';
import { checkWith, describeValue, isRecord, joinPath, withArticle, type Issue, type Issues } from './issues';
import { PATIENT_CARE_EXTENSION_ID, patientCareExtensionSchema } from './patient-care';

type StixRecord = Readonly<Record<string, unknown>>;

export interface IncidentReportOptions {
  /** Path of the list in the submission; issues read `${path}[i]...`. Default "objects". */
  path?: string;
  /**
   * Whether an id the report references but does not hold is already stored and readable by the submitter
   * (an impact shared with an earlier version of the incident). Without it, such references are errors.
   */
  isKnown?: (id: string) => boolean;
}

export interface IncidentReportResult {
  /** True when there are no errors (warnings do not make a report invalid). */
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Where the incident is in the list, when there is one. */
  incidentIndex?: number;
}

/** The Incident Core Extension of an incident, when it carries one that is an object. */
export function incidentCoreOf(incident: StixRecord): StixRecord | undefined {
  const extensions = incident.extensions;
  const core = isRecord(extensions) ? extensions[INCIDENT_CORE_EXTENSION_ID] : undefined;
  return isRecord(core) ? core : undefined;
}

interface Located {
  object: StixRecord;
  index: number;
}

class Report {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly byId = new Map<string, Located>();

  constructor(
    readonly objects: readonly unknown[],
    readonly prefix: string,
    readonly isKnown: (id: string) => boolean,
  ) {}

  path(index: number, ...segments: PropertyKey[]): string {
    return joinPath(`${this.prefix}[${index}]`, segments);
  }

  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  warning(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  add(issues: Issues): void {
    this.errors.push(...issues.errors);
    this.warnings.push(...issues.warnings);
  }

  ofType(type: string): Located[] {
    return [...this.byId.values()].filter(({ object }) => object.type === type);
  }
}

/**
 * Validates one incident report: the objects of a submission, of which exactly one is an incident carrying the
 * Incident Core Extension. Each object is checked by @hub/stix and by the suite's schemas, then the objects
 * against each other (docs/incidents.md, "Report rules"). Never throws for any input.
 */
export function validateIncidentReport(objects: unknown, options: IncidentReportOptions = {}): IncidentReportResult {
  const prefix = options.path ?? 'objects';
  if (!Array.isArray(objects)) return { ok: false, errors: [{ path: prefix, message: `must be a list of STIX objects (got ${describeValue(objects)})` }], warnings: [] };
  const report = new Report(objects, prefix, options.isKnown ?? (() => false));
  objects.forEach((object, index) => checkObject(report, object, index));
  const incidentIndex = findIncident(report);
  if (incidentIndex !== undefined) {
    const incident = objects[incidentIndex] as StixRecord;
    checkMembership(report, incident, incidentIndex);
    checkSupersession(report);
    checkPhaseOrder(report);
    checkCareAgainstImpacts(report, incident, incidentIndex);
    checkRelationships(report, incident);
  }
  return { ok: report.errors.length === 0, errors: report.errors, warnings: report.warnings, incidentIndex };
}

/** Drops @hub/stix's "unknown extension" warning for the names the suite gives impact extensions. */
function isSuiteExtensionWarning(object: StixRecord, path: string, prefix: string): boolean {
  if (object.type !== 'impact') return false;
  return Object.keys(IMPACT_CATEGORY_SCHEMAS).some((category) => path === joinPath(prefix, ['extensions', category]));
}

function checkObject(report: Report, object: unknown, index: number): void {
  const prefix = report.path(index);
  const stix = validateObject(object, prefix);
  report.errors.push(...stix.errors);
  if (!isRecord(object)) return;
  report.warnings.push(...stix.warnings.filter((warning) => !isSuiteExtensionWarning(object, warning.path, prefix)));
  const id = object.id;
  if (typeof id === 'string') {
    const earlier = report.byId.get(id);
    if (earlier) report.error(report.path(index, 'id'), `appears twice in the report (also ${report.path(earlier.index)}): a report holds one version of each object`);
    else report.byId.set(id, { object, index });
  }
  const schema = typeof object.type === 'string' ? INCIDENT_SUITE_SCHEMAS[object.type] : undefined;
  if (schema) report.add(checkWith(schema, object, prefix));
  const extensions = isRecord(object.extensions) ? object.extensions : {};
  if (object.type === 'incident') {
    if (extensions[INCIDENT_CORE_EXTENSION_ID] === undefined) {
      report.error(report.path(index, 'extensions', INCIDENT_CORE_EXTENSION_ID), 'is required: an incident report uses the Incident Core Extension');
    } else {
      report.add(checkWith(incidentCoreExtensionSchema, extensions[INCIDENT_CORE_EXTENSION_ID], report.path(index, 'extensions', INCIDENT_CORE_EXTENSION_ID)));
    }
    if (extensions[PATIENT_CARE_EXTENSION_ID] !== undefined) {
      report.add(checkWith(patientCareExtensionSchema, extensions[PATIENT_CARE_EXTENSION_ID], report.path(index, 'extensions', PATIENT_CARE_EXTENSION_ID)));
    }
  } else {
    for (const [extensionId, owner] of [
      [INCIDENT_CORE_EXTENSION_ID, 'incident'],
      [PATIENT_CARE_EXTENSION_ID, 'incident'],
      [IMPACT_EXTENSION_ID, 'impact'],
      [EVENT_EXTENSION_ID, 'event'],
      [TASK_EXTENSION_ID, 'task'],
    ]) {
      if (extensions[extensionId] !== undefined && object.type !== owner) {
        report.error(report.path(index, 'extensions', extensionId), `is an extension of ${owner} objects and cannot be used on ${describeValue(object.type)}`);
      }
    }
  }
}

function findIncident(report: Report): number | undefined {
  const incidents = report.objects.flatMap((object, index) => (isRecord(object) && object.type === 'incident' ? [index] : []));
  if (incidents.length === 0) {
    report.error(report.prefix, 'must contain an incident');
    return undefined;
  }
  for (const index of incidents.slice(1)) {
    report.error(report.path(index), `is a second incident: a report holds one incident (the first is ${report.path(incidents[0])})`);
  }
  return incidents[0];
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function entryRefs(entries: unknown, refKey: string): string[] {
  return Array.isArray(entries) ? entries.flatMap((entry) => (isRecord(entry) && typeof entry[refKey] === 'string' ? [entry[refKey]] : [])) : [];
}

/**
 * The incident's references point at objects of the report (or already stored), and every impact, event and
 * task of the report belongs to the incident: listed by it, or reached through sub-events, sub-tasks and
 * supersession from what it lists.
 */
function checkMembership(report: Report, incident: StixRecord, incidentIndex: number): void {
  const core = incidentCoreOf(incident);
  if (!core) return;
  const corePath = (...segments: PropertyKey[]) => report.path(incidentIndex, 'extensions', INCIDENT_CORE_EXTENSION_ID, ...segments);
  // A reference to the wrong type is the schema's error already; here, whether the target exists.
  const checkTarget = (id: string, type: string, path: string) => {
    if (typeOfId(id) === type && !report.byId.has(id) && !report.isKnown(id)) report.error(path, `does not point to ${withArticle(type)} in the report or already shared (${id})`);
  };
  stringsOf(core.impact_refs).forEach((id, index) => checkTarget(id, 'impact', corePath('impact_refs', index)));
  entryRefs(core.events, 'event_ref').forEach((id, index) => checkTarget(id, 'event', corePath('events', index, 'event_ref')));
  entryRefs(core.tasks, 'task_ref').forEach((id, index) => checkTarget(id, 'task', corePath('tasks', index, 'task_ref')));

  const reached = new Set<string>([...stringsOf(core.impact_refs), ...entryRefs(core.events, 'event_ref'), ...entryRefs(core.tasks, 'task_ref')]);
  let grew = true;
  const reach = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    grew = true;
  };
  while (grew) {
    grew = false;
    for (const [id, { object }] of report.byId) {
      const supersededBy = typeof object.superseded_by_ref === 'string' ? object.superseded_by_ref : undefined;
      if (reached.has(id)) {
        [...entryRefs(object.subevents, 'event_ref'), ...entryRefs(object.subtasks, 'task_ref')].forEach(reach);
        if (supersededBy) reach(supersededBy);
      } else if (supersededBy && reached.has(supersededBy)) {
        reach(id);
      }
    }
  }
  for (const type of ['impact', 'event', 'task']) {
    for (const { object, index } of report.ofType(type)) {
      if (typeof object.id === 'string' && !reached.has(object.id)) {
        const listedIn = type === 'impact' ? 'impact_refs' : type === 'event' ? 'events' : 'tasks';
        report.error(report.path(index), `is not part of the incident: its id is not in the incident's ${listedIn} (nor reached from them)`);
      }
    }
  }
}

/** An impact is superseded by a later impact of the same category, without cycles. */
function checkSupersession(report: Report): void {
  for (const { object, index } of report.ofType('impact')) {
    const nextId = object.superseded_by_ref;
    const next = typeof nextId === 'string' ? report.byId.get(nextId)?.object : undefined;
    if (!next) continue;
    if (next.impact_category !== object.impact_category) {
      report.error(report.path(index, 'superseded_by_ref'), `must reference an impact of the same impact_category (${describeValue(object.impact_category)}), not ${describeValue(next.impact_category)}`);
    }
    if (isStixTimestamp(object.start_time) && isStixTimestamp(next.start_time) && compareStixTimestamps(next.start_time, object.start_time) < 0) {
      report.error(report.path(index, 'superseded_by_ref'), `references an impact that starts (${next.start_time}) before this one (${object.start_time})`);
    }
    const seen = new Set<unknown>([object.id]);
    for (let current: StixRecord | undefined = next; current; ) {
      if (seen.has(current.id)) {
        report.error(report.path(index, 'superseded_by_ref'), 'forms a cycle: an impact cannot be superseded, through others, by itself');
        break;
      }
      seen.add(current.id);
      const after: unknown = current.superseded_by_ref;
      current = typeof after === 'string' ? report.byId.get(after)?.object : undefined;
    }
  }
}

/** The incident-response phases a task may mark, in the order they happen. */
const PHASES = ['detected', 'containment', 'eradication', 'recovery'] as const;

function phaseOf(task: StixRecord): number | undefined {
  const types = stringsOf(task.task_types);
  const phases = PHASES.map((phase, order) => (types.includes(phase) ? order : -1)).filter((order) => order >= 0);
  return phases.length > 0 ? Math.min(...phases) : undefined;
}

/** Timeline: containment does not start before detection, eradication before containment, and so on. */
function checkPhaseOrder(report: Report): void {
  const tasks = report.ofType('task').flatMap(({ object, index }) => {
    const phase = phaseOf(object);
    return phase !== undefined && isStixTimestamp(object.start_time) ? [{ phase, start: object.start_time, index }] : [];
  });
  for (const later of tasks) {
    const earlier = tasks.find((task) => task.phase < later.phase && compareStixTimestamps(later.start, task.start) < 0);
    if (earlier) {
      report.error(
        report.path(later.index, 'start_time'),
        `must not precede the start of the ${PHASES[earlier.phase]} task ${report.path(earlier.index)} (${earlier.start}): a ${PHASES[later.phase]} task follows it`,
      );
    }
  }
}

/** Impacts no other impact of the report supersedes: the report's current picture. */
export function currentImpacts<T extends StixRecord>(impacts: readonly T[]): T[] {
  const ids = new Set(impacts.map((impact) => impact.id));
  return impacts.filter((impact) => !(typeof impact.superseded_by_ref === 'string' && ids.has(impact.superseded_by_ref)));
}

function confidentialityOf(impact: StixRecord): StixRecord | undefined {
  const extensions = impact.extensions;
  const confidentiality = impact.impact_category === 'confidentiality' && isRecord(extensions) ? extensions.confidentiality : undefined;
  return isRecord(confidentiality) ? confidentiality : undefined;
}

/** Records of patients or persons whose confidentiality was lost for certain (confirmed or exploited). */
export function recordsExposed(impacts: readonly StixRecord[]): number | undefined {
  let total: number | undefined;
  for (const impact of currentImpacts(impacts)) {
    const detail = confidentialityOf(impact);
    if (!detail || (detail.loss_type !== 'confirmed-loss' && detail.loss_type !== 'exploited-loss')) continue;
    if (typeof detail.record_count === 'number' && Number.isInteger(detail.record_count) && detail.record_count >= 0) total = (total ?? 0) + detail.record_count;
  }
  return total;
}

/** The care figures and the confidentiality impacts of the report must not contradict each other. */
function checkCareAgainstImpacts(report: Report, incident: StixRecord, incidentIndex: number): void {
  const extensions = isRecord(incident.extensions) ? incident.extensions : {};
  const care = isRecord(extensions[PATIENT_CARE_EXTENSION_ID]) ? (extensions[PATIENT_CARE_EXTENSION_ID] as StixRecord) : undefined;
  const carePath = (key: string) => report.path(incidentIndex, 'extensions', PATIENT_CARE_EXTENSION_ID, key);
  if (!care) {
    report.warning(report.path(incidentIndex, 'extensions', PATIENT_CARE_EXTENSION_ID), 'is absent: the report will not count in the patient-care figures');
    return;
  }
  const impacts = currentImpacts(report.ofType('impact').map(({ object }) => object));
  if (care.patient_data_leaked === true) {
    const denial = report.ofType('impact').find(({ object }) => impacts.includes(object) && confidentialityOf(object)?.information_type === 'phi' && confidentialityOf(object)?.loss_type === 'none');
    if (denial) report.error(carePath('patient_data_leaked'), `is true, yet ${report.path(denial.index)} says no protected health information was lost (loss_type "none")`);
    else if (!impacts.some((impact) => confidentialityOf(impact))) report.warning(carePath('patient_data_leaked'), 'is true, yet the report has no confidentiality impact');
  }
  const exposed = recordsExposed(impacts);
  if (typeof care.individuals_notified === 'number' && exposed !== undefined && care.individuals_notified > exposed) {
    report.warning(carePath('individuals_notified'), `exceeds the records exposed by the report's confidentiality impacts (${exposed}); fine for precautionary notification`);
  }
  const core = incidentCoreOf(incident);
  if (core?.determination === 'false-positive' && typeof care.disrupted_care_days === 'number' && care.disrupted_care_days > 0) {
    report.warning(carePath('disrupted_care_days'), 'is above 0 for an incident determined to be a false-positive');
  }
}

/** Incident Core Extension 2.1.1: the relationships an incident takes part in, by direction. */
const COMMON_RELATIONSHIPS = new Set(['derived-from', 'duplicate-of', 'related-to']);
const FROM_INCIDENT: Readonly<Record<string, readonly string[]>> = {
  'led-to': ['incident'],
  impacts: ['identity', 'infrastructure'],
  'attributed-to': ['intrusion-set', 'threat-actor'],
  targets: ['identity', 'infrastructure'],
  'located-at': ['location'],
};
const TO_INCIDENT: Readonly<Record<string, readonly string[]>> = {
  'associated-with': ['campaign'],
  'contact-for': ['identity'],
  detected: ['indicator'],
};

function checkRelationships(report: Report, incident: StixRecord): void {
  for (const { object, index } of report.ofType('relationship')) {
    const type = object.relationship_type;
    const source = object.source_ref;
    const target = object.target_ref;
    if (typeof type !== 'string' || typeof source !== 'string' || typeof target !== 'string') continue;
    if (!report.byId.has(source) && !report.byId.has(target)) {
      report.warning(report.path(index), 'concerns none of the objects of this report');
      continue;
    }
    if (COMMON_RELATIONSHIPS.has(type)) continue;
    const outgoing = source === incident.id;
    const incoming = target === incident.id;
    if (!outgoing && !incoming) continue;
    const table = outgoing ? FROM_INCIDENT : TO_INCIDENT;
    const other = typeOfId(outgoing ? target : source);
    // Own entries only: a relationship_type such as "__proto__" names no entry of the table.
    const allowed = Object.hasOwn(table, type) ? table[type] : undefined;
    if (allowed?.includes(other)) {
      // @hub/stix knows STIX 2.1's table only, which has none of the extension's incident relationships.
      const path = report.path(index, 'relationship_type');
      report.warnings.splice(0, report.warnings.length, ...report.warnings.filter((warning) => warning.path !== path));
    } else {
      const ends = outgoing ? `incident "${type}" ${other}` : `${other} "${type}" incident`;
      report.warning(report.path(index, 'relationship_type'), `${ends} is not a relationship the Incident Core Extension defines (use related-to for malware and vulnerabilities)`);
    }
  }
}

export interface IncidentLinks {
  indicators: string[];
  malware: string[];
  intrusionSets: string[];
  vulnerabilities: string[];
  /** Any other object a relationship joins to the incident (identities, infrastructure, campaigns, ...). */
  other: string[];
}

const LINK_GROUPS: Readonly<Record<string, keyof IncidentLinks>> = {
  indicator: 'indicators',
  malware: 'malware',
  'intrusion-set': 'intrusionSets',
  vulnerability: 'vulnerabilities',
};

/** The objects the report's relationships join to the incident, in either direction, each once, by kind. */
export function incidentLinks(objects: readonly unknown[], incidentId: string): IncidentLinks {
  const links: IncidentLinks = { indicators: [], malware: [], intrusionSets: [], vulnerabilities: [], other: [] };
  const seen = new Set<string>();
  for (const object of objects) {
    if (!isRecord(object) || object.type !== 'relationship') continue;
    const { source_ref: source, target_ref: target } = object;
    if (typeof source !== 'string' || typeof target !== 'string') continue;
    const other = source === incidentId ? target : target === incidentId ? source : undefined;
    if (other === undefined || other === incidentId || seen.has(other)) continue;
    seen.add(other);
    links[LINK_GROUPS[typeOfId(other)] ?? 'other'].push(other);
  }
  return links;
}
