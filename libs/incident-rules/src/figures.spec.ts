import { TLP2_MARKING_IDS } from '@hub/stix';
import { SUPPRESSED } from '@hub/trend-rules';
import { careImpactTrend, publicCareSummary, sumStandsOnK, type IncidentFigureRow } from './figures';
import { IMPACT_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID } from './incident-core';
import { PATIENT_CARE_EXTENSION_ID } from './patient-care';
import type { Json } from './test-fixtures';

type Tlp = keyof typeof TLP2_MARKING_IDS;

let serial = 0;
const nextId = (type: string) => `${type}--00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;

interface RowSpec {
  org: string;
  at: string;
  types?: string[];
  care?: Json;
  impacts?: Json[];
  determination?: string;
  tlp?: Tlp;
  sector?: string;
  extra?: Json;
}

function row({ org, at, types, care, impacts = [], determination = 'confirmed', tlp = 'CLEAR', sector = 'hospital', extra = {} }: RowSpec): IncidentFigureRow {
  return {
    incident: {
      type: 'incident',
      id: nextId('incident'),
      object_marking_refs: [TLP2_MARKING_IDS[tlp]],
      extensions: {
        [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination, investigation_status: 'open', ...(types ? { incident_types: types } : {}) },
        ...(care ? { [PATIENT_CARE_EXTENSION_ID]: { extension_type: 'property-extension', ...care } } : {}),
      },
      ...extra,
    },
    impacts,
    source: { organizationId: org, sector },
    receivedAt: new Date(at),
  };
}

function confidentiality(recordCount: number, lossType = 'confirmed-loss', tlp: Tlp = 'CLEAR', extra: Json = {}): Json {
  return {
    type: 'impact',
    id: nextId('impact'),
    impact_category: 'confidentiality',
    object_marking_refs: [TLP2_MARKING_IDS[tlp]],
    extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, confidentiality: { information_type: 'phi', loss_type: lossType, record_count: recordCount } },
    ...extra,
  };
}

describe('careImpactTrend', () => {
  const newer = confidentiality(500, 'exploited-loss');
  const rows = [
    row({
      org: 'org-1',
      at: '2026-03-03T10:00:00Z',
      types: ['ransomware'],
      care: {
        disrupted_care_days: 3,
        ed_diversion_hours: 30,
        ed_closure_hours: 6,
        procedures_postponed: 40,
        procedures_cancelled: 12,
        appointments_postponed: 300,
        patients_transferred: 9,
        paper_fallback: true,
        clinical_harm: 'suspected',
        patient_data_leaked: true,
        individuals_notified: 1200,
      },
      impacts: [confidentiality(1200)],
    }),
    row({
      org: 'org-2',
      at: '2026-03-10T10:00:00Z',
      types: ['ransomware', 'data-exfiltration'],
      care: { disrupted_care_days: 2, ed_diversion_hours: 10, clinical_harm: 'none' },
      // The first estimate, superseded by the confirmed loss: only the latter counts.
      impacts: [confidentiality(100, 'suspected-loss', 'CLEAR', { superseded_by_ref: newer.id }), newer],
    }),
    row({ org: 'org-3', at: '2026-03-20T10:00:00Z', sector: 'pharma', impacts: [confidentiality(50, 'suspected-loss')] }),
    row({ org: 'org-1', at: '2026-03-25T10:00:00Z', types: ['ransomware'], determination: 'false-positive', care: { disrupted_care_days: 7 } }),
    row({ org: 'org-2', at: '2026-04-05T10:00:00Z', types: ['ransomware'], care: { disrupted_care_days: 1, paper_fallback: true, clinical_harm: 'confirmed' } }),
    row({ org: 'org-4', at: '2026-05-02T10:00:00Z', types: ['ransomware'], care: { disrupted_care_days: 9 } }),
  ];

  it('adds up incidents, care figures and records exposed per month, false positives and superseded impacts left out', () => {
    const [march, april] = careImpactTrend(rows, { bucketSize: 'MONTH', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
    expect(march).toEqual({
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-04-01T00:00:00Z'),
      incidents: 3,
      byType: new Map([
        ['ransomware', 2],
        ['data-exfiltration', 1],
        ['(none)', 1],
      ]),
      bySector: new Map([
        ['hospital', 2],
        ['pharma', 1],
      ]),
      withCareFigures: 2,
      sums: {
        disruptedCareDays: 5,
        edDiversionHours: 40,
        edClosureHours: 6,
        proceduresPostponed: 40,
        proceduresCancelled: 12,
        appointmentsPostponed: 300,
        appointmentsCancelled: 0,
        patientsTransferred: 9,
        individualsNotified: 1200,
        recordsExposed: 1700,
      },
      paperFallback: 1,
      clinicalHarm: { none: 1, suspected: 1, confirmed: 0 },
      patientDataLeaked: 1,
    });
    expect(april).toMatchObject({ incidents: 1, byType: new Map([['ransomware', 1]]), withCareFigures: 1, paperFallback: 1, clinicalHarm: { none: 0, suspected: 0, confirmed: 1 } });
    expect(april.sums).toMatchObject({ disruptedCareDays: 1, recordsExposed: 0, edDiversionHours: 0 });
  });

  it('lists every bucket of the range, empty ones too, and counts nothing outside it', () => {
    const weeks = careImpactTrend(rows, { bucketSize: 'WEEK', from: new Date('2026-04-20T00:00:00Z'), to: new Date('2026-05-11T00:00:00Z') });
    expect(weeks.map((week) => [week.start.toISOString(), week.incidents])).toEqual([
      ['2026-04-20T00:00:00.000Z', 0],
      ['2026-04-27T00:00:00.000Z', 1],
      ['2026-05-04T00:00:00.000Z', 0],
    ]);
  });
});

describe('publicCareSummary', () => {
  const consent = { consent_public_summary: true };
  const granular = { granular_markings: [{ selectors: ['name'], marking_ref: TLP2_MARKING_IDS.AMBER }] };

  function rows(secondImpactTlp: Tlp = 'AMBER'): IncidentFigureRow[] {
    return [
      // March: four reports from three organisations; one untyped.
      row({ org: 'org-1', at: '2026-03-03T10:00:00Z', types: ['ransomware'], care: { ...consent, disrupted_care_days: 3, ed_diversion_hours: 30, patients_transferred: 1 }, impacts: [confidentiality(1200)] }),
      row({ org: 'org-2', at: '2026-03-05T10:00:00Z', types: ['ransomware'], care: { ...consent, disrupted_care_days: 2, ed_diversion_hours: 10, patients_transferred: 2 }, impacts: [confidentiality(500, 'confirmed-loss', secondImpactTlp)] }),
      row({ org: 'org-3', at: '2026-03-07T10:00:00Z', types: ['ransomware'], care: { ...consent, disrupted_care_days: 4, patients_transferred: 3 }, impacts: [confidentiality(300)] }),
      row({ org: 'org-1', at: '2026-03-09T10:00:00Z', care: { ...consent, disrupted_care_days: 1 } }),
      // April: ransomware from four organisations, phishing from three, and three single-organisation types.
      ...['org-1', 'org-2', 'org-3', 'org-4'].map((org, index) =>
        row({ org, at: `2026-04-0${index + 2}T10:00:00Z`, types: ['ransomware'], care: { ...consent, ...(index < 3 ? { ed_diversion_hours: [10, 20, 5][index], patients_transferred: index + 4 } : { paper_fallback: true }), ...(index < 2 ? { disrupted_care_days: 1 } : {}) } }),
      ),
      ...['org-5', 'org-6', 'org-7'].map((org) => row({ org, at: '2026-04-10T10:00:00Z', types: ['phishing'], care: consent })),
      row({ org: 'org-8', at: '2026-04-11T10:00:00Z', types: ['denial-of-service'], care: consent }),
      row({ org: 'org-9', at: '2026-04-12T10:00:00Z', types: ['data-exfiltration'], care: consent }),
      row({ org: 'org-10', at: '2026-04-13T10:00:00Z', care: consent }),
      // May: two organisations only. June: nothing. July: three, but the month is not over.
      row({ org: 'org-1', at: '2026-05-03T10:00:00Z', types: ['ransomware'], care: consent }),
      row({ org: 'org-2', at: '2026-05-04T10:00:00Z', types: ['ransomware'], care: consent }),
      ...['org-1', 'org-2', 'org-3'].map((org) => row({ org, at: '2026-07-02T10:00:00Z', types: ['ransomware'], care: consent })),
    ];
  }

  /** Reports that must not count: each would have made phishing stand on k in March. */
  const excluded = [
    row({ org: 'org-4', at: '2026-03-11T10:00:00Z', types: ['phishing'], care: consent, tlp: 'AMBER' }),
    row({ org: 'org-5', at: '2026-03-12T10:00:00Z', types: ['phishing'], care: { disrupted_care_days: 1 } }),
    row({ org: 'org-6', at: '2026-03-13T10:00:00Z', types: ['phishing'], care: { ...consent, consent_public_summary: false } }),
    row({ org: 'org-7', at: '2026-03-14T10:00:00Z', types: ['phishing'], care: consent, determination: 'false-positive' }),
    row({ org: 'org-8', at: '2026-03-15T10:00:00Z', types: ['phishing'], care: consent, extra: granular }),
    row({ org: 'org-9', at: '2026-03-16T10:00:00Z', types: ['phishing'] }),
  ];

  const options = { bucketSize: 'MONTH' as const, from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-08-01T00:00:00Z'), now: new Date('2026-07-15T00:00:00Z'), k: 3 };
  const shown = (count: number) => ({ count, suppressed: false });

  it('publishes k-anonymous figures: exact where k organisations stand behind them, withheld elsewhere', () => {
    const summary = publicCareSummary(rows(), options);
    expect(summary.types).toEqual(['phishing', 'ransomware']);
    const [march, april, may, june, july] = summary.buckets;

    // March stands on three organisations; the untyped report of one organisation would be total minus
    // ransomware, so no type is shown. Sums from fewer than three organisations are withheld.
    expect(march).toEqual({
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-04-01T00:00:00Z'),
      published: true,
      incidents: shown(4),
      byType: new Map([
        ['phishing', SUPPRESSED],
        ['ransomware', SUPPRESSED],
      ]),
      sums: { disruptedCareDays: shown(10), edDiversionHours: SUPPRESSED, edClosureHours: SUPPRESSED, patientsTransferred: shown(6), recordsExposed: SUPPRESSED },
    });

    // April: the types of single organisations come from three of them together, so the others are shown.
    expect(april).toMatchObject({
      published: true,
      incidents: shown(10),
      byType: new Map([
        ['phishing', shown(3)],
        ['ransomware', shown(4)],
      ]),
      sums: { disruptedCareDays: SUPPRESSED, edDiversionHours: shown(35), edClosureHours: SUPPRESSED, patientsTransferred: shown(15), recordsExposed: SUPPRESSED },
    });

    // May (two organisations), June (nothing) and July (not over) publish nothing, alike.
    for (const withheld of [may, june, july]) {
      expect({ ...withheld, start: undefined, end: undefined }).toEqual({ ...june, start: undefined, end: undefined });
    }
    expect(june).toMatchObject({ published: false, incidents: SUPPRESSED, byType: new Map([['phishing', SUPPRESSED], ['ransomware', SUPPRESSED]]) });
    expect(Object.values(june.sums)).toEqual(Array(5).fill(SUPPRESSED));

    // Totals add up published buckets, and are withheld when one of their cells is.
    expect(summary.totals).toEqual({
      incidents: shown(14),
      byType: new Map([
        ['phishing', SUPPRESSED],
        ['ransomware', SUPPRESSED],
      ]),
      sums: { disruptedCareDays: SUPPRESSED, edDiversionHours: SUPPRESSED, edClosureHours: SUPPRESSED, patientsTransferred: shown(21), recordsExposed: SUPPRESSED },
    });
  });

  it('adds the records of TLP:CLEAR impacts only', () => {
    // With the second hospital's impact CLEAR too, records exposed in March stand on three organisations.
    expect(publicCareSummary(rows('CLEAR'), options).buckets[0].sums.recordsExposed).toEqual(shown(2000));
  });

  it('counts only TLP:CLEAR reports whose organisation consented, and no false positive: the others change nothing', () => {
    expect(publicCareSummary([...rows(), ...excluded], options)).toEqual(publicCareSummary(rows(), options));
  });

  it('refuses a k that would publish a single organisation', () => {
    expect(() => publicCareSummary(rows(), { ...options, k: 1 })).toThrow(new RangeError('k must be an integer of at least 2 (got 1)'));
  });
});

describe('sumStandsOnK', () => {
  const of = (entries: [string, number][]) => new Map(entries);
  it('needs k organisations that add something', () => {
    expect(sumStandsOnK(of([['a', 41], ['b', 0], ['c', 0]]), 3)).toBe(false);
    expect(sumStandsOnK(of([['a', 10], ['b', 12], ['c', 14]]), 3)).toBe(true);
  });
  it('refuses a sum that one organisation makes most of', () => {
    expect(sumStandsOnK(of([['a', 100], ['b', 1], ['c', 1]]), 3)).toBe(false);
    // 60 % of the sum exactly is still allowed; more is not.
    expect(sumStandsOnK(of([['a', 6], ['b', 2], ['c', 2]]), 3)).toBe(true);
    expect(sumStandsOnK(of([['a', 61], ['b', 20], ['c', 19]]), 3)).toBe(false);
  });
});
