import { tlpRank } from '@hub/access';

const GREEN = tlpRank('GREEN');
const AMBER = tlpRank('AMBER');
const AMBER_STRICT = tlpRank('AMBER_STRICT');

/**
 * The reader tokens of an organisation as a whole, in SQL over an `organization` row: what
 * viewerTokens gives an INTERNAL API key of it (its own token, its sharing groups now, its built-in
 * audience unless it is the hub operator), and never a person's token.
 */
export function organizationTokensSql(orgAlias: string): string {
  return `(ARRAY['org:' || ${orgAlias}.id::text]
    || ARRAY(SELECT 'group:' || m.sharing_group_id::text FROM sharing_group_member m WHERE m.organization_id = ${orgAlias}.id)
    || CASE WHEN ${orgAlias}.is_operator THEN '{}'::text[] ELSE ARRAY['audience:' || CASE ${orgAlias}.kind WHEN 'PUBLIC' THEN 'PUBLIC_SECTOR' ELSE 'PRIVATE_SECTOR' END] END)`;
}

/**
 * An object version the whole organisation may read: what readableCondition allows an INTERNAL key of
 * it (CLEAR, GREEN, and AMBER or AMBER+STRICT naming the organisation, one of its groups or its
 * audience; never RED, which names people). Exposure is the organisation's, so it is decided on what
 * the organisation may read, not on what one of its people may.
 */
export function organizationReadableSql(objectAlias: string, orgAlias: string): string {
  const o = objectAlias;
  return `(${o}.tlp <= ${GREEN} OR (${o}.tlp IN (${AMBER}, ${AMBER_STRICT}) AND ${o}.readers && ${organizationTokensSql(orgAlias)}))`;
}

/**
 * The vulnerability version is the newest one of its id that the organisation may read, not revoked:
 * what it is told matches only what it would see in the feed.
 */
export function newestReadableVersionSql(objectAlias: string, orgAlias: string): string {
  return `NOT ${objectAlias}.revoked AND ${organizationReadableSql(objectAlias, orgAlias)}
    AND NOT EXISTS (SELECT 1 FROM stix_object newer WHERE newer.id = ${objectAlias}.id AND newer.modified > ${objectAlias}.modified AND ${organizationReadableSql('newer', orgAlias)})`;
}
