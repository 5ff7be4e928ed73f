import { randomUUID } from 'node:crypto';
import { IMPACT_EXTENSION_ID, INCIDENT_CORE_EXTENSION_ID, PATIENT_CARE_EXTENSION_ID } from '@hub/incident-rules';
import type { TestHub } from './test-hub';

type Stix = Record<string, unknown>;

const now = () => new Date().toISOString().replace(/(\.\d{3})\d*Z$/, '$1Z');

export interface IncidentSpec {
  name?: string;
  types?: string[];
  determination?: string;
  /** The patient-care extension's properties (extension_type is added). */
  care?: Stix;
  /** Records lost, as a confidentiality impact of `phi` in the same report. */
  records?: { count: number; loss?: string };
}

/** An incident report: the incident with the Incident Core and patient-care extensions, and its impact. */
export function incidentReport(spec: IncidentSpec = {}): { incident: Stix; objects: Stix[] } {
  const time = now();
  const impact = spec.records
    ? {
        type: 'impact',
        spec_version: '2.1',
        id: `impact--${randomUUID()}`,
        created: time,
        modified: time,
        impact_category: 'confidentiality',
        start_time: '2026-03-01T06:00:00.000Z',
        extensions: { [IMPACT_EXTENSION_ID]: { extension_type: 'new-sdo' }, confidentiality: { information_type: 'phi', loss_type: spec.records.loss ?? 'confirmed-loss', record_count: spec.records.count } },
      }
    : undefined;
  const incident: Stix = {
    type: 'incident',
    spec_version: '2.1',
    id: `incident--${randomUUID()}`,
    created: time,
    modified: time,
    name: spec.name ?? 'An incident',
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: spec.determination ?? 'confirmed',
        investigation_status: 'open',
        incident_types: spec.types ?? ['ransomware'],
        ...(impact ? { impact_refs: [impact.id] } : {}),
      },
      ...(spec.care ? { [PATIENT_CARE_EXTENSION_ID]: { extension_type: 'property-extension', ...spec.care } } : {}),
    },
  };
  return { incident, objects: impact ? [incident, impact] : [incident] };
}

export interface ImpactInputShape {
  from: string;
  to: string;
  bucket: 'DAY' | 'WEEK' | 'MONTH';
  groupBy: 'INCIDENT_TYPE' | 'SECTOR' | 'COUNTRY' | 'ORGANIZATION_SIZE';
  scope?: 'READABLE' | 'SECTOR_WIDE';
  measure?: 'INCIDENTS' | 'DISRUPTED_CARE_DAYS' | 'DIVERSION_HOURS' | 'RECORDS_EXPOSED';
}

export interface ImpactCountShape {
  count: number | null;
  suppressed: boolean;
}

export interface ImpactReportShape {
  k: number;
  buckets: { start: string; complete: boolean; countsUnreadable: boolean; groups: ({ key: string } & ImpactCountShape)[]; total: ImpactCountShape }[];
  totals: ({ key: string } & ImpactCountShape)[];
  total: ImpactCountShape;
}

export const IMPACT_TRENDS = `query Impact($input: ImpactTrendInput!) {
  impactTrends(input: $input) { k buckets { start complete countsUnreadable groups { key count suppressed } total { count suppressed } } totals { key count suppressed } total { count suppressed } }
}`;

/** The answer and its raw text (to search for names and ids). */
export async function impactTrends(hub: TestHub, input: ImpactInputShape, token?: string): Promise<{ report: ImpactReportShape; text: string }> {
  const response = await hub.graphql<{ impactTrends: ImpactReportShape }>(IMPACT_TRENDS, { input }, token);
  if (response.errors) throw new Error(`impactTrends failed: ${response.text}`);
  return { report: response.data!.impactTrends, text: response.text };
}

type Shown = number | 'suppressed';

/** Per bucket, each listed group's figure (and `total`), 'suppressed' where suppressed. */
export function impactTable(report: ImpactReportShape): Record<string, Shown>[] {
  const shown = (count: ImpactCountShape): Shown => (count.suppressed ? 'suppressed' : count.count!);
  return report.buckets.map((bucket) => ({ ...Object.fromEntries(bucket.groups.map((group) => [group.key, shown(group)])), total: shown(bucket.total) }));
}
