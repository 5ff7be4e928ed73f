import { Inject, Injectable } from '@nestjs/common';
import { tlpRank } from '@hub/access';
import { INCIDENT_CORE_EXTENSION_ID, PATIENT_CARE_EXTENSION_ID, publicCareSummary, type IncidentFigureRow, type PublicSummary } from '@hub/incident-rules';
import { HUB_CONFIG } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { bucketStart, nextBucketStart, previousBucketStart } from '@hub/trend-rules';
import { DataSource } from 'typeorm';

/** The months the public summary covers, the current one included (not published until it ends). */
export const PUBLIC_SUMMARY_MONTHS = 12;

interface PublishableRow {
  stix: Record<string, unknown>;
  impacts: Record<string, unknown>[] | null;
  source_org_id: string;
  received: Date;
}

export interface PublicImpactSummary {
  k: number;
  from: string;
  to: string;
  bucket: 'MONTH';
  types: string[];
  buckets: { start: string; end: string; published: boolean; incidents: PublicFigure; byType: Record<string, PublicFigure>; sums: Record<string, PublicFigure> }[];
  totals: { incidents: PublicFigure; byType: Record<string, PublicFigure>; sums: Record<string, PublicFigure> };
}

type PublicFigure = { count: number | null; suppressed: boolean };

/**
 * The numbers the ISAC may publish (docs/incidents.md, "Public summary"). Only TLP:CLEAR incidents whose
 * patient-care extension says consent_public_summary: true are read from the database at all — the SQL
 * selects them, so no other report reaches the figures — with their TLP:CLEAR impacts; @hub/incident-rules
 * applies the k rules. Months only: one fixed bucket size gives no two answers to subtract.
 */
@Injectable()
export class PublicSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async summary(now = new Date()): Promise<PublicImpactSummary> {
    const to = nextBucketStart(bucketStart(now, 'MONTH'), 'MONTH');
    let from = bucketStart(now, 'MONTH');
    for (let month = 1; month < PUBLIC_SUMMARY_MONTHS; month += 1) from = previousBucketStart(from, 'MONTH');
    const clear = tlpRank('CLEAR');
    const rows: PublishableRow[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (o.id) o.id, o.stix, o.tlp, o.source_org_id,
                (SELECT min(f.date_added) FROM stix_object f WHERE f.id = o.id AND f.tlp = $1) AS received
         FROM stix_object o
         -- Only incidents with a CLEAR version received in the range can count: found in the narrow table.
         WHERE o.type = 'incident' AND o.id IN (SELECT f.id FROM incident_figure f WHERE f.tlp = $1 AND f.date_added >= $2 AND f.date_added < $3)
         ORDER BY o.id, o.modified DESC)
       SELECT l.stix, l.source_org_id::text AS source_org_id, l.received,
              (SELECT jsonb_agg(i.stix) FROM stix_object i
               WHERE i.id IN (SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(l.stix->'extensions'->$4->'impact_refs') = 'array' THEN l.stix->'extensions'->$4->'impact_refs' ELSE '[]'::jsonb END))
                 AND i.tlp = $1
                 AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = i.id AND n.modified > i.modified)) AS impacts
       FROM latest l
       WHERE l.tlp = $1 AND (l.stix->'extensions'->$5->'consent_public_summary') = 'true'::jsonb
         AND l.received >= $2 AND l.received < $3`,
      [clear, from, to, INCIDENT_CORE_EXTENSION_ID, PATIENT_CARE_EXTENSION_ID],
    );
    const figureRows: IncidentFigureRow[] = rows.map((row) => ({
      incident: row.stix,
      impacts: row.impacts ?? [],
      source: { organizationId: row.source_org_id },
      receivedAt: new Date(row.received),
    }));
    return toJson(publicCareSummary(figureRows, { bucketSize: 'MONTH', from, to, now, k: this.config.trendK }), from, to);
  }
}

function toJson(summary: PublicSummary, from: Date, to: Date): PublicImpactSummary {
  const figures = <K extends string>(map: ReadonlyMap<K, PublicFigure> | Record<K, PublicFigure>) =>
    Object.fromEntries(map instanceof Map ? [...map] : Object.entries(map)) as Record<string, PublicFigure>;
  return {
    k: summary.k,
    from: from.toISOString(),
    to: to.toISOString(),
    bucket: 'MONTH',
    types: summary.types,
    buckets: summary.buckets.map((bucket) => ({
      start: bucket.start.toISOString(),
      end: bucket.end.toISOString(),
      published: bucket.published,
      incidents: bucket.incidents,
      byType: figures(bucket.byType),
      sums: figures(bucket.sums),
    })),
    totals: { incidents: summary.totals.incidents, byType: figures(summary.totals.byType), sums: figures(summary.totals.sums) },
  };
}
