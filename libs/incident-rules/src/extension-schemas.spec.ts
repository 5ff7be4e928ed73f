import { TLP2_MARKING_IDS, validateBundle, validateObject } from '@hub/stix';
import { INCIDENT_EXTENSIONS } from './extension-schemas';
import { INCIDENT_CORE_EXTENSION_ID } from './incident-core';
import { PATIENT_CARE_EXTENSION_ID } from './patient-care';
import { AVAILABILITY, careExtension, incident, impact, report, task, DETECTED } from './test-fixtures';

const withHook = { extensions: INCIDENT_EXTENSIONS };
const CARE = `objects[0].extensions['${PATIENT_CARE_EXTENSION_ID}']`;
const CORE = `objects[0].extensions['${INCIDENT_CORE_EXTENSION_ID}']`;

describe('the extension hook of @hub/stix with the incident schemas', () => {
  it('accepts every object of the ransomware report without errors or suite warnings', () => {
    for (const [index, object] of report().entries()) {
      const result = validateObject(object, `objects[${index}]`, withHook);
      expect({ index, errors: result.errors }).toEqual({ index, errors: [] });
      expect(result.warnings.filter((warning) => warning.message.startsWith('unknown extension'))).toEqual([]);
    }
  });

  it('without the hook, only the common properties are checked (the reason the hub passes it)', () => {
    expect(validateObject(incident({}, careExtension({ disrupted_care_days: -3 })), 'objects[0]').errors).toEqual([]);
  });

  it('refuses negative durations, an end before its start and contradictory counts, at their paths', () => {
    const result = validateObject(
      incident({}, careExtension({ ed_diversion_hours: -2, period_end: '2026-02-28T00:00:00.000Z', procedures_postponed: 100, procedures_cancelled: 30 })),
      'objects[0]',
      withHook,
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: `${CARE}.ed_diversion_hours`, message: 'must be at least 0 (got -2)' },
        { path: `${CARE}.period_end`, message: 'must be later than or equal to period_start (2026-03-01T06:00:00.000Z)' },
      ]),
    );
    expect(result.errors.some((issue) => issue.path.startsWith(`${CARE}.procedures_`))).toBe(true);
  });

  it('warns about values outside the open vocabularies and accepts the object', () => {
    const result = validateObject(incident({ incident_types: ['alien-abduction'] }), 'objects[0]', withHook);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual({ path: `${CORE}.incident_types[0]`, message: '"alien-abduction" is not in event-type-ov' });
  });

  it('refuses the patient-care extension on another type, and checks impacts and tasks', () => {
    const indicatorLike = { ...impact(AVAILABILITY, 'availability', { availability_impact: 120 }) };
    const impactResult = validateObject(indicatorLike, 'objects[1]', withHook);
    expect(impactResult.errors.some((issue) => issue.path === 'objects[1].extensions.availability.availability_impact')).toBe(true);
    const taskResult = validateObject(task(DETECTED, 'detected', '2026-03-01T06:05:00.000Z', { end_time: '2026-03-01T06:00:00.000Z' }), 'objects[0]', withHook);
    expect(taskResult.errors.map((issue) => issue.path)).toContain('objects[0].end_time');
    const onNote = {
      type: 'note',
      spec_version: '2.1',
      id: 'note--0b9c8a1e-4d2f-4e8a-9b6c-1f2e3d4c5b99',
      created: '2026-03-02T08:00:00.000Z',
      modified: '2026-03-02T08:00:00.000Z',
      content: 'x',
      object_refs: [AVAILABILITY],
      object_marking_refs: [TLP2_MARKING_IDS.CLEAR],
      extensions: { [PATIENT_CARE_EXTENSION_ID]: careExtension() },
    };
    expect(validateObject(onNote, '', withHook).errors).toContainEqual({
      path: `extensions['${PATIENT_CARE_EXTENSION_ID}']`,
      message: 'is an extension of incident objects and cannot be used on note',
    });
  });

  it('runs through validateBundle too', () => {
    const bundle = { type: 'bundle', id: 'bundle--0b9c8a1e-4d2f-4e8a-9b6c-1f2e3d4c5b98', objects: [incident({}, careExtension({ patients_transferred: -1 }))] };
    const result = validateBundle(bundle, withHook);
    expect(result.objects[0].result.errors).toContainEqual({ path: `${CARE}.patients_transferred`, message: 'must be at least 0 (got -1)' });
  });
});
