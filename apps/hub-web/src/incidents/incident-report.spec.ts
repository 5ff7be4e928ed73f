import { EMPTY_FORM, fieldOfIssue, formFromIncident, IMPACT_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID, incidentObjects, PATIENT_CARE_EXTENSION_ID } from './incident-report';

const ids = (type: string) => `${type}--00000000-0000-4000-8000-000000000001`;
const now = new Date('2026-03-02T08:00:00.000Z');

describe('the guided incident form', () => {
  const form = {
    ...EMPTY_FORM,
    name: 'Ransomware at the regional hospital',
    incidentTypes: 'ransomware, data-exfiltration',
    periodStart: '2026-03-01T06:00',
    periodEnd: '2026-03-04T06:00',
    numbers: { disrupted_care_days: '3', ed_diversion_hours: '30.5', procedures_postponed: '' },
    paperFallback: true,
    clinicalHarm: 'suspected' as const,
    recordsExposed: '1200',
    consentPublicSummary: true,
  };

  it('builds the incident with both extensions and its confidentiality impact', () => {
    const [incident, impact] = incidentObjects(form, { now, newId: ids });
    expect(incident).toEqual({
      type: 'incident',
      spec_version: '2.1',
      id: 'incident--00000000-0000-4000-8000-000000000001',
      created: '2026-03-02T08:00:00.000Z',
      modified: '2026-03-02T08:00:00.000Z',
      name: 'Ransomware at the regional hospital',
      extensions: {
        [INCIDENT_CORE_EXTENSION_ID]: {
          extension_type: 'property-extension',
          determination: 'confirmed',
          investigation_status: 'new',
          incident_types: ['ransomware', 'data-exfiltration'],
          impact_refs: ['impact--00000000-0000-4000-8000-000000000001'],
        },
        [PATIENT_CARE_EXTENSION_ID]: {
          extension_type: 'property-extension',
          period_start: '2026-03-01T06:00:00.000Z',
          period_end: '2026-03-04T06:00:00.000Z',
          disrupted_care_days: 3,
          ed_diversion_hours: 30.5,
          paper_fallback: true,
          clinical_harm: 'suspected',
          consent_public_summary: true,
        },
      },
    });
    expect(impact).toMatchObject({
      type: 'impact',
      impact_category: 'confidentiality',
      extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, confidentiality: { information_type: 'phi', loss_type: 'confirmed-loss', record_count: 1200 } },
    });
  });

  it('reports the next stage as a new version of the same incident, keeping its impacts', () => {
    const [first] = incidentObjects(form, { now, newId: ids });
    const next = formFromIncident(first);
    expect(next).toMatchObject({ stage: 'detected', incidentTypes: 'ransomware, data-exfiltration', periodStart: '2026-03-01T06:00', consentPublicSummary: true });
    const [version] = incidentObjects({ ...next, stage: 'recovered', numbers: { ...next.numbers, disrupted_care_days: '5' } }, { previous: first, now: new Date('2026-03-01T00:00:00.000Z'), newId: ids });
    expect(version.id).toBe(first.id);
    expect(version.created).toBe(first.created);
    // Never earlier than the version it follows, even with a clock behind.
    expect(version.modified).toBe('2026-03-02T08:00:00.001Z');
    expect(version.extensions).toMatchObject({
      [INCIDENT_CORE_EXTENSION_ID]: { investigation_status: 'closed', impact_refs: ['impact--00000000-0000-4000-8000-000000000001'] },
      [PATIENT_CARE_EXTENSION_ID]: { disrupted_care_days: 5 },
    });
  });

  it('keeps what is not a number as typed, for the hub to name at its path', () => {
    const [incident] = incidentObjects({ ...form, numbers: { disrupted_care_days: 'three' } }, { now, newId: ids });
    expect((incident.extensions as Record<string, Record<string, unknown>>)[PATIENT_CARE_EXTENSION_ID].disrupted_care_days).toBe('three');
  });

  it('finds the field of an issue path', () => {
    expect(fieldOfIssue(`objects[0].extensions['${PATIENT_CARE_EXTENSION_ID}'].ed_diversion_hours`)).toBe('ed_diversion_hours');
    expect(fieldOfIssue(`objects[0].extensions['${INCIDENT_CORE_EXTENSION_ID}'].incident_types[1]`)).toBe('incident_types');
    expect(fieldOfIssue('objects[1].extensions.confidentiality.record_count')).toBe('recordsExposed');
    expect(fieldOfIssue('objects[0].name')).toBe('name');
    expect(fieldOfIssue('tlp')).toBeUndefined();
  });
});
