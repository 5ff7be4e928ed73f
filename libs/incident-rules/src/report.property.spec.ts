import fc from 'fast-check';
import { formatStixTimestamp } from '@hub/stix';
import { PATIENT_CARE_EXTENSION_ID } from './patient-care';
import { validateIncidentReport } from './report';
import { careExtension, incident, report, type Json } from './test-fixtures';

const HOUR_MS = 60 * 60 * 1000;

/** Replaces the value at a path of the report, creating nothing that was not there. */
function replaceAt(objects: Json[], path: (string | number)[], value: unknown): Json[] {
  let current: unknown = objects;
  for (const step of path.slice(0, -1)) current = (current as Record<string | number, unknown>)[step];
  (current as Record<string | number, unknown>)[path[path.length - 1]] = value;
  return objects;
}

/** Every path to a value inside the report. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])]);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  return [];
}

describe('validateIncidentReport on any input', () => {
  const allPaths = paths(report());

  it('never throws, whatever value replaces any part of a valid report', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const result = validateIncidentReport(replaceAt(report(), path, value));
        expect(Array.isArray(result.errors) && Array.isArray(result.warnings)).toBe(true);
        expect(result.ok).toBe(result.errors.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('patient-care figures', () => {
  const CARE = `objects[0].extensions['${PATIENT_CARE_EXTENSION_ID}']`;
  const start = Date.parse('2026-03-01T06:00:00.000Z');
  const careErrors = (care: Json) => {
    const objects = report();
    objects[0] = incident({}, care);
    return validateIncidentReport(objects).errors.filter((issue) => issue.path.startsWith(CARE));
  };

  // A period, hours that fit in it, and scheduled counts at least what was postponed and cancelled.
  const consistent = fc
    .record({
      hours: fc.integer({ min: 1, max: 24 * 60 }),
      diversionShare: fc.double({ min: 0, max: 1, noNaN: true }),
      closureShare: fc.double({ min: 0, max: 1, noNaN: true }),
      postponed: fc.nat(1000),
      cancelled: fc.nat(1000),
      spare: fc.nat(1000),
      transferred: fc.nat(50),
    })
    .map(({ hours, diversionShare, closureShare, postponed, cancelled, spare, transferred }) => {
      const diversion = Math.floor(hours * diversionShare);
      const closure = Math.floor((hours - diversion) * closureShare);
      return {
        hours,
        care: careExtension({
          period_end: formatStixTimestamp(new Date(start + hours * HOUR_MS)),
          disrupted_care_days: Math.ceil(hours / 24),
          ed_diversion_hours: diversion,
          ed_closure_hours: closure,
          procedures_postponed: postponed,
          procedures_cancelled: cancelled,
          procedures_scheduled: postponed + cancelled + spare,
          patients_transferred: transferred,
        }),
      };
    });

  it('accepts any consistent set of figures', () => {
    fc.assert(
      fc.property(consistent, ({ care }) => {
        expect(careErrors(care)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses any of them with more emergency-department hours than the period holds', () => {
    fc.assert(
      fc.property(consistent, fc.integer({ min: 1, max: 100 }), ({ hours, care }, excess) => {
        const errors = careErrors({ ...care, ed_diversion_hours: hours - Number(care.ed_closure_hours) + excess });
        expect(errors.map((issue) => issue.path)).toEqual([`${CARE}.ed_closure_hours`]);
      }),
      { numRuns: 200 },
    );
  });
});
