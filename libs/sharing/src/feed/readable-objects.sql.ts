import { readableCondition, tlpRank, Viewer } from '@hub/access';
import { REQUIRED_REFERENCES } from '../store/required-references';
import { likePattern, SqlParams } from '../store/sql-params';
import { ObjectFilter } from './object-filter';
import { isReferenceProperty, KEPT_PROPERTIES } from './withheld-refs';

/**
 * Whether the viewer may follow a reference (`ref`, an SQL text expression): some version of the
 * object it names is readable, or it names a member organisation's identity (named in created_by_ref
 * of everything the organisation shares by name). An id that names no stored object is not
 * followable either: a hidden object and an absent one must look the same to the viewer.
 */
export function followableRefCondition(viewer: Viewer, ref: string, params: SqlParams): string {
  return `(EXISTS (SELECT 1 FROM stix_object visible WHERE visible.id = ${ref} AND ${readableCondition(viewer, 'visible', params.bind)})
    OR EXISTS (SELECT 1 FROM organization org_identity WHERE org_identity.identity_id = ${ref}))`;
}

/** SQL: the row was submitted by the viewer, a person (never a key: a key may carry less than its person reads). */
function submittedByViewer(viewer: Viewer, params: SqlParams, alias: string): string {
  if (viewer.kind !== 'user') return 'false';
  return `${alias}.submitted_by = ${params.bind(viewer.userId)}::uuid`;
}

/**
 * SQL: no newer version of the row `alias` is readable, i.e. it is the latest version the viewer
 * may read: the condition readableObjectsWhere adds unless `everyVersion`. On its own for a caller
 * that applies it after readableObjectsWhere(…, { everyVersion: true }) (the same rows, in an order
 * that lets it stop early: libs/intel's over-correlation count).
 */
export function latestReadableVersion(viewer: Viewer, params: SqlParams, alias = 'o'): string {
  return `NOT EXISTS (SELECT 1 FROM stix_object newer WHERE newer.id = ${alias}.id AND newer.modified > ${alias}.modified AND ${readableCondition(viewer, 'newer', params.bind)})`;
}

/**
 * The WHERE clause shared by every read of stored objects: the viewer may read the row, it is the
 * latest version the viewer may read, the viewer may follow every reference it stands on (a
 * relationship's ends, a sighting's `sighting_of_ref`), and it matches the filter. `everyVersion`
 * drops "latest": each readable version on its own (an object's history).
 */
export function readableObjectsWhere(viewer: Viewer, filter: ObjectFilter, params: SqlParams, alias = 'o', { everyVersion = false }: { everyVersion?: boolean } = {}): string {
  const readable = (rowAlias: string) => readableCondition(viewer, rowAlias, params.bind);
  const conditions = [
    readable(alias),
    ...(everyVersion ? [] : [latestReadableVersion(viewer, params, alias)]),
    // A relationship or sighting is shown only with what it stands on, so that it tells nothing
    // about an object the viewer cannot read, not even whether the hub holds one: an end the hub
    // does not hold hides it just as a hidden one does. Its own creator is followable as
    // created_by_ref is shown; its submitter wrote every id in it.
    `(${alias}.required_refs = '{}' OR ${submittedByViewer(viewer, params, alias)} OR NOT EXISTS (
        SELECT 1 FROM unnest(${alias}.required_refs) AS ref(id)
        WHERE NOT ${followableRefCondition(viewer, 'ref.id', params)}
          AND ref.id IS DISTINCT FROM ${alias}.stix->>'created_by_ref'))`,
    ...filterConditions(viewer, filter, params, alias),
  ];
  return conditions.join('\n  AND ');
}

/**
 * The feed's rule (readableObjectsWhere without a filter) for many rows at once: `rows` names a
 * (materialised) common table expression with the stored rows' `pk`, `id`, `modified`, `tlp`,
 * `readers`, `required_refs`, `submitted_by` and `created_by_ref` (the STIX property, for rows with
 * required references; libs/trends keeps them on trend_object); the result (column `pk`) holds
 * the rows the viewer reads in the feed. The same three conditions, set-based: the marking first
 * (most rows end there), then one probe per remaining row for a later readable version, and each
 * reference the rows stand on judged once (followableRefCondition), joined back by hashing. For
 * bulk judgements (trends keep verdicts on thousands of rows); a read of a page keeps
 * readableObjectsWhere.
 */
export function readableRowsAmong(viewer: Viewer, rows: string, params: SqlParams): string {
  const readable = (rowAlias: string) => readableCondition(viewer, rowAlias, params.bind);
  return `WITH candidate AS MATERIALIZED (
      SELECT c.pk, c.id, c.modified, c.required_refs, c.created_by_ref, COALESCE(${submittedByViewer(viewer, params, 'c')}, false) AS own_submission
      FROM ${rows} c WHERE ${readable('c')}
    ), refs AS MATERIALIZED (
      SELECT c.pk, ref.id FROM candidate c CROSS JOIN unnest(c.required_refs) AS ref(id)
      WHERE NOT c.own_submission AND ref.id IS DISTINCT FROM c.created_by_ref
    ), unfollowable AS MATERIALIZED (
      SELECT r.id FROM (SELECT DISTINCT id FROM refs) AS r WHERE NOT ${followableRefCondition(viewer, 'r.id', params)}
    )
    SELECT c.pk FROM candidate c
    WHERE ${latestReadableVersion(viewer, params, 'c')}
      AND NOT EXISTS (SELECT 1 FROM refs r JOIN unfollowable u ON u.id = r.id WHERE r.pk = c.pk)`;
}

function filterConditions(viewer: Viewer, filter: ObjectFilter, params: SqlParams, alias: string): string[] {
  const conditions: string[] = [];
  const { bind } = params;
  if (filter.types?.length) conditions.push(`${alias}.type = ANY(${bind(filter.types)}::text[])`);
  if (filter.tlp?.length) conditions.push(`${alias}.tlp = ANY(${bind(filter.tlp.map(tlpRank))}::smallint[])`);
  if (filter.since) conditions.push(`${alias}.date_added >= ${bind(filter.since)}`);
  if (filter.until) conditions.push(`${alias}.date_added < ${bind(filter.until)}`);
  if (filter.labels?.length) conditions.push(`${alias}.labels && ${bind(filter.labels)}::text[]`);
  if (filter.revoked !== undefined) conditions.push(`${alias}.revoked = ${bind(filter.revoked)}`);
  // warninglist_hit is written by libs/intel; hits come from the row's own observables.
  if (filter.excludeWarned) conditions.push(`NOT EXISTS (SELECT 1 FROM warninglist_hit warned WHERE warned.object_pk = ${alias}.pk AND warned.action = 'warn')`);
  // indicator_score is kept by libs/intel: one row per indicator row, the score as of its last due check.
  // Only indicators have a score; every other object passes these filters.
  if (filter.minScore !== undefined) {
    conditions.push(`(${alias}.type <> 'indicator' OR EXISTS (SELECT 1 FROM indicator_score scored WHERE scored.object_pk = ${alias}.pk AND scored.score >= ${bind(filter.minScore)}::smallint))`);
  }
  if (filter.excludeDecayed) {
    conditions.push(`(${alias}.type <> 'indicator' OR EXISTS (SELECT 1 FROM indicator_score scored WHERE scored.object_pk = ${alias}.pk AND scored.score > 0))`);
  }
  if (filter.sourceOrganizationId) {
    // An anonymous submission matches its source only for the source itself, or the filter would name it.
    const ownOrganization = viewer.kind === 'anonymous' ? null : viewer.organizationId;
    conditions.push(
      `${alias}.source_org_id = ${bind(filter.sourceOrganizationId)}::uuid AND (NOT ${alias}.anonymous OR ${alias}.source_org_id = ${bind(ownOrganization)}::uuid)`,
    );
  }
  if (filter.sectors?.length) {
    // An anonymous object goes by the sector its pseudonym named when it was shared, for everyone
    // (its source too): the source's own sector would single it out among the pseudonym's group.
    const sectors = bind(filter.sectors);
    conditions.push(
      `CASE WHEN ${alias}.anonymous THEN ${alias}.pseudonym_sector = ANY(${sectors}::text[])
            ELSE ${alias}.source_org_id IN (SELECT sector_member.id FROM organization sector_member WHERE sector_member.sector = ANY(${sectors}::text[])) END`,
    );
  }
  if (filter.search) {
    const pattern = bind(likePattern(filter.search));
    conditions.push(`(${alias}.name ILIKE ${pattern} OR ${alias}.stix->>'description' ILIKE ${pattern} OR ${alias}.id = ${bind(filter.search)})`);
  }
  if (filter.observable) {
    conditions.push(
      `${alias}.pk IN (SELECT object_pk FROM stix_observable WHERE type = ${bind(filter.observable.type)} AND value = ${bind(filter.observable.value)})`,
    );
  }
  if (filter.observableTypes?.length) {
    conditions.push(`${alias}.pk IN (SELECT object_pk FROM stix_observable WHERE type = ANY(${bind(filter.observableTypes)}::text[]))`);
  }
  return conditions;
}

/**
 * The columns a reader gets. The real source of an anonymous submission never leaves the database
 * for anyone outside the source organisation, nor its current sector and country: only the group
 * its pseudonym named when it was submitted.
 */
export function objectColumns(viewer: Viewer, params: SqlParams, alias = 'o'): string {
  const ownOrganization = params.bind(viewer.kind === 'anonymous' ? null : viewer.organizationId);
  const own = `${alias}.source_org_id = ${ownOrganization}::uuid`;
  const revealSource = `(NOT ${alias}.anonymous OR ${own})`;
  return `${alias}.pk, ${alias}.id, ${alias}.type, ${alias}.spec_version, ${alias}.created, ${alias}.modified, ${alias}.revoked,
    ${alias}.tlp, ${alias}.date_added, ${alias}.labels, ${alias}.anonymous, ${alias}.stix,
    COALESCE(${own}, false) AS own,
    CASE WHEN ${revealSource} THEN ${alias}.source_org_id END AS source_org_id,
    CASE WHEN ${revealSource} THEN source.name END AS source_name,
    CASE WHEN ${revealSource} THEN source.kind END AS source_kind,
    CASE WHEN ${revealSource} THEN source.identity_id END AS source_identity_id,
    CASE WHEN ${revealSource} THEN source.sector END AS source_sector,
    CASE WHEN ${revealSource} THEN source.country END AS source_country,
    ${alias}.pseudonym_sector, ${alias}.pseudonym_country,
    CASE WHEN ${own} THEN ${alias}.audience END AS audience,
    COALESCE(${submittedByViewer(viewer, params, alias)}, false) AS own_submission`;
}

/** A property name as an SQL literal (the names are the hub's constants; quoted all the same). */
function literal(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * SQL: how many top-level properties of the row's STIX are references that are never withheld (the
 * kept ones, and what the type requires, see withheld-refs.ts), or NULL when it has a kept property
 * holding references under other names (granular_markings). With the JSON text, this tells which
 * rows need no parsing for withheld references (mayReferToCheckedIds). `?` looks a key up in the
 * jsonb's sorted top level: no parsing either.
 */
export function exemptReferenceKeysColumn(alias = 'o'): string {
  const has = (property: string) => `(${alias}.stix ? ${literal(property)})::int`;
  const kept = [...KEPT_PROPERTIES];
  const unknowable = kept.filter((property) => !isReferenceProperty(property));
  const byType = Object.entries(REQUIRED_REFERENCES).map(([type, properties]) => {
    // A required property not named as a reference would hide references too: counted as unknowable.
    const counted = properties.filter(isReferenceProperty);
    const unknown = properties.filter((property) => !isReferenceProperty(property));
    const count = counted.length ? counted.map(has).join(' + ') : '0';
    return `WHEN ${literal(type)} THEN ${unknown.length ? `CASE WHEN ${unknown.map((property) => `${alias}.stix ? ${literal(property)}`).join(' OR ')} THEN NULL ELSE ${count} END` : count}`;
  });
  const counted = kept.filter(isReferenceProperty).map(has).join(' + ');
  return `CASE WHEN ${unknowable.map((property) => `${alias}.stix ? ${literal(property)}`).join(' OR ') || 'false'} THEN NULL
    ELSE ${counted || '0'} + CASE ${alias}.stix->>'type' ${byType.join(' ')} ELSE 0 END END`;
}

/**
 * The columns a bulk read (an export) needs: the STIX as the text PostgreSQL stores it (written out
 * as it is: parsing and serialising each object was most of an export's time), what the read audit
 * lists (`modified` only for the AMBER and RED rows it lists: decoding a timestamp costs more than
 * the rest of the row), whether the viewer submitted it, and the count that tells which rows may
 * hold references to withhold. Not the source's columns: nothing an export writes comes from them.
 */
export function streamedObjectColumns(viewer: Viewer, params: SqlParams, alias = 'o'): string {
  return `${alias}.id, ${alias}.tlp, CASE WHEN ${alias}.tlp >= ${tlpRank('AMBER')} THEN ${alias}.modified END AS modified, ${alias}.stix::text AS json,
    COALESCE(${submittedByViewer(viewer, params, alias)}, false) AS own_submission,
    ${exemptReferenceKeysColumn(alias)} AS exempt_reference_keys`;
}

export const SOURCE_JOIN = 'JOIN organization source ON source.id = o.source_org_id';
