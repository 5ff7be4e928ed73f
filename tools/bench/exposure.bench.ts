import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { productMatchKeys } from '@hub/exposure-rules';
import { HubApp, startHub } from '@hub/hub-api';
import { createLogger, loadHubConfig } from '@hub/platform';
import type { BenchSuite } from './bench-suite';
import { freshDatabase } from './fresh-database';
import { graphql } from './graphql-request';

/**
 * Supply-chain exposure on a fresh database: EXPOSURE_BENCH_ORGS organisations (default 10,000) with
 * EXPOSURE_BENCH_COMPONENTS declared components in all (default 200,000, an inventory per
 * organisation) and EXPOSURE_BENCH_ADVISORIES stored GREEN advisories (default 100,000), seeded in
 * SQL. Packages are skewed (a few popular ones in many inventories and advisories). Measured through
 * the API, as members use it:
 * - one new advisory on a popular package, from submitBundle until every alert is written (the queue,
 *   candidate search, rules, exposure rows and alerts); target 1 s;
 * - declareInventory with EXPOSURE_BENCH_INVENTORY components (default 5,000) against every advisory,
 *   parse, store, match and alerts in the one request; target 5 s.
 */
const ORGS = Number(process.env.EXPOSURE_BENCH_ORGS ?? 10_000);
const COMPONENTS = Number(process.env.EXPOSURE_BENCH_COMPONENTS ?? 200_000);
const ADVISORIES = Number(process.env.EXPOSURE_BENCH_ADVISORIES ?? 100_000);
const INVENTORY = Number(process.env.EXPOSURE_BENCH_INVENTORY ?? 5_000);
// 50,000 packages, skewed: the most popular is in about 0.07 % of advisories and of declared components.
const PACKAGES = 50_000;
const SKEW = 1.5;
const ADMIN = { email: 'admin@bench-exposure.test', password: 'bench exposure admin password 42' };
const ADVISORY_ROUNDS = 5;
// The advisories of the rounds name packages 0 to 4, the most popular.

async function member(url: string, admin: string, name: string, sector: string): Promise<{ organizationId: string; token: string }> {
  const organization = await graphql<{ createOrganization: { id: string } }>(url, 'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name, kind: 'PRIVATE', sector, country: 'CZ' } }, admin);
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}@bench-exposure.test`;
  const password = 'bench exposure member password 42';
  await graphql(url, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { email, password, role: 'MEMBER', organizationId: organization.createOrganization.id } }, admin);
  const login = await graphql<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  // An admin set the first password: the person chooses their own before anything else.
  const changed = await graphql<{ changePassword: { token: string } }>(
    url,
    'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
    { c: password, n: `${password} own` },
    login.login.token,
  );
  return { organizationId: organization.createOrganization.id, token: changed.changePassword.token };
}

/** Organisations, one member and one inventory each, components and advisories, all in SQL. */
async function seed(client: pg.Client, vendor: { organizationId: string; userId: string }): Promise<void> {
  // The SQL below writes bucket keys by hand; they must be the ones the rules compute.
  if (productMatchKeys({ purl: 'pkg:npm/bench-pkg-7' })[0] !== 'purl:npm//bench-pkg-7') throw new Error('the purl bucket key changed; update the bench seed');
  await client.query(`SELECT setseed(0.42)`);
  await client.query(
    `INSERT INTO organization (name, kind, sector, country, identity_id, identity)
     SELECT 'Exposure org ' || i, 'PRIVATE', (ARRAY['HEALTHCARE_PROVIDER','PHARMA','MEDICAL_DEVICES','HEALTH_INSURANCE','PUBLIC_HEALTH','GOVERNMENT','IT_SUPPLIER'])[1 + i % 7], 'CZ',
            identity_id, jsonb_build_object('type', 'identity', 'spec_version', '2.1', 'id', identity_id, 'name', 'Exposure org ' || i, 'identity_class', 'organization')
       FROM (SELECT i, 'identity--' || gen_random_uuid() AS identity_id FROM generate_series(1, $1::int) i) o`,
    [ORGS],
  );
  await client.query(`INSERT INTO hub_user (email, password_hash, role, organization_id) SELECT 'member-' || id || '@bench-exposure.test', '$argon2id$unusable', 'MEMBER', id FROM organization WHERE name LIKE 'Exposure org %'`);
  await client.query(
    `INSERT INTO inventory (organization_id, name, version, format, document, component_count, declared_by)
     SELECT o.id, 'main', 1, 'PURL_LIST', '', $1::int, u.id FROM organization o JOIN hub_user u ON u.organization_id = o.id WHERE o.name LIKE 'Exposure org %'`,
    [Math.ceil(COMPONENTS / ORGS)],
  );
  // Popular packages first: package = floor(PACKAGES * r^SKEW), r from a hash of (inventory, line) so each row draws its own.
  await client.query(
    `INSERT INTO inventory_component (inventory_id, organization_id, key, name, version, cpes, purls, match_keys, occurrences, path)
     SELECT id, organization_id, 'purl:npm//bench-pkg-' || p || '@1.' || v || '.0', 'bench-pkg-' || p, '1.' || v || '.0', '{}',
            ARRAY['pkg:npm/bench-pkg-' || p || '@1.' || v || '.0'], ARRAY['purl:npm//bench-pkg-' || p], 1, 'lines[' || j || ']'
       FROM (SELECT i.id, i.organization_id, j,
                    floor($2::int * power((abs(hashtext(i.id::text || ':' || j)) % 1000000) / 1000000.0, $3::float8))::int AS p,
                    abs(hashtext(j || ':' || i.id::text)) % 10 AS v
               FROM inventory i CROSS JOIN generate_series(0, $1::int - 1) j) c`,
    [Math.ceil(COMPONENTS / ORGS), PACKAGES, SKEW],
  );
  // Stored as the ingestion would store GREEN objects; not queued (they are the hub's past).
  await client.query(`ALTER TABLE stix_object DISABLE TRIGGER exposure_queue_inserted`);
  await client.query(
    `CREATE TEMP TABLE bench_advisory AS
     SELECT n, 'vulnerability--' || gen_random_uuid() AS vid, 'software--' || gen_random_uuid() AS sid,
            floor($2::int * power(random(), $3::float8))::int AS p, 1 + floor(random() * 9)::int AS v
       FROM generate_series(1, $1::int) n`,
    [ADVISORIES, PACKAGES, SKEW],
  );
  await client.query(
    `INSERT INTO stix_object (id, type, spec_version, tlp, source_org_id, submitted_by, name, stix)
     SELECT sid, 'software', '2.1', 1, $1, $2, 'bench-pkg-' || p,
            jsonb_build_object('type', 'software', 'spec_version', '2.1', 'id', sid, 'name', 'bench-pkg-' || p, 'x_hub_purl', 'pkg:npm/bench-pkg-' || p, 'x_hub_version_range', 'vers:npm/<1.' || v || '.0')
       FROM bench_advisory`,
    [vendor.organizationId, vendor.userId],
  );
  await client.query(
    `INSERT INTO stix_object (id, type, spec_version, created, modified, tlp, source_org_id, submitted_by, name, stix)
     SELECT vid, 'vulnerability', '2.1', '2026-01-01', '2026-01-01', 1, $1, $2, 'CVE-2026-' || (100000 + n),
            jsonb_build_object('type', 'vulnerability', 'spec_version', '2.1', 'id', vid, 'created', '2026-01-01T00:00:00.000Z', 'modified', '2026-01-01T00:00:00.000Z', 'name', 'CVE-2026-' || (100000 + n))
       FROM bench_advisory`,
    [vendor.organizationId, vendor.userId],
  );
  await client.query(`ALTER TABLE stix_object ENABLE TRIGGER exposure_queue_inserted`);
  await client.query(
    `INSERT INTO advisory_product (object_pk, ordinal, vulnerability_id, software_pk, status, spec, match_keys)
     SELECT vo.pk, 1, a.vid, so.pk, 'known_affected', jsonb_build_object('purl', 'pkg:npm/bench-pkg-' || a.p, 'range', 'vers:npm/<1.' || a.v || '.0'), ARRAY['purl:npm//bench-pkg-' || a.p]
       FROM bench_advisory a JOIN stix_object vo ON vo.id = a.vid JOIN stix_object so ON so.id = a.sid`,
  );
  await client.query(`INSERT INTO advisory_product_key (key, object_pk, ordinal) SELECT k, object_pk, ordinal FROM advisory_product, unnest(match_keys) k`);
  await client.query(`VACUUM ANALYZE`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const exposureSuite: BenchSuite = {
  name: 'exposure',
  async run() {
    const database = await freshDatabase('hub_exposure');
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-exposure-'));
    const client = new pg.Client({ connectionString: database.url });
    let hub: HubApp | undefined;
    try {
      const config = loadHubConfig({
        PORT: '0',
        DATABASE_URL: database.url,
        HUB_DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        HUB_JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
        HUB_ADMIN_EMAIL: ADMIN.email,
        HUB_ADMIN_PASSWORD: ADMIN.password,
        HUB_DEFAULT_WARNINGLISTS: 'off',
      });
      hub = await startHub(config, createLogger('error'));
      const url = hub.url;
      const admin = (await graphql<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password })).login.token;
      const vendor = await member(url, admin, 'Bench device maker', 'MEDICAL_DEVICES');
      const declarer = await member(url, admin, 'Bench hospital', 'HEALTHCARE_PROVIDER');
      await client.connect();
      const [{ id: vendorUserId }] = (await client.query(`SELECT id FROM hub_user WHERE organization_id = $1`, [vendor.organizationId])).rows;
      const seedStarted = performance.now();
      await seed(client, { organizationId: vendor.organizationId, userId: vendorUserId });
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      // One new advisory at a time, each on another popular package (half its versions affected).
      const advisoryMs: number[] = [];
      const alertCounts: number[] = [];
      for (let round = 0; round < ADVISORY_ROUNDS; round++) {
        const pkg = `bench-pkg-${round}`;
        const [{ expected }] = (
          await client.query(
            `SELECT count(*)::int AS expected FROM (SELECT DISTINCT organization_id, key FROM inventory_component WHERE name = $1 AND version IN ('1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0')) c`,
            [pkg],
          )
        ).rows;
        const vid = `vulnerability--${crypto.randomUUID()}`;
        const sid = `software--${crypto.randomUUID()}`;
        const bundle = {
          type: 'bundle',
          id: `bundle--${crypto.randomUUID()}`,
          objects: [
            { type: 'software', spec_version: '2.1', id: sid, name: pkg, x_hub_purl: `pkg:npm/${pkg}`, x_hub_version_range: 'vers:npm/<1.5.0' },
            { type: 'vulnerability', spec_version: '2.1', id: vid, created: '2026-12-01T00:00:00.000Z', modified: '2026-12-01T00:00:00.000Z', name: `CVE-2026-9${round}` },
            { type: 'relationship', spec_version: '2.1', id: `relationship--${crypto.randomUUID()}`, created: '2026-12-01T00:00:00.000Z', modified: '2026-12-01T00:00:00.000Z', relationship_type: 'has', source_ref: sid, target_ref: vid },
          ],
        };
        const started = performance.now();
        await graphql(url, 'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }', { input: { bundle, tlp: 'GREEN' } }, vendor.token);
        for (;;) {
          const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM alert WHERE object_id = $1`, [vid])).rows;
          if (count >= expected) break;
          if (performance.now() - started > 60_000) throw new Error(`only ${count} of ${expected} alerts after 60 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        advisoryMs.push(performance.now() - started);
        alertCounts.push(expected);
      }

      // A new inventory against every advisory, through declareInventory.
      const lines: string[] = [];
      for (let n = 0; n < INVENTORY; n++) lines.push(`pkg:npm/bench-pkg-${Math.floor(PACKAGES * (((n * 7919) % INVENTORY) / INVENTORY) ** SKEW)}@1.${n % 10}.0`);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const declared = await graphql<{ declareInventory: { componentCount: number } }>(
        url,
        'mutation ($input: DeclareInventoryInput!) { declareInventory(input: $input) { componentCount } }',
        { input: { name: 'bench', format: 'PURL_LIST', document: lines.join('\n') } },
        declarer.token,
      );
      const inventorySeconds = (performance.now() - started) / 1000;
      // The hub runs in this process: its CPU time (PostgreSQL's is not included) shows what the machine's load adds.
      const cpu = process.cpuUsage(cpuBefore);
      const inventoryCpuSeconds = (cpu.user + cpu.system) / 1e6;
      const [{ exposures }] = (await client.query(`SELECT count(*)::int AS exposures FROM exposure WHERE organization_id = $1`, [declarer.organizationId])).rows;

      const reduced = ORGS < 10_000 || COMPONENTS < 200_000 || ADVISORIES < 100_000 || INVENTORY < 5_000;
      return [
        `Seed: ${ORGS.toLocaleString('en')} organisations, ${COMPONENTS.toLocaleString('en')} declared components, ${ADVISORIES.toLocaleString('en')} advisories (${seedSeconds.toFixed(1)} s in SQL).`,
        '',
        '| what | measured | target |',
        '| --- | --- | --- |',
        `| one new advisory, submitBundle to every alert written (${ADVISORY_ROUNDS} advisories, ${Math.min(...alertCounts).toLocaleString('en')}–${Math.max(...alertCounts).toLocaleString('en')} alerts each) | median ${Math.round(median(advisoryMs))} ms, worst ${Math.round(Math.max(...advisoryMs))} ms | ≤ 1,000 ms |`,
        `| declareInventory, ${declared.declareInventory.componentCount.toLocaleString('en')} components against ${ADVISORIES.toLocaleString('en')} advisories (${exposures.toLocaleString('en')} exposures) | ${inventorySeconds.toFixed(2)} s (hub CPU ${inventoryCpuSeconds.toFixed(2)} s) | ≤ 5 s |`,
        '',
        'Matching runs in the hub and in PostgreSQL; wall-clock times on a shared machine include waiting for both (see the load average when comparing runs).',
        ...(reduced ? ['', `A reduced run (EXPOSURE_BENCH_ORGS=${ORGS}, EXPOSURE_BENCH_COMPONENTS=${COMPONENTS}, EXPOSURE_BENCH_ADVISORIES=${ADVISORIES}, EXPOSURE_BENCH_INVENTORY=${INVENTORY}).`] : []),
      ];
    } finally {
      await client.end().catch(() => undefined);
      await hub?.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
