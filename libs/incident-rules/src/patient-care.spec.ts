import { TLP2_MARKING_IDS, validateObject } from '@hub/stix';
import {
  PATIENT_CARE_EXTENSION_ID,
  PATIENT_CARE_JSON_SCHEMA,
  patientCareExtensionDefinition,
} from './patient-care';
import { validateIncidentReport } from './report';
import { careExtension, HOSPITAL, incident, report, type Json } from './test-fixtures';

const CARE = `objects[0].extensions['${PATIENT_CARE_EXTENSION_ID}']`;

function validateCare(care: Json) {
  const objects = report();
  objects[0] = incident({}, care);
  return validateIncidentReport(objects);
}

const errorsAt = (care: Json, key?: string) => validateCare(care).errors.filter((issue) => issue.path === (key ? `${CARE}.${key}` : CARE)).map((issue) => issue.message);

describe('patient-care extension', () => {
  it('accepts the figures of the ransomware report', () => {
    expect(validateCare(careExtension()).errors).toEqual([]);
  });

  it('refuses negative durations and counts, at their paths', () => {
    expect(errorsAt(careExtension({ ed_diversion_hours: -2 }), 'ed_diversion_hours')).toEqual(['must be at least 0 (got -2)']);
    expect(errorsAt(careExtension({ patients_transferred: -1 }), 'patients_transferred')).toEqual(['must be at least 0 (got -1)']);
    expect(errorsAt(careExtension({ disrupted_care_days: 1.5 }), 'disrupted_care_days')).toEqual(['must be an integer (got 1.5)']);
  });

  it('refuses a period that ends before it starts', () => {
    expect(errorsAt(careExtension({ period_end: '2026-02-28T00:00:00.000Z' }), 'period_end')).toEqual([
      'must be later than or equal to period_start (2026-03-01T06:00:00.000Z)',
    ]);
  });

  it('refuses more emergency-department hours than the period holds (diversion and closure do not overlap)', () => {
    // The period is 72 hours: 30 + 6 fit, 60 + 13 do not, nor 73 alone.
    expect(errorsAt(careExtension({ ed_diversion_hours: 60, ed_closure_hours: 13 }), 'ed_closure_hours')).toEqual([
      "ed_diversion_hours 60 + ed_closure_hours 13 exceed the period's 72 hours (period_start to period_end)",
    ]);
    expect(errorsAt(careExtension({ ed_diversion_hours: 73, ed_closure_hours: undefined }), 'ed_diversion_hours')).toEqual([
      "ed_diversion_hours 73 exceed the period's 72 hours (period_start to period_end)",
    ]);
    expect(errorsAt(careExtension({ ed_diversion_hours: 66, ed_closure_hours: 6 }))).toEqual([]);
  });

  it('bounds disrupted_care_days by the days the period touches', () => {
    // Three days, from 06:00 to 06:00, touch four calendar days.
    expect(errorsAt(careExtension({ disrupted_care_days: 4 }), 'disrupted_care_days')).toEqual([]);
    expect(errorsAt(careExtension({ disrupted_care_days: 5 }), 'disrupted_care_days')).toEqual(['must be at most 4, the days the period touches (got 5)']);
  });

  it('refuses more postponed and cancelled procedures or appointments than were scheduled', () => {
    expect(errorsAt(careExtension({ procedures_scheduled: 50 }), 'procedures_scheduled')).toEqual([
      'must be at least procedures_postponed + procedures_cancelled (40 + 12 = 52), got 50',
    ]);
    expect(errorsAt(careExtension({ appointments_scheduled: 299 }), 'appointments_scheduled')).toEqual([
      'must be at least appointments_postponed + appointments_cancelled (300 + 0 = 300), got 299',
    ]);
  });

  it('refuses zero days of disrupted care alongside a disruption', () => {
    expect(errorsAt(careExtension({ disrupted_care_days: 0 }), 'disrupted_care_days')).toEqual(['is 0, yet ed_diversion_hours is 30: care was disrupted']);
    const onlyTransfers = { extension_type: 'property-extension', disrupted_care_days: 0, patients_transferred: 2 };
    expect(errorsAt(onlyTransfers, 'disrupted_care_days')).toEqual(['is 0, yet patients_transferred is 2: care was disrupted']);
  });

  it('takes clinical harm from its own closed list', () => {
    expect(errorsAt(careExtension({ clinical_harm: 'severe' }), 'clinical_harm')).toEqual([
      'must be one of clinical-harm-enum: "none", "suspected", "confirmed" (got "severe")',
    ]);
  });

  it('needs one figure, and warns about properties it does not define', () => {
    expect(errorsAt({ extension_type: 'property-extension', consent_public_summary: true })[0]).toMatch(/^must contain at least one of period_start, period_end, disrupted_care_days/);
    const result = validateCare(careExtension({ beds_closed: 4 }));
    expect(result.warnings).toContainEqual({ path: `${CARE}.beds_closed`, message: 'unknown property of the patient-care extension' });
  });

  it('belongs to incidents only', () => {
    const objects = report();
    (objects[1].extensions as Json)[PATIENT_CARE_EXTENSION_ID] = careExtension();
    expect(validateIncidentReport(objects).errors).toContainEqual({
      path: `objects[1].extensions['${PATIENT_CARE_EXTENSION_ID}']`,
      message: 'is an extension of incident objects and cannot be used on "impact"',
    });
  });
});

describe('the published extension-definition', () => {
  const definition = patientCareExtensionDefinition({ createdByRef: HOSPITAL });

  it('has an id derived from a fixed name, so every hub publishes the same one', () => {
    expect(PATIENT_CARE_EXTENSION_ID).toBe('extension-definition--c9e6f310-8643-5f51-8894-ff5f2696bbe0');
    expect(definition.id).toBe(PATIENT_CARE_EXTENSION_ID);
    expect(patientCareExtensionDefinition({ createdByRef: 'identity--11111111-1111-4111-8111-111111111111' }).id).toBe(PATIENT_CARE_EXTENSION_ID);
  });

  it('is a valid STIX extension-definition, TLP:CLEAR, created by the operator given', () => {
    const result = validateObject(definition);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(definition).toMatchObject({ created_by_ref: HOSPITAL, object_marking_refs: [TLP2_MARKING_IDS.CLEAR], extension_types: ['property-extension'], version: '1.0.0' });
  });

  it('carries the JSON Schema the library keeps, which names every property the extension defines', () => {
    expect(JSON.parse(definition.schema)).toEqual(PATIENT_CARE_JSON_SCHEMA);
    expect(Object.keys(PATIENT_CARE_JSON_SCHEMA.properties).sort()).toEqual(Object.keys(careExtension({ ed_closure_hours: 1, appointments_scheduled: 1, appointments_cancelled: 1 })).sort());
  });
});
