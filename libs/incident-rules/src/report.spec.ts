import { INCIDENT_CORE_EXTENSION_ID } from './incident-core';
import { PATIENT_CARE_EXTENSION_ID } from './patient-care';
import { currentImpacts, incidentLinks, recordsExposed, validateIncidentReport } from './report';
import {
  AVAILABILITY,
  CONFIDENTIALITY,
  CONTAINED,
  DETECTED,
  impact,
  incident,
  INCIDENT,
  INDICATOR,
  INTRUSION_SET,
  MALWARE,
  relationship,
  report,
  task,
  careExtension,
  type Json,
} from './test-fixtures';

const CORE = `objects[0].extensions['${INCIDENT_CORE_EXTENSION_ID}']`;
const CARE = `objects[0].extensions['${PATIENT_CARE_EXTENSION_ID}']`;
const NEWER = 'impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c09';

describe('validateIncidentReport', () => {
  it('never throws, and says what is wrong with a list that is no report', () => {
    expect(validateIncidentReport({ type: 'incident' })).toEqual({ ok: false, errors: [{ path: 'objects', message: 'must be a list of STIX objects (got an object)' }], warnings: [] });
    const garbage = validateIncidentReport([null, 42, { type: 'impact' }]);
    expect(garbage.ok).toBe(false);
    expect(garbage.errors).toContainEqual({ path: 'objects[0]', message: 'must be a JSON object (got null)' });
    expect(garbage.errors).toContainEqual({ path: 'objects', message: 'must contain an incident' });
  });

  it('prefixes every path with the path given', () => {
    const objects = report();
    objects[0] = incident({ determination: 'likely' });
    expect(validateIncidentReport(objects, { path: 'input.objects' }).errors.map((issue) => issue.path)).toEqual([
      `input.objects[0].extensions['${INCIDENT_CORE_EXTENSION_ID}'].determination`,
    ]);
  });

  it('holds one incident', () => {
    const objects = report();
    objects.push({ ...incident(), id: 'incident--0b9c8a1e-4d2f-4e8a-9b6c-1f2e3d4c5b02' });
    expect(validateIncidentReport(objects).errors).toEqual([{ path: 'objects[11]', message: 'is a second incident: a report holds one incident (the first is objects[0])' }]);
  });

  it('holds one version of each object', () => {
    const objects = report();
    objects.push({ ...objects[1], modified: '2026-03-03T08:00:00.000Z' });
    expect(validateIncidentReport(objects).errors).toContainEqual({
      path: 'objects[11].id',
      message: 'appears twice in the report (also objects[1]): a report holds one version of each object',
    });
  });

  describe('the incident and its parts', () => {
    it('refuses references to impacts, events and tasks that are neither in the report nor already shared', () => {
      const objects = report();
      objects.splice(1, 1); // the availability impact
      const result = validateIncidentReport(objects);
      expect(result.errors).toEqual([{ path: `${CORE}.impact_refs[0]`, message: `does not point to an impact in the report or already shared (${AVAILABILITY})` }]);
      expect(validateIncidentReport(objects, { isKnown: (id) => id === AVAILABILITY }).errors).toEqual([]);
    });

    it('refuses an impact, event or task the incident does not list', () => {
      const objects = report();
      objects[0] = incident({ impact_refs: [AVAILABILITY, CONFIDENTIALITY], tasks: [{ task_ref: DETECTED }, { task_ref: CONTAINED }] });
      expect(validateIncidentReport(objects).errors).toEqual([
        { path: 'objects[3]', message: "is not part of the incident: its id is not in the incident's impact_refs (nor reached from them)" },
        { path: 'objects[7]', message: "is not part of the incident: its id is not in the incident's tasks (nor reached from them)" },
      ]);
    });

    it('accepts a task reached as a subtask of a listed task', () => {
      const objects = report();
      objects[0] = incident({ tasks: [{ task_ref: DETECTED }, { task_ref: CONTAINED }] });
      objects[6] = { ...objects[6], subtasks: [{ task_ref: objects[7].id }] };
      expect(validateIncidentReport(objects).errors).toEqual([]);
    });
  });

  describe('an incident that evolves: superseded impacts', () => {
    function superseded(newer: Json, older: Json = {}): Json[] {
      const objects = report();
      objects[2] = impact(CONFIDENTIALITY, 'confidentiality', { information_type: 'phi', loss_type: 'suspected-loss', record_count: 200 }, {
        end_time: '2026-03-02T12:00:00.000Z',
        superseded_by_ref: NEWER,
        ...older,
      });
      objects.push(impact(NEWER, 'confidentiality', { information_type: 'phi', loss_type: 'confirmed-loss', record_count: 1200 }, { start_time: '2026-03-02T12:00:00.000Z', ...newer }));
      return objects;
    }

    it('accepts the newer impact reached through superseded_by_ref, and counts only the current one', () => {
      const objects = superseded({});
      expect(validateIncidentReport(objects).errors).toEqual([]);
      const impacts = objects.filter((object) => object.type === 'impact');
      expect(currentImpacts(impacts).map((object) => object.id)).toEqual([AVAILABILITY, 'impact--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03', NEWER]);
      expect(recordsExposed(impacts)).toBe(1200);
    });

    it('refuses supersession by another category, by an earlier impact, in a cycle, or without an end', () => {
      const otherCategory = superseded({ impact_category: 'integrity', extensions: impact(NEWER, 'integrity', { alteration: 'none' }).extensions });
      expect(validateIncidentReport(otherCategory).errors).toEqual([
        { path: 'objects[2].superseded_by_ref', message: 'must reference an impact of the same impact_category ("confidentiality"), not "integrity"' },
      ]);
      const earlier = superseded({ start_time: '2026-02-28T00:00:00.000Z' });
      expect(validateIncidentReport(earlier).errors).toEqual([
        { path: 'objects[2].superseded_by_ref', message: 'references an impact that starts (2026-02-28T00:00:00.000Z) before this one (2026-03-01T06:00:00.000Z)' },
      ]);
      const cycle = superseded({ end_time: '2026-03-03T00:00:00.000Z', superseded_by_ref: CONFIDENTIALITY });
      expect(validateIncidentReport(cycle).errors).toContainEqual({ path: 'objects[2].superseded_by_ref', message: 'forms a cycle: an impact cannot be superseded, through others, by itself' });
      const noEnd = superseded({}, { end_time: undefined });
      expect(validateIncidentReport(noEnd).errors).toEqual([{ path: 'objects[2].end_time', message: 'is required when superseded_by_ref is present' }]);
    });
  });

  it('keeps the response timeline in order: containment after detection, recovery after containment', () => {
    const objects = report();
    objects[6] = task(CONTAINED, 'containment', '2026-03-01T06:00:00.000Z');
    expect(validateIncidentReport(objects).errors).toEqual([
      {
        path: 'objects[6].start_time',
        message: 'must not precede the start of the detected task objects[5] (2026-03-01T06:05:00.000Z): a containment task follows it',
      },
    ]);
  });

  describe('care figures against the impacts', () => {
    it('refuses patient data on a leak site when the report says no health information was lost', () => {
      const objects = report();
      objects[2] = impact(CONFIDENTIALITY, 'confidentiality', { information_type: 'phi', loss_type: 'none' });
      expect(validateIncidentReport(objects).errors).toEqual([
        { path: `${CARE}.patient_data_leaked`, message: 'is true, yet objects[2] says no protected health information was lost (loss_type "none")' },
      ]);
    });

    it('warns when more individuals were notified than records were exposed', () => {
      const objects = report();
      objects[0] = incident({}, careExtension({ individuals_notified: 5000 }));
      const result = validateIncidentReport(objects);
      expect(result.ok).toBe(true);
      expect(result.warnings).toEqual([
        { path: `${CARE}.individuals_notified`, message: "exceeds the records exposed by the report's confidentiality impacts (1200); fine for precautionary notification" },
      ]);
    });

    it('warns when the incident carries no care figures', () => {
      const objects = report();
      objects[0] = incident({}, null);
      expect(validateIncidentReport(objects).warnings).toEqual([{ path: CARE, message: 'is absent: the report will not count in the patient-care figures' }]);
    });
  });

  describe('relationships', () => {
    it("accepts the extension's incident relationships that STIX 2.1 alone does not list", () => {
      expect(validateIncidentReport(report()).warnings).toEqual([]);
    });

    it('warns about a relationship the extension does not define, and about one unrelated to the report', () => {
      const objects = report();
      objects.push(relationship('04', INCIDENT, 'uses', MALWARE));
      objects.push(relationship('05', MALWARE, 'uses', 'attack-pattern--8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d01'));
      const warnings = validateIncidentReport(objects).warnings.filter((warning) => warning.path.startsWith('objects[11]') || warning.path.startsWith('objects[12]'));
      expect(warnings).toContainEqual({
        path: 'objects[11].relationship_type',
        message: 'incident "uses" malware is not a relationship the Incident Core Extension defines (use related-to for malware and vulnerabilities)',
      });
      expect(warnings).toContainEqual({ path: 'objects[12]', message: 'concerns none of the objects of this report' });
    });
  });
});

describe('incidentLinks', () => {
  it('lists the indicators, malware, intrusion sets and vulnerabilities joined to the incident, either way, once each', () => {
    const vulnerability = 'vulnerability--9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e01';
    const objects = [...report(), relationship('06', INCIDENT, 'related-to', vulnerability), relationship('07', INCIDENT, 'related-to', MALWARE), relationship('08', MALWARE, 'uses', vulnerability)];
    expect(incidentLinks(objects, INCIDENT)).toEqual({
      indicators: [INDICATOR],
      malware: [MALWARE],
      intrusionSets: [INTRUSION_SET],
      vulnerabilities: [vulnerability],
      other: [],
    });
  });
});

describe('validateIncidentReport on names of built-in properties', () => {
  it('takes "__proto__" and "constructor" as relationship types it does not know, without throwing', () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const objects = report();
      const relationship = objects.find((object) => object.type === 'relationship' && (object.source_ref === objects[0].id || object.target_ref === objects[0].id));
      expect(relationship).toBeDefined();
      relationship!.relationship_type = name;
      const result = validateIncidentReport(objects);
      expect(Array.isArray(result.errors) && Array.isArray(result.warnings)).toBe(true);
    }
  });
});
