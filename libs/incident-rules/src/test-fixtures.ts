// A complete incident report for the specs: a ransomware attack on a hospital, shared TLP:CLEAR with consent.
import { TLP2_MARKING_IDS } from '@hub/stix';
import { EVENT_EXTENSION_ID, IMPACT_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID, TASK_EXTENSION_ID } from './incident-core';
import { PATIENT_CARE_EXTENSION_ID } from './patient-care';

export type Json = Record<string, unknown>;

export const HOSPITAL = 'identity--7d5b2c1e-3c4f-4a61-9d1e-5b0c2f1a9e01';
export const INCIDENT = 'incident--0b9c8a1e-4d2f-4e8a-9b6c-1f2e3d4c5b01';
export const AVAILABILITY = 'impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01';
export const CONFIDENTIALITY = 'impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c02';
export const EXTERNAL = 'impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03';
export const EVENT = 'event--2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d01';
export const DETECTED = 'task--3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e01';
export const CONTAINED = 'task--3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e02';
export const RECOVERED = 'task--3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e03';
export const INDICATOR = 'indicator--4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f01';
export const INTRUSION_SET = 'intrusion-set--5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a01';
export const MALWARE = 'malware--6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b01';

const common = (type: string, id: string) => ({
  type,
  spec_version: '2.1',
  id,
  created: '2026-03-02T08:00:00.000Z',
  modified: '2026-03-02T08:00:00.000Z',
  created_by_ref: HOSPITAL,
  object_marking_refs: [TLP2_MARKING_IDS.CLEAR],
});

export function careExtension(overrides: Json = {}): Json {
  return {
    extension_type: 'property-extension',
    period_start: '2026-03-01T06:00:00.000Z',
    period_end: '2026-03-04T06:00:00.000Z',
    disrupted_care_days: 3,
    ed_diversion_hours: 30,
    ed_closure_hours: 6,
    procedures_scheduled: 120,
    procedures_postponed: 40,
    procedures_cancelled: 12,
    appointments_postponed: 300,
    patients_transferred: 9,
    paper_fallback: true,
    clinical_harm: 'suspected',
    patient_data_leaked: true,
    individuals_notified: 1200,
    consent_public_summary: true,
    ...overrides,
  };
}

export function incident(core: Json = {}, care: Json | null = careExtension()): Json {
  return {
    ...common('incident', INCIDENT),
    name: 'Ransomware at a regional hospital',
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: 'closed',
        criticality: 90,
        incident_types: ['ransomware'],
        impact_refs: [AVAILABILITY, CONFIDENTIALITY, EXTERNAL],
        impacted_entity_counts: { individual: 1200, 'computers-server': 40 },
        events: [{ event_ref: EVENT }],
        tasks: [
          { task_ref: DETECTED, next_steps: [{ task_ref: CONTAINED, condition_type: 'required', transition_type: 'success' }] },
          { task_ref: CONTAINED, sequence_start: false, next_steps: [{ task_ref: RECOVERED, condition_type: 'required', transition_type: 'success' }] },
          { task_ref: RECOVERED, sequence_start: false },
        ],
        ...core,
      },
      ...(care ? { [PATIENT_CARE_EXTENSION_ID]: care } : {}),
    },
  };
}

export function impact(id: string, category: string, detail: Json, overrides: Json = {}): Json {
  return {
    ...common('impact', id),
    impact_category: category,
    start_time: '2026-03-01T06:00:00.000Z',
    extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, [category]: detail },
    ...overrides,
  };
}

export function task(id: string, type: string, start: string, overrides: Json = {}): Json {
  return {
    ...common('task', id),
    name: type,
    outcome: 'successful',
    task_types: [type],
    start_time: start,
    extensions: { [TASK_EXTENSION_ID]: { extension_type: 'new-sdo' } },
    ...overrides,
  };
}

export function event(overrides: Json = {}): Json {
  return {
    ...common('event', EVENT),
    status: 'occurred',
    event_types: ['ransomware'],
    start_time: '2026-03-01T05:40:00.000Z',
    end_time: '2026-03-01T06:10:00.000Z',
    extensions: { [EVENT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
    ...overrides,
  };
}

export function relationship(suffix: string, source: string, type: string, target: string): Json {
  return {
    ...common('relationship', `relationship--7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c${suffix}`),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}

export function report(): Json[] {
  return [
    incident(),
    impact(AVAILABILITY, 'availability', { availability_impact: 75 }),
    impact(CONFIDENTIALITY, 'confidentiality', { information_type: 'phi', loss_type: 'confirmed-loss', record_count: 1200 }),
    impact(EXTERNAL, 'external', { impact_type: 'public-health' }),
    event(),
    task(DETECTED, 'detected', '2026-03-01T06:05:00.000Z'),
    task(CONTAINED, 'containment', '2026-03-01T09:00:00.000Z'),
    task(RECOVERED, 'recovery', '2026-03-02T10:00:00.000Z', { end_time: '2026-03-04T06:00:00.000Z' }),
    relationship('01', INDICATOR, 'detected', INCIDENT),
    relationship('02', INCIDENT, 'attributed-to', INTRUSION_SET),
    relationship('03', MALWARE, 'related-to', INCIDENT),
  ];
}
