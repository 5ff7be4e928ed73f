import { INCIDENT_CORE_EXTENSION_ID, EVENT_EXTENSION_ID, IMPACT_EXTENSION_ID } from './incident-core';
import { validateIncidentReport, type IncidentReportResult } from './report';
import { AVAILABILITY, CONFIDENTIALITY, DETECTED, event, impact, incident, report, task, type Json } from './test-fixtures';

const CORE = `objects[0].extensions['${INCIDENT_CORE_EXTENSION_ID}']`;

function withObject(index: number, object: Json): Json[] {
  const objects = report();
  objects[index] = object;
  return objects;
}

const messagesAt = (issues: { path: string; message: string }[], path: string) => issues.filter((issue) => issue.path === path).map((issue) => issue.message);
const errorsAt = (result: IncidentReportResult, path: string) => messagesAt(result.errors, path);
const warningsAt = (result: IncidentReportResult, path: string) => messagesAt(result.warnings, path);

describe('the Incident Core Extension on the incident', () => {
  it('accepts the complete report without errors or warnings', () => {
    const result = validateIncidentReport(report());
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result).toMatchObject({ ok: true, incidentIndex: 0 });
  });

  it('refuses a determination outside incident-determination-enum, at its path', () => {
    const result = validateIncidentReport(withObject(0, incident({ determination: 'likely' })));
    expect(result.ok).toBe(false);
    expect(errorsAt(result, `${CORE}.determination`)).toEqual([
      'must be one of incident-determination-enum: "blocked", "confirmed", "failed-attempt", "false-positive", "suspected" (got "likely")',
    ]);
  });

  it('warns about open-vocabulary values it does not list, and accepts them', () => {
    const result = validateIncidentReport(withObject(0, incident({ investigation_status: 'triage', incident_types: ['ransomware', 'hospital-extortion'] })));
    expect(result.ok).toBe(true);
    expect(warningsAt(result, `${CORE}.investigation_status`)).toEqual(['"triage" is not in incident-investigation-ov']);
    expect(warningsAt(result, `${CORE}.incident_types[1]`)).toEqual(['"hospital-extortion" is not in event-type-ov']);
  });

  it('refuses an empty incident type (the impact figures would count it into the total)', () => {
    const result = validateIncidentReport(withObject(0, incident({ incident_types: ['ransomware', ''] })));
    expect(result.ok).toBe(false);
    expect(errorsAt(result, `${CORE}.incident_types[1]`)).toEqual(['must not be an empty string']);
  });

  it('requires determination and investigation_status, and keeps criticality within 0 to 100', () => {
    const result = validateIncidentReport(withObject(0, incident({ determination: undefined, investigation_status: undefined, criticality: 101 })));
    expect(errorsAt(result, `${CORE}.determination`)).toEqual(['is required']);
    expect(errorsAt(result, `${CORE}.investigation_status`)).toEqual(['is required']);
    expect(errorsAt(result, `${CORE}.criticality`)).toEqual(['must be at most 100 (got 101)']);
  });

  it('refuses negative entity counts and warns about entity types off entity-type-ov', () => {
    const result = validateIncidentReport(withObject(0, incident({ impacted_entity_counts: { individual: -3, patient: 12 } })));
    expect(errorsAt(result, `${CORE}.impacted_entity_counts.individual`)).toEqual(['must be at least 0 (got -3)']);
    expect(warningsAt(result, `${CORE}.impacted_entity_counts.patient`)).toEqual(['"patient" is not in entity-type-ov']);
  });

  it('refuses a next step that names no entry of the list, and a list where no entry starts a sequence', () => {
    const stray = 'task--9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
    const result = validateIncidentReport(
      withObject(
        0,
        incident({
          tasks: [{ task_ref: DETECTED, sequence_start: false, next_steps: [{ task_ref: stray, condition_type: 'required', transition_type: 'success' }] }],
        }),
      ),
    );
    expect(errorsAt(result, `${CORE}.tasks[0].next_steps[0].task_ref`)).toEqual([`must be the task_ref of an entry of tasks (${stray} is not)`]);
    expect(errorsAt(result, `${CORE}.tasks`)).toEqual(['must have an entry that starts a sequence (sequence_start true or absent)']);
  });

  it('refuses an impact_refs entry that is no impact identifier', () => {
    const result = validateIncidentReport(withObject(0, incident({ impact_refs: [AVAILABILITY, DETECTED] })));
    expect(errorsAt(result, `${CORE}.impact_refs[1]`)).toEqual(['must reference an impact, not a task']);
  });

  it('requires the extension on the incident of a report', () => {
    const bare = incident();
    bare.extensions = {};
    const result = validateIncidentReport(withObject(0, bare));
    expect(errorsAt(result, CORE)).toEqual(['is required: an incident report uses the Incident Core Extension']);
  });
});

describe('impact', () => {
  it('requires the extension named by its impact_category and refuses one of another category', () => {
    const result = validateIncidentReport(
      withObject(1, impact(AVAILABILITY, 'availability', { availability_impact: 50 }, { extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, integrity: { alteration: 'none' } } })),
    );
    expect(errorsAt(result, 'objects[1].extensions.availability')).toEqual(['is required: an impact carries the extension named by its impact_category ("availability")']);
    expect(errorsAt(result, 'objects[1].extensions.integrity')).toEqual(['does not match impact_category ("availability"): an impact details one category']);
  });

  it('requires its extension-definition as a new-sdo', () => {
    const result = validateIncidentReport(withObject(1, impact(AVAILABILITY, 'availability', { availability_impact: 50 }, { extensions: { availability: { availability_impact: 50 } } })));
    expect(errorsAt(result, `objects[1].extensions['${IMPACT_EXTENSION_ID}']`)).toEqual([`is required: an impact is a new SDO defined by ${IMPACT_EXTENSION_ID}`]);
  });

  it('refuses an end before its start', () => {
    const result = validateIncidentReport(
      withObject(1, impact(AVAILABILITY, 'availability', { availability_impact: 50 }, { start_time: '2026-03-02T00:00:00.000Z', end_time: '2026-03-01T00:00:00.000Z' })),
    );
    expect(errorsAt(result, 'objects[1].end_time')).toEqual(['must be later than start_time (2026-03-02T00:00:00.000Z)']);
  });

  it('keeps availability_impact within 0 to 100', () => {
    const result = validateIncidentReport(withObject(1, impact(AVAILABILITY, 'availability', { availability_impact: 140 })));
    expect(errorsAt(result, 'objects[1].extensions.availability.availability_impact')).toEqual(['must be at most 100 (got 140)']);
  });

  it('confidentiality: needs information_type unless nothing was lost, counts records from 0, warns about unlisted types', () => {
    const lost = validateIncidentReport(withObject(2, impact(CONFIDENTIALITY, 'confidentiality', { loss_type: 'confirmed-loss', record_count: -1 })));
    expect(errorsAt(lost, 'objects[2].extensions.confidentiality.information_type')).toEqual(['is required when loss_type is not "none"']);
    expect(errorsAt(lost, 'objects[2].extensions.confidentiality.record_count')).toEqual(['must be at least 0 (got -1)']);
    const none = validateIncidentReport(withObject(2, impact(CONFIDENTIALITY, 'confidentiality', { loss_type: 'none' })));
    expect(none.errors).toEqual([]);
    const unlisted = validateIncidentReport(withObject(2, impact(CONFIDENTIALITY, 'confidentiality', { loss_type: 'suspected-loss', information_type: 'lab-results' })));
    expect(unlisted.ok).toBe(true);
    expect(warningsAt(unlisted, 'objects[2].extensions.confidentiality.information_type')).toEqual(['"lab-results" is not in information-type-ov']);
  });

  it('monetary: a minimum above the maximum, a rate without the actual currency, amounts without a currency', () => {
    const result = validateIncidentReport(
      withObject(1, impact(AVAILABILITY, 'monetary', { variety: 'ransom-demand', min_amount: 900, max_amount: 500, conversion_rate: 1.1 })),
    );
    expect(errorsAt(result, 'objects[1].extensions.monetary.min_amount')).toEqual(['must not exceed max_amount (500)']);
    expect(errorsAt(result, 'objects[1].extensions.monetary.conversion_rate')).toEqual(['must not be present without currency_actual']);
    expect(errorsAt(result, 'objects[1].extensions.monetary.conversion_time')).toEqual(['is required when conversion_rate is present']);
    expect(errorsAt(result, 'objects[1].extensions.monetary.currency')).toEqual(['is required when min_amount is present']);
  });

  it('physical and traceability follow their enumerations', () => {
    const physical = validateIncidentReport(withObject(1, impact(AVAILABILITY, 'physical', { impact_type: 'destruction' })));
    expect(errorsAt(physical, 'objects[1].extensions.physical.asset_type')).toEqual(['is required when impact_type is not "none"']);
    const traceability = validateIncidentReport(withObject(1, impact(AVAILABILITY, 'traceability', { traceability_impact: 'some' })));
    expect(errorsAt(traceability, 'objects[1].extensions.traceability.traceability_impact')).toEqual([
      'must be one of traceability-enum: "accountability-lost", "partial-accountability", "provable-accountability" (got "some")',
    ]);
  });

  it('external impact on emergency services is in the vocabulary; an unlisted category is a warning', () => {
    const external = validateIncidentReport(withObject(3, impact('impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03', 'external', { impact_type: 'emergency-services' })));
    expect(external.warnings).toEqual([]);
    const custom = validateIncidentReport(withObject(3, impact('impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03', 'x-care', { beds_lost: 4 })));
    expect(custom.ok).toBe(true);
    expect(warningsAt(custom, 'objects[3].impact_category')).toEqual(['"x-care" is not in impact categories of the Incident Core Extension (section 2.3.2)']);
  });

  it('warns about a property the suite does not define', () => {
    const result = validateIncidentReport(withObject(1, impact(AVAILABILITY, 'availability', { availability_impact: 50 }, { severity_level: 3 })));
    expect(warningsAt(result, 'objects[1].severity_level')).toEqual(['unknown property of impact (custom properties should start with x_)']);
  });
});

describe('event and task', () => {
  it('an event needs its extension-definition and a status from event-status-enum', () => {
    const result = validateIncidentReport(withObject(4, event({ status: 'done', extensions: undefined })));
    expect(errorsAt(result, 'objects[4].status')).toEqual([
      'must be one of event-status-enum: "ongoing", "occurred", "not-occurred", "pending", "undetermined" (got "done")',
    ]);
    expect(errorsAt(result, `objects[4].extensions['${EVENT_EXTENSION_ID}']`)).toEqual([`is required: an event is a new SDO defined by ${EVENT_EXTENSION_ID}`]);
  });

  it('an event ends strictly after it starts', () => {
    const result = validateIncidentReport(withObject(4, event({ end_time: '2026-03-01T05:40:00.000Z' })));
    expect(errorsAt(result, 'objects[4].end_time')).toEqual(['must be later than start_time (2026-03-01T05:40:00.000Z)']);
  });

  it('a state change needs a reference, and both of one type', () => {
    const result = validateIncidentReport(
      withObject(
        4,
        event({ changed_objects: [{ state_change_type: 'caused' }, { state_change_type: 'mitigated', initial_ref: AVAILABILITY, result_ref: DETECTED }] }),
      ),
    );
    expect(errorsAt(result, 'objects[4].changed_objects[0]')).toEqual(['must have initial_ref or result_ref']);
    expect(errorsAt(result, 'objects[4].changed_objects[1].result_ref')).toEqual(['must reference the same type of object as initial_ref (impact)']);
  });

  it('a task does not end before it starts, and its priority stays within 0 to 100', () => {
    const result = validateIncidentReport(withObject(5, task(DETECTED, 'detected', '2026-03-01T06:05:00.000Z', { end_time: '2026-03-01T06:00:00.000Z', priority: -1 })));
    expect(errorsAt(result, 'objects[5].end_time')).toEqual(['must be later than or equal to start_time (2026-03-01T06:05:00.000Z)']);
    expect(errorsAt(result, 'objects[5].priority')).toEqual(['must be at least 0 (got -1)']);
  });

  it('a task outcome comes from task-outcome-enum; task types off task-type-ov are warnings', () => {
    const result = validateIncidentReport(withObject(5, task(DETECTED, 'triage', '2026-03-01T06:05:00.000Z', { outcome: 'done' })));
    expect(errorsAt(result, 'objects[5].outcome')[0]).toMatch(/^must be one of task-outcome-enum: /);
    expect(warningsAt(result, 'objects[5].task_types[0]')).toEqual(['"triage" is not in task-type-ov']);
  });
});
