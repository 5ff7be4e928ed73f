import { join } from 'node:path';
import { startHubProcess } from '@hub/hub-api';
import type { HubProcess } from '@hub/hub-api';
import { jobResults, postImport, waitForJob } from '../support/imports';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import { postGraphql, TEST_ADMIN, TestHub } from '../support/test-hub';

/*
 * An import job interrupted by SIGKILL of the hub finishes after the restart, with no row lost and
 * none stored or counted twice; two replicas on one database share the queue of jobs. The hub runs as its own process (the built dist) on the test
 * PostgreSQL, so that it can be killed the way the OOM killer would.
 */

const MAIN = join(import.meta.dirname, '../../dist/apps/hub-api/src/main.js');
const ROWS = 20_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function startHub(databaseUrl: string): Promise<HubProcess & { asTestHub: TestHub }> {
  const hub = await startHubProcess(MAIN, {
    DATABASE_URL: databaseUrl,
    HUB_JWT_SECRET: 'resume-test-secret-that-is-long-enough-for-hs256',
    HUB_ADMIN_EMAIL: TEST_ADMIN.email,
    HUB_ADMIN_PASSWORD: TEST_ADMIN.password,
  });
  const asTestHub = { url: hub.url, graphql: (query: string, variables?: Record<string, unknown>, token?: string) => postGraphql(hub.url, query, variables, token) };
  return { ...hub, asTestHub: asTestHub as unknown as TestHub };
}

const address = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

describe('imports: a job killed mid-way resumes after the restart', () => {
  let database: TestDatabase;
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const hub of hubs) await hub.stop().catch(() => undefined);
    await database?.drop();
  });

  it('stores every row exactly once and counts each once', async () => {
    let hub = await startHub(database.url);
    hubs.push(hub);
    const admin = await adminToken(hub.asTestHub);
    const organization = await createOrganization(hub.asTestHub, admin, { name: 'Importing hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const member = await createUser(hub.asTestHub, admin, { email: 'importer@resume.test', role: 'MEMBER', organizationId: organization.id });
    const key = (await createApiKey(hub.asTestHub, member.token, { name: 'importer', distribution: 'INTERNAL' })).key;

    // Every row a distinct address; the last row is broken on purpose (reported, not lost).
    const csv = ['value,type', ...Array.from({ length: ROWS }, (_, n) => `${address(n + 1)},ip`), 'not-an-address,ip'].join('\n');
    const started = await postImport(hub.url, key, { format: 'csv', tlp: 'GREEN', mapping: JSON.stringify({ value: 'value', type: 'type' }) }, csv);
    expect(started.status).toBe(202);
    const jobId = String(started.body.jobId);

    // Killed once some batches are committed, at a moment when rows past the checkpoint are stored
    // too (batches overlap): the resumed job meets again objects it had stored.
    const progress = async () =>
      (await queryDatabase<{ status: string; read: number; position: number }>(database.url, `SELECT status, read::int, position::int FROM import_job WHERE id = $1`, [jobId]))[0];
    for (let tries = 0; tries < 5_000; tries++) {
      const now = await progress();
      if (now.read >= 3_000 && now.read > now.position) break;
      await sleep(5);
    }
    await hub.kill();
    const interrupted = await progress();
    expect(interrupted.status).toBe('running');
    expect(interrupted.read).toBeLessThan(ROWS);
    // Usually rows past the checkpoint are stored when the kill lands (looked for above), but the job may
    // reach its next checkpoint between that look and the kill; exactly once must hold either way.
    expect(interrupted.read).toBeGreaterThanOrEqual(interrupted.position);

    hub = await startHub(database.url);
    hubs.push(hub);
    const job = await waitForJob(hub.url, key, jobId, 300_000);
    expect(job).toMatchObject({ status: 'done', read: ROWS + 1, accepted: ROWS, rejected: 1, duplicates: 0 });

    const results = await jobResults(hub.url, key, jobId);
    expect(results).toHaveLength(ROWS + 1);
    expect(new Set(results.map((result) => result.index)).size).toBe(ROWS + 1);
    expect(results.at(-1)).toMatchObject({ status: 'REJECTED', line: ROWS + 2 });

    // In the store: one indicator per row, each address once.
    const [stored] = await queryDatabase<{ rows: number; ids: number; values: number }>(
      database.url,
      `SELECT count(*)::int AS rows, count(DISTINCT o.id)::int AS ids, count(DISTINCT v.value)::int AS values
       FROM stix_object o JOIN stix_observable v ON v.object_pk = o.pk
       WHERE o.source_org_id = $1 AND o.type = 'indicator'`,
      [organization.id],
    );
    expect(stored).toEqual({ rows: ROWS, ids: ROWS, values: ROWS });
    const accepted = new Set(results.filter((result) => result.status === 'ACCEPTED').map((result) => result.stixId));
    expect(accepted.size).toBe(ROWS);

    // The batch met again after the kill stored nothing: the observables the writer puts down before
    // their rows were taken back for every duplicate, and each indicator has one score row, whose
    // rule is its observable's type (the observables were there when the score was computed).
    const [leftovers] = await queryDatabase<{ orphans: number; scores: number; ipv4: number }>(
      database.url,
      `SELECT (SELECT count(*)::int FROM stix_observable v WHERE NOT EXISTS (SELECT 1 FROM stix_object o WHERE o.pk = v.object_pk)) AS orphans,
              count(s.object_pk)::int AS scores, count(*) FILTER (WHERE s.rule_type = 'ipv4-addr')::int AS ipv4
       FROM stix_object o LEFT JOIN indicator_score s ON s.object_pk = o.pk
       WHERE o.source_org_id = $1 AND o.type = 'indicator'`,
      [organization.id],
    );
    expect(leftovers).toEqual({ orphans: 0, scores: ROWS, ipv4: ROWS });

    // Results have no foreign key to their job: a deleted job's results go with it all the same.
    await queryDatabase(database.url, `DELETE FROM import_job WHERE id = $1`, [jobId]);
    const [{ kept }] = await queryDatabase<{ kept: number }>(database.url, `SELECT count(*)::int AS kept FROM import_job_result WHERE job_id = $1`, [jobId]);
    expect(kept).toBe(0);
  }, 300_000);
});

describe('imports: replicas share the queue', () => {
  let database: TestDatabase;
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const hub of hubs) await hub.stop().catch(() => undefined);
    await database?.drop();
  });

  it('runs jobs on both replicas at once, each job once', async () => {
    const first = await startHub(database.url);
    hubs.push(first);
    const second = await startHub(database.url);
    hubs.push(second);
    const admin = await adminToken(first.asTestHub);
    const organization = await createOrganization(first.asTestHub, admin, { name: 'Busy importer', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    const member = await createUser(first.asTestHub, admin, { email: 'busy@replicas.test', role: 'MEMBER', organizationId: organization.id });
    const mapping = JSON.stringify({ value: 'value', type: 'type' });
    const JOBS = 4;
    const PER_JOB = 5_000;
    const jobIds: string[] = [];
    for (let job = 0; job < JOBS; job++) {
      const csv = ['value,type', ...Array.from({ length: PER_JOB }, (_, n) => `${address(100_000 + job * PER_JOB + n)},ip`)].join('\n');
      const started = await postImport(first.url, member.token, { format: 'csv', tlp: 'GREEN', mapping }, csv);
      jobIds.push(String(started.body.jobId));
    }
    // One job at a time per replica: two running at once means both replicas took one.
    let mostRunning = 0;
    for (let tries = 0; tries < 3_000; tries++) {
      const [{ running, open }] = await queryDatabase<{ running: number; open: number }>(
        database.url,
        `SELECT count(*) FILTER (WHERE status = 'running')::int AS running, count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS open FROM import_job`,
      );
      mostRunning = Math.max(mostRunning, running);
      if (!open) break;
      await sleep(20);
    }
    expect(mostRunning).toBe(2);
    for (const jobId of jobIds) {
      expect(await waitForJob(second.url, member.token, jobId, 120_000)).toMatchObject({ status: 'done', read: PER_JOB, accepted: PER_JOB, duplicates: 0, rejected: 0 });
    }
    const [{ rows }] = await queryDatabase<{ rows: number }>(database.url, `SELECT count(*)::int AS rows FROM stix_object WHERE source_org_id = $1`, [organization.id]);
    expect(rows).toBe(JOBS * PER_JOB);
  }, 300_000);
});
