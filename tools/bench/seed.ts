import { hash } from '@node-rs/argon2';
import pg from 'pg';

export const BENCH_PASSWORD = 'benchmark passphrase 2026';
export const BENCH_MEMBER_EMAIL = 'member1@bench.test';

export interface SeedOptions {
  objects: number;
  organizations: number;
  groups: number;
  /** Changes which pseudo-random choices the data makes; the same seed makes the same data. */
  seed: number;
}

export interface SeedSummary {
  objects: number;
  organizations: number;
  groups: number;
  memberEmail: string;
  /** Objects added by this run (0 when an earlier run's data set was reused). */
  added: number;
  seconds: number;
}

const CHUNK = 100_000;

/**
 * Fills a migrated hub database with a deterministic data set: organisations with one member each,
 * sharing groups (organisation 1 is in 10 of them), and objects of every TLP level, mostly indicators
 * with an IPv4 observable each. Rows are made in SQL (generate_series), not through the API, so a
 * million objects take about a minute; the ingest path is measured separately.
 */
export async function seedBenchData(databaseUrl: string, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM organization WHERE name LIKE 'Bench org %'`)).rows;
    if (count === 0) await seedMembers(client, options);
    const [{ stored }] = (await client.query(`SELECT count(*)::int AS stored FROM stix_object WHERE stix->>'x_bench' = 'true'`)).rows;
    for (let from = stored + 1; from <= options.objects; from += CHUNK) {
      await seedObjects(client, from, Math.min(options.objects, from + CHUNK - 1), options);
    }
    await client.query('ANALYZE');
    return { objects: options.objects, organizations: options.organizations, groups: options.groups, memberEmail: BENCH_MEMBER_EMAIL, added: Math.max(0, options.objects - stored), seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function seedMembers(client: pg.Client, { organizations, groups }: SeedOptions): Promise<void> {
  const passwordHash = await hash(BENCH_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO organization (name, kind, sector, country, identity_id, identity)
     SELECT 'Bench org ' || i, CASE WHEN i % 3 = 0 THEN 'PUBLIC' ELSE 'PRIVATE' END,
            (ARRAY['HEALTHCARE_PROVIDER','PHARMA','MEDICAL_DEVICES','HEALTH_INSURANCE','PUBLIC_HEALTH','GOVERNMENT','IT_SUPPLIER'])[1 + i % 7],
            (ARRAY['CZ','DE','FR','NL','AT','PL','IT','ES'])[1 + i % 8],
            identity_id,
            jsonb_build_object('type', 'identity', 'spec_version', '2.1', 'id', identity_id, 'name', 'Bench org ' || i,
                               'identity_class', 'organization', 'created', '2026-01-01T00:00:00.000Z', 'modified', '2026-01-01T00:00:00.000Z')
     FROM (SELECT i, 'identity--' || gen_random_uuid() AS identity_id FROM generate_series(1, $1::int) i) o`,
    [organizations],
  );
  await client.query(
    `INSERT INTO hub_user (email, password_hash, role, organization_id)
     SELECT 'member' || substring(name FROM 11) || '@bench.test', $1, 'MEMBER', id FROM organization WHERE name LIKE 'Bench org %'`,
    [passwordHash],
  );
  await client.query(`INSERT INTO sharing_group (name) SELECT 'Bench group ' || g FROM generate_series(1, $1::int) g`, [groups]);
  // About one organisation in ten is in each group; organisation 1 (the benchmark member's) is in groups 1 to 10.
  await client.query(
    `INSERT INTO sharing_group_member (sharing_group_id, organization_id)
     SELECT g.id, o.id FROM sharing_group g JOIN organization o ON o.name LIKE 'Bench org %'
     WHERE g.name LIKE 'Bench group %'
       AND ((substring(o.name FROM 11)::int * 7 + substring(g.name FROM 13)::int * 13) % 10 = 0
            OR (o.name = 'Bench org 1' AND substring(g.name FROM 13)::int <= 10))
     ON CONFLICT DO NOTHING`,
  );
  await client.query('COMMIT');
}

/** The STIX timestamp text of the seed's `added` column (UTC, milliseconds), as the store writes it. */
const STIX_TIME = `to_char(added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function seedObjects(client: pg.Client, from: number, to: number, { objects, organizations, groups, seed }: SeedOptions): Promise<void> {
  await client.query('BEGIN');
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS bench_org AS
       SELECT substring(o.name FROM 11)::int AS n, o.id, u.id AS user_id
       FROM organization o JOIN hub_user u ON u.organization_id = o.id WHERE o.name LIKE 'Bench org %'`,
  );
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS bench_group AS
       SELECT substring(name FROM 13)::int AS n, id FROM sharing_group WHERE name LIKE 'Bench group %'`,
  );
  await client.query(
    `WITH draws AS (
       SELECT n,
              (hashint8(n::bigint * 31 + $3) & 2147483647) % 100 AS kind_draw,
              (hashint8(n::bigint * 37 + $3) & 2147483647) % 100 AS tlp_draw,
              1 + (hashint8(n::bigint * 41 + $3) & 2147483647) % $4 AS source_n,
              1 + (hashint8(n::bigint * 43 + $3) & 2147483647) % $4 AS recipient_n,
              1 + (hashint8(n::bigint * 47 + $3) & 2147483647) % $5 AS group_n,
              now() - interval '365 days' * (1 - n::float / $6) AS added
       FROM generate_series($1::int, $2::int) n
     ), shaped AS (
       SELECT d.*, src.id AS source_id, src.user_id, rcpt.id AS recipient_id, grp.id AS group_id,
              CASE WHEN kind_draw < 70 THEN 'indicator' WHEN kind_draw < 78 THEN 'malware' WHEN kind_draw < 88 THEN 'relationship'
                   WHEN kind_draw < 95 THEN 'sighting' ELSE 'attack-pattern' END AS type,
              CASE WHEN tlp_draw < 20 THEN 0 WHEN tlp_draw < 60 THEN 1 WHEN tlp_draw < 85 THEN 2 WHEN tlp_draw < 95 THEN 3 ELSE 4 END AS tlp,
              '10.' || (d.n >> 16) % 256 || '.' || (d.n >> 8) % 256 || '.' || d.n % 256 AS ip,
              md5('bench-' || (d.n - 1))::uuid AS previous_uuid, md5('bench-' || d.n)::uuid AS uuid
       FROM draws d
       JOIN bench_org src ON src.n = d.source_n
       JOIN bench_org rcpt ON rcpt.n = d.recipient_n
       JOIN bench_group grp ON grp.n = d.group_n
     ), inserted AS (
     INSERT INTO stix_object (id, type, spec_version, created, modified, tlp, readers, audience, source_org_id, submitted_by,
                              date_added, valid_from, name, labels, indicator_types, required_refs, stix)
     SELECT type || '--' || uuid, type, '2.1', added, added, tlp,
            CASE WHEN tlp IN (2, 3) THEN ARRAY['org:' || source_id, 'org:' || recipient_id, 'group:' || group_id, 'user:' || user_id]
                 WHEN tlp = 4 THEN ARRAY['user:' || user_id] ELSE '{}' END,
            CASE WHEN tlp IN (2, 3) THEN jsonb_build_object('organizationIds', jsonb_build_array(recipient_id), 'sharingGroupIds', jsonb_build_array(group_id), 'audiences', '[]'::jsonb, 'userIds', '[]'::jsonb)
                 WHEN tlp = 4 THEN jsonb_build_object('organizationIds', '[]'::jsonb, 'sharingGroupIds', '[]'::jsonb, 'audiences', '[]'::jsonb, 'userIds', jsonb_build_array(user_id))
                 ELSE '{}'::jsonb END,
            source_id, user_id, added,
            CASE WHEN type = 'indicator' THEN added END,
            CASE WHEN type IN ('indicator', 'malware', 'attack-pattern') THEN initcap(type) || ' ' || n END,
            ARRAY[(ARRAY['ransomware', 'phishing', 'botnet', 'apt', 'healthcare'])[1 + n % 5]],
            CASE WHEN type = 'indicator' THEN ARRAY[(ARRAY['malicious-activity', 'anomalous-activity', 'attribution', 'compromised'])[1 + n % 4]] ELSE '{}' END,
            CASE WHEN type IN ('relationship', 'sighting') AND n > 1 THEN ARRAY['indicator--' || previous_uuid] ELSE '{}' END,
            jsonb_strip_nulls(jsonb_build_object(
              'type', type, 'spec_version', '2.1', 'id', type || '--' || uuid,
              'created', ${STIX_TIME},
              'modified', ${STIX_TIME},
              'name', CASE WHEN type IN ('indicator', 'malware', 'attack-pattern') THEN initcap(type) || ' ' || n END,
              'pattern', CASE WHEN type = 'indicator' THEN '[ipv4-addr:value = ''' || ip || ''']' END,
              'pattern_type', CASE WHEN type = 'indicator' THEN 'stix' END,
              'valid_from', CASE WHEN type = 'indicator' THEN ${STIX_TIME} END,
              'is_family', CASE WHEN type = 'malware' THEN true END,
              'relationship_type', CASE WHEN type = 'relationship' THEN 'indicates' END,
              'source_ref', CASE WHEN type = 'relationship' THEN 'indicator--' || previous_uuid END,
              'target_ref', CASE WHEN type = 'relationship' THEN 'malware--' || previous_uuid END,
              'sighting_of_ref', CASE WHEN type = 'sighting' THEN 'indicator--' || previous_uuid END,
              'count', CASE WHEN type = 'sighting' THEN 1 + n % 20 END,
              'description', 'Benchmark object ' || n || ' shared with the sector for load testing.',
              'x_bench', true))
     FROM shaped
     RETURNING pk, type, stix->>'pattern' AS pattern)
     INSERT INTO stix_observable (object_pk, type, value, address)
     SELECT pk, 'ipv4-addr', substring(pattern FROM '''(.*)'''), substring(pattern FROM '''(.*)''')::inet
     FROM inserted WHERE type = 'indicator'`,
    [from, to, seed, organizations, groups, objects],
  );
  await client.query('COMMIT');
}

/**
 * Adds `count` CLEAR indicators labelled `label` (removeLabelledObjects takes them away), shared by
 * another bench organisation over the last year, each with its own address in 172.16/12 (the seeded
 * ones are in 10/8): objects every member may read, for a suite that needs more readable objects
 * than the seeded set gives its member. Made in SQL like the seed, with their owner rows (as the
 * store writes them).
 */
export async function seedReadableIndicators(databaseUrl: string, count: number, label: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let from = 1; from <= count; from += CHUNK) {
      await client.query('BEGIN');
      await client.query(
        `WITH source AS (
           SELECT o.id, u.id AS user_id FROM organization o JOIN hub_user u ON u.organization_id = o.id WHERE o.name = 'Bench org 2'
         ), made AS (
           SELECT n, now() - interval '365 days' * (1 - n::float / $3) AS added, md5('bench-readable-' || n)::uuid AS uuid,
                  '172.' || (16 + (n >> 16) % 16) || '.' || (n >> 8) % 256 || '.' || n % 256 AS ip
           FROM generate_series($1::int, $2::int) n
         ), inserted AS (
           INSERT INTO stix_object (id, type, spec_version, created, modified, tlp, readers, audience, source_org_id, submitted_by,
                                    date_added, valid_from, name, labels, indicator_types, required_refs, stix)
           SELECT 'indicator--' || uuid, 'indicator', '2.1', added, added, 0, '{}', '{}'::jsonb, source.id, source.user_id, added, added,
                  'Readable indicator ' || n, ARRAY[$4::text], ARRAY['malicious-activity'], '{}',
                  jsonb_build_object('type', 'indicator', 'spec_version', '2.1', 'id', 'indicator--' || uuid,
                    'created', ${STIX_TIME},
                    'modified', ${STIX_TIME},
                    'name', 'Readable indicator ' || n, 'labels', jsonb_build_array($4::text),
                    'indicator_types', jsonb_build_array('malicious-activity'),
                    'pattern', '[ipv4-addr:value = ''' || ip || ''']', 'pattern_type', 'stix',
                    'valid_from', ${STIX_TIME},
                    'description', 'Benchmark object readable by every member.')
           FROM made CROSS JOIN source
           RETURNING pk, id, source_org_id, stix->>'pattern' AS pattern
         ), owned AS (
           INSERT INTO stix_object_owner (id, source_org_id) SELECT id, source_org_id FROM inserted ON CONFLICT (id) DO NOTHING
         )
         INSERT INTO stix_observable (object_pk, type, value, address)
         SELECT pk, 'ipv4-addr', substring(pattern FROM '''(.*)'''), substring(pattern FROM '''(.*)''')::inet FROM inserted`,
        [from, Math.min(count, from + CHUNK - 1), count, label],
      );
      await client.query('COMMIT');
    }
    await client.query('ANALYZE stix_object, stix_observable, stix_object_owner');
  } finally {
    await client.end();
  }
}

/**
 * Removes the objects a suite stored with `label` (also a past run's leftovers), so that the other
 * measurements read the seeded set and nothing else: the feed reads the newest index entries first,
 * so none of the removed rows is left in its way either.
 */
export async function removeLabelledObjects(databaseUrl: string, label: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(`DELETE FROM stix_object WHERE labels @> ARRAY[$1] RETURNING id`, [label]);
    await client.query('DELETE FROM stix_object_owner WHERE id = ANY($1::text[])', [rows.map((row) => row.id)]);
    await client.query('COMMIT');
    if (rows.length) await client.query('VACUUM (ANALYZE) stix_object, stix_observable, stix_object_owner');
  } finally {
    await client.end();
  }
}
