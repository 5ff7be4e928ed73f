// The OASIS Incident Core Extension 2.0 for STIX 2.1 (cti-stix-common-objects, extension-definition-specifications/
// incident-core, "Incident Extension Suite", 10 October 2023): a property-extension of `incident`, and three new
// SDOs, `event`, `impact` and `task`, each declared by its own extension-definition. These schemas check what the
// suite adds; the common STIX properties are @hub/stix's (validateIncidentReport runs both).
import { z } from 'zod';
import { ALWAYS, isRecord, reportWarning, RuleContext, withArticle, type ObjectRule } from './issues';
import {
  closedEnum,
  identifier,
  nonEmptyList,
  nonNegativeInteger,
  nonNegativeNumber,
  openVocab,
  percentage,
  timestamp,
} from './properties';
import {
  ACTIVITY_CONDITION_ENUM,
  ACTIVITY_TRANSITION_ENUM,
  ASSET_TYPE_OV,
  DETECTION_METHODS_OV,
  ENTITY_TYPE_OV,
  EVENT_STATUS_ENUM,
  EVENT_TYPE_OV,
  EXTERNAL_IMPACT_OV,
  IMPACT_CATEGORY_OV,
  INCIDENT_CONFIDENTIALITY_LOSS_ENUM,
  INCIDENT_DETERMINATION_ENUM,
  INCIDENT_INVESTIGATION_OV,
  INFORMATION_TYPE_OV,
  INTEGRITY_ALTERATION_ENUM,
  MONETARY_IMPACT_TYPE_OV,
  PHYSICAL_IMPACT_ENUM,
  RECOVERABILITY_ENUM,
  STATE_CHANGE_TYPE_OV,
  TASK_OUTCOME_ENUM,
  TASK_TYPE_OV,
  TIMESTAMP_FIDELITY_ENUM,
  TRACEABILITY_ENUM,
} from './vocabularies';

export const INCIDENT_CORE_EXTENSION_ID = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
export const EVENT_EXTENSION_ID = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
export const IMPACT_EXTENSION_ID = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
export const TASK_EXTENSION_ID = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';

/** A looseObject whose rules run even when a property failed, and that warns about keys it does not define. */
function defineShape<S extends z.ZodRawShape>(what: string, shape: S, rules?: ObjectRule, known: ReadonlySet<string> = new Set(Object.keys(shape))) {
  return z.looseObject(shape).superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const context = new RuleContext(value, refinement);
    context.warnAboutUnknownKeys(known, what);
    rules?.(context);
  }, ALWAYS);
}

// ---------------------------------------------------------------------------------------------------------
// Sub-object types (section 3)

/** 3.1: entity type → how many were impacted; keys SHOULD come from entity-type-ov. */
export const entityCount = z.record(z.string(), nonNegativeInteger).check((payload) => {
  for (const key of Object.keys(payload.value)) {
    if (!ENTITY_TYPE_OV.values.has(key)) reportWarning(payload, `${JSON.stringify(key)} is not in entity-type-ov`, [key]);
  }
});

const activityCondition = closedEnum(ACTIVITY_CONDITION_ENUM, 'activity-condition-enum');
const activityTransition = closedEnum(ACTIVITY_TRANSITION_ENUM, 'activity-transition-enum');
const fidelity = closedEnum(TIMESTAMP_FIDELITY_ENUM, 'timestamp-fidelity-enum');
const recoverability = closedEnum(RECOVERABILITY_ENUM, 'recoverability-enum');

const eventSequenceEntry = defineShape('an event-sequence-entry', {
  event_ref: identifier('event'),
  condition_type: activityCondition,
  transition_type: activityTransition,
});

const taskSequenceEntry = defineShape('a task-sequence-entry', {
  task_ref: identifier('task'),
  condition_type: activityCondition,
  transition_type: activityTransition,
});

/** 3.2 */
export const eventEntry = defineShape('an event-entry', {
  event_ref: identifier('event'),
  next_steps: nonEmptyList(eventSequenceEntry).optional(),
  sequence_start: z.boolean().optional(),
});

/** 3.6 */
export const taskEntry = defineShape('a task-entry', {
  task_ref: identifier('task'),
  next_steps: nonEmptyList(taskSequenceEntry).optional(),
  sequence_start: z.boolean().optional(),
});

/** 3.4 */
const incidentScore = defineShape('an incident-score', {
  name: z.string(),
  value: z.number(),
  description: z.string().optional(),
});

/** 3.5: initial_ref or result_ref; both of one type; `input` needs initial_ref, `output` result_ref. */
const stateChange = defineShape(
  'a state-change',
  {
    state_change_type: openVocab(STATE_CHANGE_TYPE_OV),
    initial_ref: identifier().optional(),
    result_ref: identifier().optional(),
  },
  (change) => {
    const initial = change.string('initial_ref');
    const result = change.string('result_ref');
    if (!change.has('initial_ref') && !change.has('result_ref')) change.error([], 'must have initial_ref or result_ref');
    if (initial !== undefined && result !== undefined && typeOfId(initial) !== typeOfId(result)) {
      change.error('result_ref', `must reference the same type of object as initial_ref (${typeOfId(initial)})`);
    }
    const kind = change.string('state_change_type');
    if (kind === 'input' && !change.has('initial_ref')) change.error('initial_ref', 'is required when state_change_type is "input"');
    if (kind === 'output' && !change.has('result_ref')) change.error('result_ref', 'is required when state_change_type is "output"');
  },
);

export function typeOfId(id: string): string {
  const separator = id.indexOf('--');
  return separator < 0 ? id : id.slice(0, separator);
}

/**
 * 3.3 / 3.7: a next step must name an entry of the same list, and a list of sequences must have an entry
 * that starts one (sequence_start defaults to true).
 */
function checkSequences(context: RuleContext, listKey: string, refKey: string): void {
  const entries = context.list(listKey);
  if (!entries) return;
  const listed = new Set(entries.flatMap((entry) => (isRecord(entry) && typeof entry[refKey] === 'string' ? [entry[refKey]] : [])));
  entries.forEach((entry, index) => {
    if (!isRecord(entry) || !Array.isArray(entry.next_steps)) return;
    entry.next_steps.forEach((step, stepIndex) => {
      if (isRecord(step) && typeof step[refKey] === 'string' && !listed.has(step[refKey])) {
        context.error([listKey, index, 'next_steps', stepIndex, refKey], `must be the ${refKey} of an entry of ${listKey} (${step[refKey]} is not)`);
      }
    });
  });
  if (entries.length > 0 && entries.every((entry) => isRecord(entry) && entry.sequence_start === false)) {
    context.error(listKey, 'must have an entry that starts a sequence (sequence_start true or absent)');
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2.1 Incident Core: a property-extension of incident

export const incidentCoreExtensionSchema = defineShape(
  'the Incident Core Extension',
  {
    extension_type: z.literal('property-extension'),
    determination: closedEnum(INCIDENT_DETERMINATION_ENUM, 'incident-determination-enum'),
    investigation_status: openVocab(INCIDENT_INVESTIGATION_OV),
    criticality: percentage.optional(),
    detection_methods: nonEmptyList(openVocab(DETECTION_METHODS_OV)).optional(),
    events: nonEmptyList(eventEntry).optional(),
    impact_refs: nonEmptyList(identifier('impact')).optional(),
    impacted_entity_counts: entityCount.optional(),
    // Never empty: the impact figures key their total with '' (an empty type would be counted into it twice).
    incident_types: nonEmptyList(openVocab(EVENT_TYPE_OV).min(1, { error: 'must not be an empty string' })).optional(),
    recoverability: recoverability.optional(),
    scores: nonEmptyList(incidentScore).optional(),
    tasks: nonEmptyList(taskEntry).optional(),
  },
  (extension) => {
    checkSequences(extension, 'events', 'event_ref');
    checkSequences(extension, 'tasks', 'task_ref');
  },
);

// ---------------------------------------------------------------------------------------------------------
// The new SDOs

/** The common properties (spec 3.2) that @hub/stix checks; anything else not defined here draws a warning. */
const COMMON_PROPERTIES = [
  'type', 'spec_version', 'id', 'created', 'modified', 'created_by_ref', 'revoked', 'labels', 'confidence', 'lang',
  'external_references', 'object_marking_refs', 'granular_markings', 'extensions',
];

/** STIX 7.3: a new SDO carries its extension-definition in `extensions`, with extension_type "new-sdo". */
function requireNewSdoExtension(object: RuleContext, extensionId: string): void {
  const extensions = object.object.extensions;
  const entry = isRecord(extensions) ? extensions[extensionId] : undefined;
  if (!isRecord(entry)) {
    object.error(['extensions', extensionId], `is required: ${withArticle(object.string('type') ?? 'object')} is a new SDO defined by ${extensionId}`);
  } else if (entry.extension_type !== 'new-sdo') {
    object.error(['extensions', extensionId, 'extension_type'], 'must be "new-sdo"');
  }
}

function defineNewSdo<S extends z.ZodRawShape>(type: string, extensionId: string, shape: S, rules?: ObjectRule) {
  // Own extensions (the impact categories) are checked by `shape`; the rest of `extensions` by @hub/stix.
  const known = new Set([...COMMON_PROPERTIES, ...Object.keys(shape)]);
  return z.looseObject(shape).superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const object = new RuleContext(value, refinement);
    for (const key of Object.keys(value)) {
      if (!known.has(key) && !key.startsWith('x_')) object.warning(key, `unknown property of ${type} (custom properties should start with x_)`);
    }
    requireNewSdoExtension(object, extensionId);
    rules?.(object);
  }, ALWAYS);
}

/** SHOULD-populated start_time, and end_time after it (strictly, where the suite says "later than"). */
function checkTimes(object: RuleContext, endStrictlyLater: boolean): void {
  if (!object.has('start_time')) object.warning('start_time', 'should be present');
  object.requireOrder('start_time', 'end_time', endStrictlyLater);
  object.requirePresenceFor('start_time_fidelity', 'start_time');
  object.requirePresenceFor('end_time_fidelity', 'end_time');
}

/** 2.2 Event */
export const eventSchema = defineNewSdo(
  'event',
  EVENT_EXTENSION_ID,
  {
    status: closedEnum(EVENT_STATUS_ENUM, 'event-status-enum'),
    changed_objects: nonEmptyList(stateChange).optional(),
    description: z.string().optional(),
    end_time: timestamp.optional(),
    end_time_fidelity: fidelity.optional(),
    event_types: nonEmptyList(openVocab(EVENT_TYPE_OV)).optional(),
    goal: z.string().optional(),
    name: z.string().optional(),
    sighting_refs: nonEmptyList(identifier('sighting')).optional(),
    start_time: timestamp.optional(),
    start_time_fidelity: fidelity.optional(),
    subevents: nonEmptyList(eventEntry).optional(),
  },
  (event) => {
    checkTimes(event, true);
    checkSequences(event, 'subevents', 'event_ref');
  },
);

// 2.3.2 Impact extensions, keyed by the impact_category they detail.

/** `dependent` is required unless `switchKey` says "none" (confidentiality, integrity, physical). */
function requireUnlessNone(context: RuleContext, switchKey: string, dependent: string): void {
  const value = context.string(switchKey);
  if (value !== undefined && value !== 'none' && !context.has(dependent)) context.error(dependent, `is required when ${switchKey} is not "none"`);
}

const availabilityImpact = defineShape('the availability impact extension', { availability_impact: percentage });

const confidentialityImpact = defineShape(
  'the confidentiality impact extension',
  {
    information_type: openVocab(INFORMATION_TYPE_OV).optional(),
    loss_type: closedEnum(INCIDENT_CONFIDENTIALITY_LOSS_ENUM, 'incident-confidentiality-loss-enum'),
    record_count: nonNegativeInteger.optional(),
    record_size: nonNegativeInteger.optional(),
  },
  (impact) => requireUnlessNone(impact, 'loss_type', 'information_type'),
);

const externalImpact = defineShape('the external impact extension', { impact_type: openVocab(EXTERNAL_IMPACT_OV) });

const integrityImpact = defineShape(
  'the integrity impact extension',
  {
    alteration: closedEnum(INTEGRITY_ALTERATION_ENUM, 'integrity-alteration-enum'),
    information_type: openVocab(INFORMATION_TYPE_OV).optional(),
    record_count: nonNegativeInteger.optional(),
    record_size: nonNegativeInteger.optional(),
  },
  (impact) => requireUnlessNone(impact, 'alteration', 'information_type'),
);

/**
 * Amounts are accepted from zero: the suite asks for "greater than zero" yet tells a ransom demand to carry
 * min_amount 0; a negative amount or a minimum above the maximum is refused.
 */
const monetaryImpact = defineShape(
  'the monetary impact extension',
  {
    variety: openVocab(MONETARY_IMPACT_TYPE_OV),
    conversion_rate: z.number().positive().optional(),
    conversion_time: timestamp.optional(),
    currency: z.string().optional(),
    currency_actual: z.string().optional(),
    max_amount: nonNegativeNumber.optional(),
    min_amount: nonNegativeNumber.optional(),
  },
  (impact) => {
    impact.requirePresenceFor('currency_actual', 'conversion_rate');
    if (impact.has('conversion_rate') && !impact.has('currency_actual')) impact.error('conversion_rate', 'must not be present without currency_actual');
    impact.requirePresenceFor('conversion_rate', 'conversion_time');
    impact.requirePresenceFor('currency_actual', 'currency');
    impact.requirePresenceFor('min_amount', 'max_amount');
    impact.requirePresenceFor('max_amount', 'min_amount');
    impact.requirePresenceFor('min_amount', 'currency');
    const min = impact.amount('min_amount');
    const max = impact.amount('max_amount');
    if (min !== undefined && max !== undefined && min > max) impact.error('min_amount', `must not exceed max_amount (${max})`);
  },
);

const physicalImpact = defineShape(
  'the physical impact extension',
  {
    impact_type: closedEnum(PHYSICAL_IMPACT_ENUM, 'physical-impact-enum'),
    asset_type: openVocab(ASSET_TYPE_OV).optional(),
  },
  (impact) => requireUnlessNone(impact, 'impact_type', 'asset_type'),
);

const traceabilityImpact = defineShape('the traceability impact extension', {
  traceability_impact: closedEnum(TRACEABILITY_ENUM, 'traceability-enum'),
});

export const IMPACT_CATEGORY_SCHEMAS = {
  availability: availabilityImpact,
  confidentiality: confidentialityImpact,
  external: externalImpact,
  integrity: integrityImpact,
  monetary: monetaryImpact,
  physical: physicalImpact,
  traceability: traceabilityImpact,
} as const;

export type ImpactCategory = keyof typeof IMPACT_CATEGORY_SCHEMAS;

const impactExtensions = z.looseObject(
  Object.fromEntries(Object.entries(IMPACT_CATEGORY_SCHEMAS).map(([key, schema]) => [key, schema.optional()])) as {
    [K in ImpactCategory]: z.ZodOptional<(typeof IMPACT_CATEGORY_SCHEMAS)[K]>;
  },
);

/** 2.3 Impact: every impact carries the extension named by its impact_category (2.3.2). */
export const impactSchema = defineNewSdo(
  'impact',
  IMPACT_EXTENSION_ID,
  {
    impact_category: openVocab(IMPACT_CATEGORY_OV),
    criticality: percentage.optional(),
    description: z.string().optional(),
    end_time: timestamp.optional(),
    end_time_fidelity: fidelity.optional(),
    impacted_entity_counts: entityCount.optional(),
    impacted_refs: nonEmptyList(identifier()).optional(),
    recoverability: recoverability.optional(),
    start_time: timestamp.optional(),
    start_time_fidelity: fidelity.optional(),
    superseded_by_ref: identifier('impact').optional(),
    extensions: impactExtensions.optional(),
  },
  (impact) => {
    checkTimes(impact, true);
    if (impact.has('superseded_by_ref') && !impact.has('end_time')) impact.error('end_time', 'is required when superseded_by_ref is present');
    const superseding = impact.string('superseded_by_ref');
    if (superseding !== undefined && superseding === impact.string('id')) impact.error('superseded_by_ref', 'must not reference the impact itself');
    const category = impact.string('impact_category');
    const extensions = isRecord(impact.object.extensions) ? impact.object.extensions : {};
    if (category !== undefined && !isRecord(extensions[category])) {
      impact.error(['extensions', category], `is required: an impact carries the extension named by its impact_category (${JSON.stringify(category)})`);
    }
    for (const key of Object.keys(IMPACT_CATEGORY_SCHEMAS)) {
      if (key !== category && extensions[key] !== undefined) impact.error(['extensions', key], `does not match impact_category (${JSON.stringify(category)}): an impact details one category`);
    }
  },
);

/** 2.4 Task */
export const taskSchema = defineNewSdo(
  'task',
  TASK_EXTENSION_ID,
  {
    outcome: closedEnum(TASK_OUTCOME_ENUM, 'task-outcome-enum'),
    changed_objects: nonEmptyList(stateChange).optional(),
    task_types: nonEmptyList(openVocab(TASK_TYPE_OV)).optional(),
    description: z.string().optional(),
    end_time: timestamp.optional(),
    end_time_fidelity: fidelity.optional(),
    error: z.string().optional(),
    impacted_entity_counts: entityCount.optional(),
    name: z.string().optional(),
    priority: percentage.optional(),
    start_time: timestamp.optional(),
    start_time_fidelity: fidelity.optional(),
    subtasks: nonEmptyList(taskEntry).optional(),
  },
  (task) => {
    checkTimes(task, false);
    checkSequences(task, 'subtasks', 'task_ref');
  },
);

/** The schema of each new SDO type of the suite. */
export const INCIDENT_SUITE_SCHEMAS: Readonly<Record<string, z.ZodType>> = { event: eventSchema, impact: impactSchema, task: taskSchema };

/** The extension-definition of each new SDO type, for the hook @hub/stix needs (docs/incidents.md). */
export const NEW_SDO_EXTENSIONS: Readonly<Record<string, string>> = { event: EVENT_EXTENSION_ID, impact: IMPACT_EXTENSION_ID, task: TASK_EXTENSION_ID };
