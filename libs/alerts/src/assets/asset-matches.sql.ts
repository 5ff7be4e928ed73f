import { IS_HOST } from '@hub/sharing';

// Which stored observables an organisation's asset entries cover, as SQL (docs/intel.md,
// "Organisation assets"). Every query returns rows of MATCH_COLUMNS. Host names are compared
// reversed and in byte order (organization_asset.host_key, stix_observable_host_key), so a domain
// and its subdomains are one index range; addresses use the inet indexes.
//   DOMAIN   the name itself and every name under it (a URL's host, an e-mail address's domain too)
//   HOSTNAME that exact name (a URL's host, an e-mail address's domain too)
//   CIDR, IP an address or block inside the entry (IPv4 and IPv6; never across families)

/** The observable types that name a host (observable_host of the migration knows how). */
const HOST_TYPES = `('domain-name', 'url', 'email-addr')`;
const SO_HOST_KEY = `(reverse(observable_host(so.type, so.value)) COLLATE "C")`;
const SO_IS_HOST = IS_HOST.replace(/address/g, 'so.address');

const MATCH_COLUMNS = `so.object_pk, so.type AS matched_type, so.value AS matched_value,
  a.organization_id AS asset_organization_id, a.kind AS asset_kind, a.value AS asset_value, a.comment AS asset_comment`;

/**
 * The observables of the given stored versions (`pks`, a bigint[] placeholder) that some entry of
 * some organisation covers. Driven from the few new observables into the lists: each host name is
 * looked up with its label suffixes (`www.example.org` -> `example.org`, `org`), each address in the
 * GiST index of the blocks.
 */
export function matchesOfVersions(pks: string): string {
  return `
    SELECT ${MATCH_COLUMNS}
      FROM stix_observable so
      CROSS JOIN LATERAL (SELECT ${SO_HOST_KEY} AS key) host
      CROSS JOIN LATERAL (
        SELECT host.key AS key, true AS whole
        UNION ALL
        SELECT left(host.key, p - 1), false FROM generate_series(2, length(host.key)) AS p WHERE substr(host.key, p, 1) = '.'
      ) suffix
      JOIN organization_asset a ON a.host_key = suffix.key AND (suffix.whole OR a.kind = 'DOMAIN')
     WHERE so.object_pk = ANY(${pks}::bigint[]) AND so.type IN ${HOST_TYPES} AND host.key IS NOT NULL
    UNION ALL
    SELECT ${MATCH_COLUMNS}
      FROM stix_observable so
      JOIN organization_asset a ON a.network >>= so.address
     WHERE so.object_pk = ANY(${pks}::bigint[]) AND so.address IS NOT NULL AND a.network IS NOT NULL`;
}

/**
 * The stored observables the given entries (`assetIds`, a uuid[] placeholder) cover. Driven from the
 * entries into stix_observable: the name itself and the range of names under it on
 * stix_observable_host_key; single addresses as a btree range, blocks in the GiST index.
 */
export function matchesOfEntries(assetIds: string): string {
  return `
    SELECT ${MATCH_COLUMNS}
      FROM organization_asset a
      JOIN stix_observable so ON so.type IN ${HOST_TYPES} AND ${SO_HOST_KEY} = a.host_key
     WHERE a.id = ANY(${assetIds}::uuid[]) AND a.host_key IS NOT NULL
    UNION ALL
    SELECT ${MATCH_COLUMNS}
      FROM organization_asset a
      JOIN stix_observable so ON so.type IN ${HOST_TYPES} AND ${SO_HOST_KEY} >= a.host_key || '.' AND ${SO_HOST_KEY} < a.host_key || '/'
     WHERE a.id = ANY(${assetIds}::uuid[]) AND a.kind = 'DOMAIN'
    UNION ALL
    SELECT ${MATCH_COLUMNS}
      FROM organization_asset a
      -- OFFSET 0 keeps this a range scan per entry: the planner underestimates how many rows the
      -- partial index of single addresses holds and would otherwise read all of them once.
      CROSS JOIN LATERAL (
        SELECT * FROM stix_observable host_row
         WHERE host_row.address IS NOT NULL AND ${IS_HOST.replace(/address/g, 'host_row.address')}
           AND host_row.address BETWEEN a.network AND host(broadcast(a.network))::inet
        OFFSET 0
      ) so
     WHERE a.id = ANY(${assetIds}::uuid[]) AND a.network IS NOT NULL AND so.address <<= a.network
    UNION ALL
    SELECT ${MATCH_COLUMNS}
      FROM organization_asset a
      JOIN stix_observable so ON so.address IS NOT NULL AND NOT ${SO_IS_HOST} AND so.address <<= a.network
     WHERE a.id = ANY(${assetIds}::uuid[]) AND a.network IS NOT NULL`;
}

/**
 * Keeps one alert per (person, object, entry) for matches the person may read: `readable` is the
 * feed's condition on `o` under the person's viewer (the latest version they may read, references
 * they may follow). The organisation's own shares raise nothing; nor do revoked versions. At most
 * `limit` alerts, newest objects first (a re-check of an old list must stay bounded).
 */
export function insertAssetAlerts(args: { matches: string; userId: string; organizationId: string; readable: string; limit?: string }): string {
  return `
    INSERT INTO alert (kind, user_id, object_pk, object_id, asset_organization_id, asset_kind, asset_value, asset_comment, matched_type, matched_value)
    SELECT 'ASSET_MATCH', ${args.userId}::uuid, pk, id, asset_organization_id, asset_kind, asset_value, asset_comment, matched_type, matched_value
      FROM (
        SELECT DISTINCT ON (o.id, m.asset_kind, m.asset_value) o.pk, o.id, m.asset_organization_id, m.asset_kind, m.asset_value, m.asset_comment, m.matched_type, m.matched_value
          FROM (${args.matches}) m JOIN stix_object o ON o.pk = m.object_pk
         WHERE m.asset_organization_id = ${args.organizationId}::uuid
           AND o.source_org_id <> ${args.organizationId}::uuid
           AND NOT o.revoked
           AND ${args.readable}
         ORDER BY o.id, m.asset_kind, m.asset_value, o.pk DESC, m.matched_type, m.matched_value
      ) matched
     ORDER BY pk DESC${args.limit ? ` LIMIT ${args.limit}` : ''}
    ON CONFLICT (user_id, object_id, asset_kind, asset_value) WHERE kind = 'ASSET_MATCH' DO NOTHING
    RETURNING id`;
}
