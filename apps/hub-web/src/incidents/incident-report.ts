// The guided incident form's data: what a person types, turned into the STIX objects of one report (an
// incident with the Incident Core and patient-care extensions, and a confidentiality impact when records
// were exposed), or into the next version of an incident already shared. The hub validates it all again.

/** docs/incidents.md: the OASIS Incident Core Extension and the hub's patient-care extension. */
export const INCIDENT_CORE_EXTENSION_ID = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
export const IMPACT_EXTENSION_ID = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
export const PATIENT_CARE_EXTENSION_ID = 'extension-definition--c9e6f310-8643-5f51-8894-ff5f2696bbe0';

/** The stages an incident goes through; each is a new version of the same incident. */
export const STAGES = {
  detected: { investigation_status: 'new', label: 'Detected' },
  contained: { investigation_status: 'open', label: 'Contained' },
  recovered: { investigation_status: 'closed', label: 'Recovered' },
} as const;
export type Stage = keyof typeof STAGES;

export const CLINICAL_HARM = ['none', 'suspected', 'confirmed'] as const;

/** Numbers as typed (empty: not reported). */
export const CARE_NUMBERS = [
  ['disrupted_care_days', 'Days of disrupted care'],
  ['ed_diversion_hours', 'Emergency department diversion (hours)'],
  ['ed_closure_hours', 'Emergency department closure (hours)'],
  ['procedures_scheduled', 'Procedures scheduled in the period'],
  ['procedures_postponed', 'Procedures postponed'],
  ['procedures_cancelled', 'Procedures cancelled'],
  ['appointments_scheduled', 'Appointments scheduled in the period'],
  ['appointments_postponed', 'Appointments postponed'],
  ['appointments_cancelled', 'Appointments cancelled'],
  ['patients_transferred', 'Patients transferred'],
  ['individuals_notified', 'Individuals notified'],
] as const;
export type CareNumber = (typeof CARE_NUMBERS)[number][0];

export interface IncidentFormState {
  name: string;
  description: string;
  stage: Stage;
  /** Comma-separated event-type-ov values, e.g. "ransomware, data-exfiltration". */
  incidentTypes: string;
  criticality: string;
  periodStart: string;
  periodEnd: string;
  numbers: Partial<Record<CareNumber, string>>;
  paperFallback: boolean;
  patientDataLeaked: boolean;
  clinicalHarm: '' | (typeof CLINICAL_HARM)[number];
  recordsExposed: string;
  consentPublicSummary: boolean;
}

export const EMPTY_FORM: IncidentFormState = {
  name: '',
  description: '',
  stage: 'detected',
  incidentTypes: 'ransomware',
  criticality: '',
  periodStart: '',
  periodEnd: '',
  numbers: {},
  paperFallback: false,
  patientDataLeaked: false,
  clinicalHarm: '',
  recordsExposed: '',
  consentPublicSummary: false,
};

type Stix = Record<string, unknown>;

const stixTime = (time: Date) => time.toISOString();

/** A typed number, or the text itself so that the hub names what is wrong with it at its path. */
function number(text: string | undefined): number | string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** A datetime-local value (no zone) read as UTC, or undefined. */
function time(text: string): string | undefined {
  if (!text) return undefined;
  const parsed = new Date(`${text}${text.length === 16 ? ':00' : ''}Z`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

function compact(object: Stix): Stix {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== ''));
}

export interface ReportOptions {
  /** The incident's current version, for a new version; absent for a first report. */
  previous?: Stix;
  now?: Date;
  newId?: (type: string) => string;
}

/** The objects to submit: the incident and, when records were exposed in a first report, its impact. */
export function incidentObjects(form: IncidentFormState, { previous, now = new Date(), newId = (type) => `${type}--${crypto.randomUUID()}` }: ReportOptions = {}): Stix[] {
  const modified = previous && typeof previous.modified === 'string' && new Date(previous.modified) >= now ? new Date(new Date(previous.modified).getTime() + 1) : now;
  const previousCore = (previous?.extensions as Record<string, Stix> | undefined)?.[INCIDENT_CORE_EXTENSION_ID] ?? {};
  const records = number(form.recordsExposed);
  const impact =
    records !== undefined
      ? {
          type: 'impact',
          spec_version: '2.1',
          id: newId('impact'),
          created: stixTime(modified),
          modified: stixTime(modified),
          impact_category: 'confidentiality',
          start_time: time(form.periodStart) ?? stixTime(modified),
          extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, confidentiality: { information_type: 'phi', loss_type: 'confirmed-loss', record_count: records } },
        }
      : undefined;
  const impactRefs = [...((previousCore.impact_refs as string[] | undefined) ?? []), ...(impact ? [impact.id] : [])];
  const types = form.incidentTypes
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const care = compact({
    extension_type: 'property-extension',
    period_start: time(form.periodStart),
    period_end: time(form.periodEnd),
    ...Object.fromEntries(CARE_NUMBERS.map(([key]) => [key, number(form.numbers[key])])),
    paper_fallback: form.paperFallback || undefined,
    patient_data_leaked: form.patientDataLeaked || undefined,
    clinical_harm: form.clinicalHarm || undefined,
    consent_public_summary: form.consentPublicSummary || undefined,
  });
  const incident = compact({
    type: 'incident',
    spec_version: '2.1',
    id: (previous?.id as string | undefined) ?? newId('incident'),
    created: (previous?.created as string | undefined) ?? stixTime(modified),
    modified: stixTime(modified),
    name: form.name,
    description: form.description || undefined,
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: compact({
        ...previousCore,
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: STAGES[form.stage].investigation_status,
        incident_types: types.length ? types : undefined,
        criticality: number(form.criticality),
        impact_refs: impactRefs.length ? impactRefs : undefined,
      }),
      ...(Object.keys(care).length > 1 ? { [PATIENT_CARE_EXTENSION_ID]: care } : {}),
    },
  });
  return impact ? [incident, impact] : [incident];
}

/** The form filled from an incident already shared, to report its next stage. */
export function formFromIncident(incident: Stix): IncidentFormState {
  const extensions = (incident.extensions ?? {}) as Record<string, Stix>;
  const core = extensions[INCIDENT_CORE_EXTENSION_ID] ?? {};
  const care = extensions[PATIENT_CARE_EXTENSION_ID] ?? {};
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  const local = (value: unknown) => (typeof value === 'string' ? value.slice(0, 16) : '');
  const stage = (Object.entries(STAGES).find(([, known]) => known.investigation_status === core.investigation_status)?.[0] ?? 'detected') as Stage;
  return {
    name: text(incident.name),
    description: text(incident.description),
    stage,
    incidentTypes: Array.isArray(core.incident_types) ? core.incident_types.join(', ') : '',
    criticality: text(core.criticality),
    periodStart: local(care.period_start),
    periodEnd: local(care.period_end),
    numbers: Object.fromEntries(CARE_NUMBERS.map(([key]) => [key, text(care[key])])),
    paperFallback: care.paper_fallback === true,
    patientDataLeaked: care.patient_data_leaked === true,
    clinicalHarm: (CLINICAL_HARM as readonly unknown[]).includes(care.clinical_harm) ? (care.clinical_harm as IncidentFormState['clinicalHarm']) : '',
    recordsExposed: '',
    consentPublicSummary: care.consent_public_summary === true,
  };
}

/** The field of the form a hub issue path points into (`objects[0].extensions['…patient-care…'].ed_diversion_hours` → `ed_diversion_hours`). */
export function fieldOfIssue(path: string): string | undefined {
  const match = /^(?:bundle\.)?objects\[(\d+)\](.*)$/.exec(path);
  if (!match) return undefined;
  const [, index, rest] = match;
  if (index !== '0') return rest.includes('record_count') ? 'recordsExposed' : undefined;
  // The last property named: the form has one field per property of the incident and its extensions.
  return /\.([a-z_]+)(?:\[\d+\])?$/.exec(rest)?.[1];
}
