// The hub's patient-care extension: what an incident did to care in a hospital, as a property-extension of the
// incident (one set of figures per incident, revised with each new version of it), published by the hub as
// an extension-definition object. Rules and reasons: docs/incidents.md, "Patient-care extension".
import { z } from 'zod';
import { parseStixTimestamp, TLP2_MARKING_IDS, uuidV5 } from '@hub/stix';
import { ALWAYS, isRecord, RuleContext } from './issues';
import { closedEnum, nonNegativeInteger, nonNegativeNumber, timestamp } from './properties';

/** RFC 4122's namespace for names that are URLs or URNs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** The name the extension's id derives from: changing it would orphan every report that uses the extension. */
export const PATIENT_CARE_EXTENSION_NAME = 'urn:healthcare-isac-hub:stix-extension:patient-care';

export const PATIENT_CARE_EXTENSION_ID = `extension-definition--${uuidV5(URL_NAMESPACE, PATIENT_CARE_EXTENSION_NAME)}`;

export const PATIENT_CARE_EXTENSION_VERSION = '1.0.0';

export const CLINICAL_HARM_ENUM = ['none', 'suspected', 'confirmed'] as const;
export type ClinicalHarm = (typeof CLINICAL_HARM_ENUM)[number];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The care figures; each is optional, as a hospital shares what it knows, and the extension needs one. */
const CARE_FIGURES = {
  period_start: timestamp.optional(),
  period_end: timestamp.optional(),
  disrupted_care_days: nonNegativeInteger.optional(),
  ed_diversion_hours: nonNegativeNumber.optional(),
  ed_closure_hours: nonNegativeNumber.optional(),
  procedures_scheduled: nonNegativeInteger.optional(),
  procedures_postponed: nonNegativeInteger.optional(),
  procedures_cancelled: nonNegativeInteger.optional(),
  appointments_scheduled: nonNegativeInteger.optional(),
  appointments_postponed: nonNegativeInteger.optional(),
  appointments_cancelled: nonNegativeInteger.optional(),
  patients_transferred: nonNegativeInteger.optional(),
  paper_fallback: z.boolean().optional(),
  clinical_harm: closedEnum(CLINICAL_HARM_ENUM, 'clinical-harm-enum').optional(),
  patient_data_leaked: z.boolean().optional(),
  individuals_notified: nonNegativeInteger.optional(),
};

const shape = {
  extension_type: z.literal('property-extension'),
  ...CARE_FIGURES,
  /** Explicit consent to be counted in the ISAC's public summary; absent means no. */
  consent_public_summary: z.boolean().optional(),
};

const KNOWN = new Set(Object.keys(shape));

/** Figures that can only be non-zero when care was disrupted. */
const DISRUPTIONS = [
  'ed_diversion_hours',
  'ed_closure_hours',
  'procedures_postponed',
  'procedures_cancelled',
  'appointments_postponed',
  'appointments_cancelled',
  'patients_transferred',
] as const;

function periodLength(care: RuleContext): number | undefined {
  const start = care.timestamp('period_start');
  const end = care.timestamp('period_end');
  if (start === undefined || end === undefined) return undefined;
  const length = parseStixTimestamp(end)!.getTime() - parseStixTimestamp(start)!.getTime();
  return length >= 0 ? length : undefined;
}

/** Postponed plus cancelled cannot exceed what was scheduled. */
function checkScheduled(care: RuleContext, what: 'procedures' | 'appointments'): void {
  const scheduled = care.amount(`${what}_scheduled`);
  const postponed = care.amount(`${what}_postponed`) ?? 0;
  const cancelled = care.amount(`${what}_cancelled`) ?? 0;
  if (scheduled !== undefined && postponed + cancelled > scheduled) {
    care.error(`${what}_scheduled`, `must be at least ${what}_postponed + ${what}_cancelled (${postponed} + ${cancelled} = ${postponed + cancelled}), got ${scheduled}`);
  }
}

function checkCareConsistency(care: RuleContext): void {
  care.requireOrder('period_start', 'period_end');
  const length = periodLength(care);
  if (length !== undefined) {
    const hours = length / HOUR_MS;
    const diversion = care.amount('ed_diversion_hours');
    const closure = care.amount('ed_closure_hours');
    // An emergency department is either diverting ambulances or closed, never both at once.
    if ((diversion ?? 0) + (closure ?? 0) > hours) {
      const path = closure !== undefined ? 'ed_closure_hours' : 'ed_diversion_hours';
      const parts = [diversion !== undefined ? `ed_diversion_hours ${diversion}` : undefined, closure !== undefined ? `ed_closure_hours ${closure}` : undefined].filter(Boolean);
      care.error(path, `${parts.join(' + ')} exceed the period's ${formatNumber(hours)} hours (period_start to period_end)`);
    }
    // A period that starts late on one day and ends early on the next touches two days, in any time zone.
    const days = care.amount('disrupted_care_days');
    const mostDays = Math.ceil(length / DAY_MS) + 1;
    if (days !== undefined && days > mostDays) care.error('disrupted_care_days', `must be at most ${mostDays}, the days the period touches (got ${days})`);
  }
  checkScheduled(care, 'procedures');
  checkScheduled(care, 'appointments');
  if (care.amount('disrupted_care_days') === 0) {
    const disruption = DISRUPTIONS.find((key) => (care.amount(key) ?? 0) > 0);
    if (disruption !== undefined) care.error('disrupted_care_days', `is 0, yet ${disruption} is ${care.amount(disruption)}: care was disrupted`);
  }
  if (!Object.keys(CARE_FIGURES).some((key) => care.has(key))) care.error([], `must contain at least one of ${Object.keys(CARE_FIGURES).join(', ')}`);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export const patientCareExtensionSchema = z.looseObject(shape).superRefine((value, refinement) => {
  if (!isRecord(value)) return;
  const care = new RuleContext(value, refinement);
  care.warnAboutUnknownKeys(KNOWN, 'the patient-care extension');
  checkCareConsistency(care);
}, ALWAYS);

export type PatientCareExtension = z.infer<typeof patientCareExtensionSchema>;

/** The patient-care extension of an incident, when it carries one that is an object. */
export function patientCareOf(incident: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | undefined {
  const extensions = incident.extensions;
  const care = isRecord(extensions) ? extensions[PATIENT_CARE_EXTENSION_ID] : undefined;
  return isRecord(care) ? care : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The published definition

const countProperty = (description: string) => ({ type: 'integer', minimum: 0, description });
const hoursProperty = (description: string) => ({ type: 'number', minimum: 0, description });

/**
 * The JSON Schema of the extension (draft 2020-12), published as the `schema` of its extension-definition.
 * The rules between properties, which JSON Schema cannot say, are in its description and in docs/incidents.md.
 */
export const PATIENT_CARE_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PATIENT_CARE_EXTENSION_NAME,
  title: 'Patient-care impact of an incident',
  description:
    'A property-extension of incident. Rules between properties: period_end >= period_start; ed_diversion_hours + ' +
    'ed_closure_hours <= the period in hours; disrupted_care_days <= ceil(period in days) + 1; X_postponed + ' +
    'X_cancelled <= X_scheduled for procedures and appointments; disrupted_care_days is not 0 when any ED hour, ' +
    'postponement, cancellation or transfer is reported. consent_public_summary true is the explicit consent of ' +
    'the reporting organisation to be counted, anonymously and in aggregate, in the public summary of a TLP:CLEAR report.',
  type: 'object',
  required: ['extension_type'],
  minProperties: 2,
  additionalProperties: false,
  properties: {
    extension_type: { const: 'property-extension' },
    period_start: { type: 'string', format: 'date-time', description: 'When care started to be disrupted.' },
    period_end: { type: 'string', format: 'date-time', description: 'When care was back to normal.' },
    disrupted_care_days: countProperty('Days on which care was disrupted.'),
    ed_diversion_hours: hoursProperty('Hours the emergency department diverted ambulances.'),
    ed_closure_hours: hoursProperty('Hours the emergency department was closed.'),
    procedures_scheduled: countProperty('Procedures scheduled during the period.'),
    procedures_postponed: countProperty('Procedures postponed.'),
    procedures_cancelled: countProperty('Procedures cancelled.'),
    appointments_scheduled: countProperty('Appointments scheduled during the period.'),
    appointments_postponed: countProperty('Appointments postponed.'),
    appointments_cancelled: countProperty('Appointments cancelled.'),
    patients_transferred: countProperty('Patients transferred to other facilities.'),
    paper_fallback: { type: 'boolean', description: 'Care fell back to paper processes.' },
    clinical_harm: { enum: [...CLINICAL_HARM_ENUM], description: 'Harm to patients attributable to the incident.' },
    patient_data_leaked: { type: 'boolean', description: 'Patient data was published on a leak site.' },
    individuals_notified: countProperty('Individuals notified of a breach of their data.'),
    consent_public_summary: { type: 'boolean', description: 'Explicit consent to be counted in the public summary.' },
  },
} as const;

export interface PatientCareDefinitionOptions {
  /** The identity of the hub operator, who publishes the extension. */
  createdByRef: string;
}

/** When version 1.0.0 was defined: fixed, so that every hub publishes the same object. */
const DEFINED_AT = '2026-12-06T00:00:00.000Z';

/** The extension-definition object the hub publishes (TLP:CLEAR), by the operator's identity. */
export function patientCareExtensionDefinition({ createdByRef }: PatientCareDefinitionOptions) {
  return {
    type: 'extension-definition' as const,
    spec_version: '2.1' as const,
    id: PATIENT_CARE_EXTENSION_ID,
    created_by_ref: createdByRef,
    created: DEFINED_AT,
    modified: DEFINED_AT,
    name: 'Patient-care impact',
    description:
      'What an incident did to patient care in a healthcare organisation: days of disrupted care, emergency ' +
      'department diversion and closure, procedures and appointments postponed or cancelled, patients transferred, ' +
      'fallback to paper, clinical harm, patient data on a leak site, individuals notified.',
    schema: JSON.stringify(PATIENT_CARE_JSON_SCHEMA),
    version: PATIENT_CARE_EXTENSION_VERSION,
    extension_types: ['property-extension' as const],
    object_marking_refs: [TLP2_MARKING_IDS.CLEAR],
  };
}
