import { Injectable } from '@nestjs/common';
import { tlpRank } from '@hub/access';
import { productMatchKeys, productStatusesFromStix, type AffectedProductSpec, type ProductStatus, type StixRecord } from '@hub/exposure-rules';
import { EntityManager } from 'typeorm';
import { foldMatches, type FoundExposure, type StoredComponent, type StoredProduct } from './exposure-matches';
import { newestReadableVersionSql, organizationReadableSql } from './organization-readable.sql';

interface VersionRow {
  pk: string;
  id: string;
  type: string;
  source_org_id: string;
  stix: StixRecord;
}

interface ComponentCandidateRow {
  component_id: string;
  organization_id: string;
  inventory_name: string;
  key: string;
  name: string;
  version: string | null;
  vendor: string | null;
  model: string | null;
  cpes: string[];
  purls: string[];
  ordinal: number;
}

interface ProductRow {
  object_pk: string;
  ordinal: number;
  vulnerability_id: string;
  status: ProductStatus;
  spec: AffectedProductSpec;
}

const EXPOSED_VERDICTS = `('affected', 'conflicting')`;

/**
 * Only matches of a version every organisation may read, about software every organisation may read,
 * are tallied: anything narrower was matched against its audience only, and a count of it would tell
 * which of those few organisations run the product (docs/exposure.md, "Numbers for others").
 * Asked once per version (alias `e`), by primary key: as anti-joins the planner could scan stix_object whole.
 */
const SECTOR_WIDE_VERSION = `coalesce((SELECT v.tlp FROM stix_object v WHERE v.pk = e.object_pk), 0) <= ${tlpRank('GREEN')}
          AND coalesce((SELECT max(s.tlp) FROM advisory_product ap JOIN stix_object s ON s.pk = ap.software_pk WHERE ap.object_pk = e.object_pk), 0) <= ${tlpRank('GREEN')}`;

/**
 * Matching in both directions, inside the caller's transaction. Candidates come from SQL by shared
 * bucket keys (a GIN index on components, a btree of keys on advisories) and only under the organisation's read rules (the
 * vulnerability version is the newest it may read, and it may read the software the statement is
 * about); the rules of @hub/exposure-rules then decide each candidate.
 */

@Injectable()
export class ExposureMatcher {
  /**
   * Stored vulnerability versions, and `has` relationships naming one: (re)reads what each of those
   * vulnerability versions says about products, then matches it against every current inventory.
   * A vulnerability queued with its relationships is read once. Returns the alert ids raised.
   */
  async matchStoredVersions(manager: EntityManager, pks: string[]): Promise<string[]> {
    if (!pks.length) return [];
    // A relationship stands for every version of its target by the relationship's own source.
    const versions: VersionRow[] = await manager.query(
      `SELECT pk, id, type, source_org_id, stix FROM stix_object WHERE pk IN (
         SELECT pk FROM stix_object WHERE pk = ANY($1::bigint[]) AND type = 'vulnerability'
         UNION
         SELECT v.pk FROM stix_object r JOIN stix_object v ON v.id = r.stix->>'target_ref' AND v.source_org_id = r.source_org_id AND v.type = 'vulnerability'
          WHERE r.pk = ANY($1::bigint[]) AND r.type = 'relationship')
       ORDER BY pk`,
      [pks],
    );
    const alertIds: string[] = [];
    for (const version of versions) {
      await this.readProducts(manager, version);
      alertIds.push(...(await this.matchAdvisoryVersion(manager, String(version.pk))));
    }
    return alertIds;
  }

  /**
   * One new inventory version against every advisory its organisation may read. The components are
   * the ones just stored, with their bucket keys (not read back).
   */
  async matchInventory(manager: EntityManager, organizationId: string, components: readonly { component: StoredComponent; keys: string[] }[]): Promise<string[]> {
    const allKeys = new Set(components.flatMap((entry) => entry.keys));
    if (!allKeys.size) return [];
    // One statement for every key of the inventory: the btree of advisory_product_key is probed once per
    // key (a scan of the sorted keys when there are many), then the readable condition per statement.
    const products: (ProductRow & { match_keys: string[] })[] = await manager.query(
      `SELECT ap.object_pk, ap.ordinal, ap.vulnerability_id, ap.status, ap.spec, ap.match_keys
         FROM advisory_product ap
         JOIN stix_object v ON v.pk = ap.object_pk
         JOIN stix_object s ON s.pk = ap.software_pk
         JOIN organization org ON org.id = $1
        WHERE (ap.object_pk, ap.ordinal) IN (SELECT apk.object_pk, apk.ordinal FROM advisory_product_key apk WHERE apk.key = ANY($2::text[]))
          AND org.active
          AND ${newestReadableVersionSql('v', 'org')}
          AND ${organizationReadableSql('s', 'org')}`,
      [organizationId, [...allKeys]],
    );
    if (!products.length) return [];
    const byKey = new Map<string, StoredProduct[]>();
    for (const product of products) {
      const stored: StoredProduct = { objectPk: String(product.object_pk), vulnerabilityId: product.vulnerability_id, status: product.status, spec: product.spec };
      for (const key of product.match_keys) {
        if (!allKeys.has(key)) continue;
        const list = byKey.get(key);
        if (list) list.push(stored);
        else byKey.set(key, [stored]);
      }
    }
    const pairs: { component: StoredComponent; product: StoredProduct }[] = [];
    for (const { component, keys } of components) {
      const seen = new Set<StoredProduct>();
      for (const key of keys) {
        for (const product of byKey.get(key) ?? []) {
          if (seen.has(product)) continue;
          seen.add(product);
          pairs.push({ component, product });
        }
      }
    }
    return this.record(manager, foldMatches(pairs));
  }

  /** Replaces what the version says about products (advisory_product) with what its STIX says now. */
  private async readProducts(manager: EntityManager, version: VersionRow): Promise<void> {
    await manager.query(`DELETE FROM advisory_product WHERE object_pk = $1`, [version.pk]);
    // Statements come from the vulnerability's own source: nobody else speaks for its advisory.
    const relationships: { stix: StixRecord }[] = await manager.query(
      `SELECT DISTINCT ON (r.id) r.stix FROM stix_object r
        WHERE r.type = 'relationship' AND r.required_refs @> ARRAY[$1::text] AND r.stix->>'relationship_type' = 'has'
          AND r.source_org_id = $2 AND NOT r.revoked
        ORDER BY r.id, r.modified DESC`,
      [version.id, version.source_org_id],
    );
    const vex = Array.isArray(version.stix.x_hub_vex) ? (version.stix.x_hub_vex as Record<string, unknown>[]) : [];
    const softwareIds = [...new Set([...relationships.map((r) => r.stix.source_ref), ...vex.map((statement) => statement.software_ref)].filter((id): id is string => typeof id === 'string'))];
    if (!softwareIds.length) return;
    const software: { pk: string; stix: StixRecord }[] = await manager.query(
      `SELECT DISTINCT ON (id) pk, stix FROM stix_object WHERE type = 'software' AND id = ANY($1::text[]) AND source_org_id = $2 ORDER BY id, pk DESC`,
      [softwareIds, version.source_org_id],
    );
    const softwarePk = new Map(software.map((s) => [s.stix.id, String(s.pk)]));
    const statements = productStatusesFromStix([version.stix, ...relationships.map((r) => r.stix), ...software.map((s) => s.stix)]).filter((s) => s.vulnerabilityId === version.id);
    const rows = statements.flatMap((statement) => {
      const keys = productMatchKeys(statement);
      const pk = softwarePk.get(statement.softwareId);
      if (!keys.length || !pk) return [];
      const spec: AffectedProductSpec = { ...(statement.cpe ? { cpe: statement.cpe } : {}), ...(statement.purl ? { purl: statement.purl } : {}), ...(statement.range ? { range: statement.range } : {}), ...(statement.device ? { device: statement.device } : {}) };
      return [{ pk, status: statement.status, spec: JSON.stringify(spec), keys: `{${keys.map((k) => JSON.stringify(k)).join(',')}}` }];
    });
    if (!rows.length) return;
    // Each statement's keys go to advisory_product_key too, where inventories look them up.
    await manager.query(
      `WITH product AS (
         INSERT INTO advisory_product (object_pk, ordinal, vulnerability_id, software_pk, status, spec, match_keys)
         SELECT $1, p.ordinality, $2, p.software_pk, p.status, p.spec, p.match_keys::text[]
           FROM unnest($3::bigint[], $4::text[], $5::jsonb[], $6::text[]) WITH ORDINALITY AS p (software_pk, status, spec, match_keys, ordinality)
         RETURNING object_pk, ordinal, match_keys)
       INSERT INTO advisory_product_key (key, object_pk, ordinal)
       SELECT DISTINCT k, product.object_pk, product.ordinal FROM product, unnest(product.match_keys) k`,
      [version.pk, version.id, rows.map((r) => r.pk), rows.map((r) => r.status), rows.map((r) => r.spec), rows.map((r) => r.keys)],
    );
  }

  /** One vulnerability version against every current inventory whose organisation may read it. */
  private async matchAdvisoryVersion(manager: EntityManager, pk: string): Promise<string[]> {
    const products: ProductRow[] = await manager.query(`SELECT object_pk, ordinal, vulnerability_id, status, spec FROM advisory_product WHERE object_pk = $1`, [pk]);
    if (!products.length) return [];
    const candidates: ComponentCandidateRow[] = await manager.query(
      `SELECT c.id AS component_id, c.organization_id, lower(i.name) AS inventory_name, c.key, c.name, c.version, c.vendor, c.model, c.cpes, c.purls, ap.ordinal
         FROM advisory_product ap
         JOIN stix_object v ON v.pk = ap.object_pk
         JOIN stix_object s ON s.pk = ap.software_pk
         JOIN inventory_component c ON c.match_keys && ap.match_keys
         JOIN inventory i ON i.id = c.inventory_id AND i.current
         JOIN organization org ON org.id = c.organization_id
        WHERE ap.object_pk = $1 AND org.active
          AND ${newestReadableVersionSql('v', 'org')}
          AND ${organizationReadableSql('s', 'org')}`,
      [pk],
    );
    const byOrdinal = new Map(products.map((p) => [p.ordinal, { objectPk: String(p.object_pk), vulnerabilityId: p.vulnerability_id, status: p.status, spec: p.spec } satisfies StoredProduct]));
    const components = new Map<string, StoredComponent>();
    const pairs = candidates.flatMap((candidate) => {
      const product = byOrdinal.get(candidate.ordinal);
      if (!product) return [];
      let component = components.get(candidate.component_id);
      if (!component) components.set(candidate.component_id, (component = componentOf(candidate)));
      return [{ component, product }];
    });
    return this.record(manager, foldMatches(pairs));
  }

  /**
   * Writes what was found: exposed matches become (or refresh) exposure rows, the tally for counts
   * and one alert per person of the organisation; matches no longer exposed (a later "not affected"
   * or "fixed" statement) only update rows that exist. Triaged exposures raise no alert.
   */
  private async record(manager: EntityManager, found: FoundExposure[]): Promise<string[]> {
    if (!found.length) return [];
    const columns = (rows: FoundExposure[]) => [
      rows.map((f) => f.organizationId),
      rows.map((f) => f.inventoryName),
      rows.map((f) => f.component.key),
      rows.map((f) => f.component.name),
      rows.map((f) => f.component.version ?? null),
      rows.map((f) => f.vulnerabilityId),
      rows.map((f) => f.objectPk),
      rows.map((f) => f.verdict),
      rows.map((f) => f.by),
    ];
    const exposed = found.filter((f) => f.exposed);
    const silenced = found.filter((f) => !f.exposed);
    if (silenced.length) {
      await manager.query(
        `UPDATE exposure e SET verdict = f.verdict, object_pk = f.object_pk, matched_by = f.matched_by, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])
                AS f (organization_id, inventory_name, component_key, component_name, component_version, vulnerability_id, object_pk, verdict, matched_by)
          WHERE e.organization_id = f.organization_id AND e.inventory_name = f.inventory_name AND e.component_key = f.component_key AND e.vulnerability_id = f.vulnerability_id`,
        columns(silenced),
      );
    }
    if (!exposed.length) return [];
    // One statement: the exposures, then from what the upsert returns (after a member's triage, if any)
    // the tally and the alerts, so nothing is read back by id. An alert is written with its exposure,
    // which stays locked until commit (no foreign key checks it row by row, see the migration).
    const alerts: { id: string }[] = await manager.query(
      `WITH found AS (
         INSERT INTO exposure (organization_id, inventory_name, component_key, component_name, component_version, vulnerability_id, object_pk, verdict, matched_by)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])
         ON CONFLICT (organization_id, inventory_name, component_key, vulnerability_id) DO UPDATE
           SET verdict = EXCLUDED.verdict, object_pk = EXCLUDED.object_pk, matched_by = EXCLUDED.matched_by,
               component_name = EXCLUDED.component_name, component_version = EXCLUDED.component_version, updated_at = now()
         RETURNING id, organization_id, vulnerability_id, object_pk, verdict, status),
       versions AS (SELECT DISTINCT object_pk FROM found),
       sector_wide AS (SELECT object_pk FROM versions e WHERE ${SECTOR_WIDE_VERSION}),
       tally AS (
         INSERT INTO exposure_tally (vulnerability_id, organization_id, sector)
         SELECT DISTINCT found.vulnerability_id, found.organization_id, org.sector
           FROM found JOIN sector_wide USING (object_pk) JOIN organization org ON org.id = found.organization_id
         ON CONFLICT DO NOTHING)
       INSERT INTO alert (user_id, kind, exposure_id, object_pk, object_id)
       SELECT u.id, 'EXPOSURE', found.id, found.object_pk, found.vulnerability_id
         FROM found JOIN hub_user u ON u.organization_id = found.organization_id AND u.active
        WHERE found.verdict IN ${EXPOSED_VERDICTS} AND found.status IS NULL
        ORDER BY found.id, u.id
       ON CONFLICT (exposure_id, user_id) WHERE exposure_id IS NOT NULL DO NOTHING
       RETURNING id`,
      columns(exposed),
    );
    return alerts.map((a) => String(a.id));
  }
}

function componentOf(row: Omit<ComponentCandidateRow, 'component_id' | 'ordinal'>): StoredComponent {
  return {
    organizationId: row.organization_id,
    inventoryName: row.inventory_name,
    key: row.key,
    name: row.name,
    ...(row.version === null ? {} : { version: row.version }),
    ...(row.vendor === null ? {} : { vendor: row.vendor }),
    ...(row.model === null ? {} : { model: row.model }),
    cpes: row.cpes,
    purls: row.purls,
  };
}
