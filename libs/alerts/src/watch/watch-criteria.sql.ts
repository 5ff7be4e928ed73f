import { readableCondition, tlpRank, Viewer } from '@hub/access';
import { IS_HOST, SqlParams } from '@hub/sharing';
import { WatchCriteria } from './watch-criteria';

const ADDRESS_TYPES = new Set(['ipv4-addr', 'ipv6-addr']);

/**
 * The criteria of a watch filter as SQL conditions over a stored object row (`o`). Everything a
 * condition looks at beyond the row itself (a relationship to a malware family, the family) must be
 * readable by `viewer`, the filter's owner: an alert must not reveal a link its owner cannot see.
 */
export function watchCriteriaConditions(criteria: WatchCriteria, viewer: Viewer, params: SqlParams, alias = 'o'): string[] {
  const { bind } = params;
  const lowered = (values: string[]) => bind(values.map((value) => value.toLowerCase()));
  const conditions: string[] = [];
  if (criteria.types.length) conditions.push(`${alias}.type = ANY(${bind(criteria.types)}::text[])`);
  if (criteria.tlp.length) conditions.push(`${alias}.tlp = ANY(${bind(criteria.tlp.map(tlpRank))}::smallint[])`);
  if (criteria.labels.length) {
    conditions.push(`EXISTS (SELECT 1 FROM unnest(${alias}.labels) AS label WHERE lower(label) = ANY(${lowered(criteria.labels)}::text[]))`);
  }
  if (criteria.indicatorTypes.length) {
    conditions.push(`EXISTS (SELECT 1 FROM unnest(${alias}.indicator_types) AS kind WHERE lower(kind) = ANY(${lowered(criteria.indicatorTypes)}::text[]))`);
  }
  if (criteria.observables.length) conditions.push(observablesCondition(criteria.observables, params, alias));
  if (criteria.malwareFamilies.length) conditions.push(malwareFamilyCondition(lowered(criteria.malwareFamilies), viewer, params, alias));
  return conditions;
}

/**
 * The row mentions one of the observables. Exact values use the (type, value) index; an address
 * or network matches every host inside it (host index) and every network overlapping it (GiST
 * index), the way lookupObservable does, so a watched range also hears of indicators on a wider one.
 */
function observablesCondition(observables: WatchCriteria['observables'], params: SqlParams, alias: string): string {
  const { bind } = params;
  const matches: string[] = [];
  const exactByType = new Map<string, string[]>();
  for (const observable of observables) {
    if (ADDRESS_TYPES.has(observable.type)) {
      const type = bind(observable.type);
      const network = `${bind(observable.value)}::inet`;
      matches.push(`(type = ${type} AND address IS NOT NULL AND NOT ${IS_HOST} AND address && ${network})`);
      matches.push(`(type = ${type} AND address IS NOT NULL AND ${IS_HOST} AND address BETWEEN host(network(${network}))::inet AND host(broadcast(${network}))::inet)`);
    } else {
      exactByType.set(observable.type, [...(exactByType.get(observable.type) ?? []), observable.value]);
    }
  }
  for (const [type, values] of exactByType) matches.push(`(type = ${bind(type)} AND value = ANY(${bind(values)}::text[]))`);
  return `${alias}.pk IN (SELECT object_pk FROM stix_observable WHERE ${matches.join(' OR ')})`;
}

/**
 * The row is a malware of one of the families (by name or alias), or is linked to one: an object
 * that a relationship points from (an indicator "indicates" it), or a relationship pointing to it.
 */
function malwareFamilyCondition(names: string, viewer: Viewer, params: SqlParams, alias: string): string {
  const readable = (rowAlias: string) => readableCondition(viewer, rowAlias, params.bind);
  const isFamily = (rowAlias: string) =>
    `${rowAlias}.type = 'malware' AND (lower(${rowAlias}.name) = ANY(${names}::text[])
      OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(${rowAlias}.stix->'aliases') = 'array' THEN ${rowAlias}.stix->'aliases' ELSE '[]' END) AS alias_name
                 WHERE lower(alias_name) = ANY(${names}::text[])))`;
  // A revoked relationship no longer links anything, even though its earlier versions are still stored.
  const notRevoked = (rowAlias: string) => `NOT EXISTS (SELECT 1 FROM stix_object gone WHERE gone.id = ${rowAlias}.id AND gone.revoked)`;
  return `((${isFamily(alias)})
    OR EXISTS (SELECT 1 FROM stix_object rel JOIN stix_object family ON family.id = rel.stix->>'target_ref'
               WHERE rel.required_refs @> ARRAY[${alias}.id] AND rel.type = 'relationship' AND rel.stix->>'source_ref' = ${alias}.id
                 AND ${notRevoked('rel')} AND ${readable('rel')} AND ${isFamily('family')} AND ${readable('family')})
    OR (${alias}.type = 'relationship' AND EXISTS (SELECT 1 FROM stix_object family
               WHERE family.id = ${alias}.stix->>'target_ref' AND ${isFamily('family')} AND ${readable('family')})))`;
}
