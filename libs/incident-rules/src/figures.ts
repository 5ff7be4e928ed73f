// Care-impact figures: exact trends for readers of the hub (the rows are what the SQL let them read), and the
// public summary the ISAC may publish: numbers only, k-anonymous, from TLP:CLEAR reports whose organisation
// consented. Rules and reasons: docs/incidents.md, "Figures".
import { tlpOfObject } from '@hub/stix';
import {
  isComplete,
  publishTrendTable,
  SUPPRESSED,
  wholeBuckets,
  type BucketSize,
  type CellFigures,
  type PublishedCount,
  type TrendRowFigures,
} from '@hub/trend-rules';
import { isRecord } from './issues';
import { CLINICAL_HARM_ENUM, patientCareOf, type ClinicalHarm } from './patient-care';
import { incidentCoreOf, recordsExposed } from './report';

type StixRecord = Readonly<Record<string, unknown>>;

/** One incident as the figures see it: the latest version the reader may read, with its impacts. */
export interface IncidentFigureRow {
  incident: StixRecord;
  /** Its impacts, latest versions; superseded ones are recognised and left out of the sums. */
  impacts: readonly StixRecord[];
  /** The organisation that reported it (for anonymous submissions, the true one: it never leaves the server). */
  source: { organizationId: string; sector?: string };
  /** When the hub first received the incident: the bucket it falls in (a submitter cannot back-date it). */
  receivedAt: Date;
}

export const NO_TYPE = '(none)';

/** The figures of the patient-care extension that add up, and the names the answers give them. */
export const CARE_SUMS = {
  disruptedCareDays: 'disrupted_care_days',
  edDiversionHours: 'ed_diversion_hours',
  edClosureHours: 'ed_closure_hours',
  proceduresPostponed: 'procedures_postponed',
  proceduresCancelled: 'procedures_cancelled',
  appointmentsPostponed: 'appointments_postponed',
  appointmentsCancelled: 'appointments_cancelled',
  patientsTransferred: 'patients_transferred',
  individualsNotified: 'individuals_notified',
} as const;

export type CareSum = keyof typeof CARE_SUMS;

/** What one incident contributes to the figures. */
interface IncidentContribution {
  organizationId: string;
  sector: string;
  types: string[];
  sums: Partial<Record<CareSum | 'recordsExposed', number>>;
  hasCare: boolean;
  paperFallback: boolean;
  clinicalHarm?: ClinicalHarm;
  patientDataLeaked: boolean;
}

function amount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A false positive, and a report its source revoked (withdrawn), count as no incident. */
function countsAsIncident(row: IncidentFigureRow): boolean {
  return row.incident.revoked !== true && incidentCoreOf(row.incident)?.determination !== 'false-positive';
}

function incidentTypes(incident: StixRecord): string[] {
  const types = incidentCoreOf(incident)?.incident_types;
  const named = Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : [];
  return named.length > 0 ? [...new Set(named)] : [NO_TYPE];
}

function contributionOf(row: IncidentFigureRow, impacts: readonly StixRecord[]): IncidentContribution {
  const care = patientCareOf(row.incident);
  const sums: IncidentContribution['sums'] = {};
  for (const [name, key] of Object.entries(CARE_SUMS) as [CareSum, string][]) {
    const value = amount(care?.[key]);
    if (value !== undefined) sums[name] = value;
  }
  const exposed = recordsExposed(impacts);
  if (exposed !== undefined) sums.recordsExposed = exposed;
  const harm = care?.clinical_harm;
  return {
    organizationId: row.source.organizationId,
    sector: row.source.sector ?? NO_TYPE,
    types: incidentTypes(row.incident),
    sums,
    hasCare: care !== undefined,
    paperFallback: care?.paper_fallback === true,
    clinicalHarm: (CLINICAL_HARM_ENUM as readonly unknown[]).includes(harm) ? (harm as ClinicalHarm) : undefined,
    patientDataLeaked: care?.patient_data_leaked === true,
  };
}

/**
 * For sums (hours, days, records), a part where one organisation adds more than this share is that
 * organisation's figure give or take the others' small ones (the dominance rule of statistical
 * disclosure control).
 */
export const DOMINANCE_SHARE = 0.6;

/**
 * A sum stands on k when at least k organisations add something to it (an explicit 0 or a missing
 * figure is no cover for the one hospital that gave one) and none of them adds most of it.
 */
export function sumStandsOnK(perOrganization: ReadonlyMap<string, number>, k: number): boolean {
  const contributions = [...perOrganization.values()].filter((value) => value > 0);
  const total = contributions.reduce((sum, value) => sum + value, 0);
  return contributions.length >= k && Math.max(...contributions) <= DOMINANCE_SHARE * total;
}

export type CareSums = Record<CareSum | 'recordsExposed', number>;

const zeroSums = (): CareSums => ({
  disruptedCareDays: 0,
  edDiversionHours: 0,
  edClosureHours: 0,
  proceduresPostponed: 0,
  proceduresCancelled: 0,
  appointmentsPostponed: 0,
  appointmentsCancelled: 0,
  patientsTransferred: 0,
  individualsNotified: 0,
  recordsExposed: 0,
});

export interface CareTrendBucket {
  start: Date;
  end: Date;
  incidents: number;
  /** An incident of two types counts under both; `incidents` counts it once. */
  byType: Map<string, number>;
  /** By the sector of the reporting organisation. */
  bySector: Map<string, number>;
  /** Incidents that carry the patient-care extension. */
  withCareFigures: number;
  sums: CareSums;
  paperFallback: number;
  clinicalHarm: Record<ClinicalHarm, number>;
  patientDataLeaked: number;
}

export interface TrendRange {
  bucketSize: BucketSize;
  from: Date;
  to: Date;
}

function bucketIndex(buckets: readonly { start: Date; end: Date }[], at: Date): number {
  return buckets.findIndex((bucket) => bucket.start <= at && at < bucket.end);
}

const increment = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * Exact care-impact figures per bucket, every bucket of the range listed, empty ones too. The rows are what
 * the reader may read; these figures add nothing to them.
 */
export function careImpactTrend(rows: readonly IncidentFigureRow[], { bucketSize, from, to }: TrendRange): CareTrendBucket[] {
  const buckets: CareTrendBucket[] = wholeBuckets(from, to, bucketSize).map(({ start, end }) => ({
    start,
    end,
    incidents: 0,
    byType: new Map(),
    bySector: new Map(),
    withCareFigures: 0,
    sums: zeroSums(),
    paperFallback: 0,
    clinicalHarm: { none: 0, suspected: 0, confirmed: 0 },
    patientDataLeaked: 0,
  }));
  for (const row of rows) {
    const index = bucketIndex(buckets, row.receivedAt);
    if (index < 0 || !countsAsIncident(row)) continue;
    const bucket = buckets[index];
    const contribution = contributionOf(row, row.impacts);
    bucket.incidents += 1;
    contribution.types.forEach((type) => increment(bucket.byType, type));
    increment(bucket.bySector, contribution.sector);
    if (contribution.hasCare) bucket.withCareFigures += 1;
    for (const [name, value] of Object.entries(contribution.sums) as [keyof CareSums, number][]) bucket.sums[name] += value;
    if (contribution.paperFallback) bucket.paperFallback += 1;
    if (contribution.clinicalHarm) bucket.clinicalHarm[contribution.clinicalHarm] += 1;
    if (contribution.patientDataLeaked) bucket.patientDataLeaked += 1;
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------------------------
// The public summary

/** Marked TLP:CLEAR as a whole: a granular marking could make a part of it narrower. */
function isClear(object: StixRecord): boolean {
  return tlpOfObject(object) === 'CLEAR' && !(Array.isArray(object.granular_markings) && object.granular_markings.length > 0);
}

/**
 * A report counts in the public summary when the incident is TLP:CLEAR, its patient-care extension says
 * consent_public_summary: true, and it is no false positive and not revoked. Only its TLP:CLEAR impacts add figures.
 */
export function isPublishable(row: IncidentFigureRow): boolean {
  return isClear(row.incident) && patientCareOf(row.incident)?.consent_public_summary === true && countsAsIncident(row);
}

/** The sums the public summary publishes. */
export const PUBLIC_SUMS = ['disruptedCareDays', 'edDiversionHours', 'edClosureHours', 'patientsTransferred', 'recordsExposed'] as const;
export type PublicSum = (typeof PUBLIC_SUMS)[number];

export interface PublicSummaryBucket {
  start: Date;
  end: Date;
  /**
   * False when the bucket has not ended, or its publishable reports come from fewer than k organisations
   * (none included: nothing and too little look the same). Nothing of it is published then.
   */
  published: boolean;
  incidents: PublishedCount;
  byType: Map<string, PublishedCount>;
  /** Each sum is published when at least k organisations gave that figure in the bucket. */
  sums: Record<PublicSum, PublishedCount>;
}

export interface PublicSummary {
  k: number;
  /** The incident types listed: those that stood on k organisations in some published bucket. */
  types: string[];
  buckets: PublicSummaryBucket[];
  /** Over the published buckets; suppressed when one of them is suppressed, so a total never reveals a cell. */
  totals: { incidents: PublishedCount; byType: Map<string, PublishedCount>; sums: Record<PublicSum, PublishedCount> };
}

export interface PublicSummaryOptions extends TrendRange {
  now: Date;
  /** Organisations a published figure must come from; at least 2. */
  k: number;
}

/** A region of the public summary: every figure in it is "unreadable" to the public, and stands on its organisations. */
function region(organizations: ReadonlySet<string>, count: number): CellFigures {
  return { readable: 0, hidden: count, hiddenSources: organizations.size, hiddenSourceIds: [...organizations] };
}

const shown = (count: number): PublishedCount => ({ count, suppressed: false });

/**
 * The numbers the ISAC may publish. Incident counts go through @hub/trend-rules' sector-wide suppression
 * (a public reader reads nothing, so every report is an unreadable one standing on its organisations): cells
 * and totals from fewer than k organisations are withheld, and so is a cell whose withholding alone would
 * let the total minus the shown cells reveal it. Sums are published per bucket when k organisations gave them.
 */
export function publicCareSummary(rows: readonly IncidentFigureRow[], options: PublicSummaryOptions): PublicSummary {
  const { k, now } = options;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer of at least 2 (got ${k})`);
  const ranges = wholeBuckets(options.from, options.to, options.bucketSize);
  const perBucket = ranges.map(() => ({
    organizations: new Set<string>(),
    incidents: 0,
    types: new Map<string, { organizations: Set<string>; count: number }>(),
    sums: new Map<PublicSum, { perOrganization: Map<string, number>; total: number }>(),
  }));
  for (const row of rows) {
    const index = bucketIndex(ranges, row.receivedAt);
    if (index < 0 || !isPublishable(row)) continue;
    const bucket = perBucket[index];
    const contribution = contributionOf(row, row.impacts.filter((impact) => isRecord(impact) && isClear(impact)));
    bucket.organizations.add(contribution.organizationId);
    bucket.incidents += 1;
    for (const type of contribution.types) {
      const cell = bucket.types.get(type) ?? { organizations: new Set<string>(), count: 0 };
      cell.organizations.add(contribution.organizationId);
      cell.count += 1;
      bucket.types.set(type, cell);
    }
    for (const name of PUBLIC_SUMS) {
      const value = contribution.sums[name];
      if (value === undefined) continue;
      const sum = bucket.sums.get(name) ?? { perOrganization: new Map<string, number>(), total: 0 };
      sum.perOrganization.set(contribution.organizationId, (sum.perOrganization.get(contribution.organizationId) ?? 0) + value);
      sum.total += value;
      bucket.sums.set(name, sum);
    }
  }

  const table = publishTrendTable({
    scope: 'SECTOR_WIDE',
    k,
    fixedKeys: [],
    canHoldUnreadable: () => true,
    rows: ranges.map(
      (range, index): TrendRowFigures => ({
        start: range.start,
        complete: isComplete(range, now),
        total: region(perBucket[index].organizations, perBucket[index].incidents),
        groups: new Map([...perBucket[index].types].map(([type, cell]) => [type, region(cell.organizations, cell.count)])),
      }),
    ),
  });

  const buckets = ranges.map((range, index): PublicSummaryBucket => {
    const published = table.rows[index].countsUnreadable;
    const sums = Object.fromEntries(
      PUBLIC_SUMS.map((name) => {
        const sum = perBucket[index].sums.get(name);
        const standing = published && sum !== undefined && sumStandsOnK(sum.perOrganization, k);
        return [name, standing ? shown(sum.total) : SUPPRESSED];
      }),
    ) as Record<PublicSum, PublishedCount>;
    return {
      start: range.start,
      end: range.end,
      published,
      incidents: published ? table.rows[index].total : SUPPRESSED,
      byType: new Map(table.keys.map((type) => [type, published ? table.rows[index].groups.get(type)! : SUPPRESSED])),
      sums,
    };
  });

  const publishedBuckets = buckets.filter((bucket) => bucket.published);
  const sumTotal = (name: PublicSum): PublishedCount =>
    publishedBuckets.some((bucket) => bucket.sums[name].suppressed) ? SUPPRESSED : shown(publishedBuckets.reduce((total, bucket) => total + (bucket.sums[name].count ?? 0), 0));
  return {
    k,
    types: table.keys,
    buckets,
    totals: {
      incidents: table.total,
      byType: table.keyTotals,
      sums: Object.fromEntries(PUBLIC_SUMS.map((name) => [name, sumTotal(name)])) as Record<PublicSum, PublishedCount>,
    },
  };
}
