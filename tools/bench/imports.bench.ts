import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { HubApp, startHub } from '@hub/hub-api';
import { createLogger, loadHubConfig } from '@hub/platform';
import type { BenchSuite } from './bench-suite';
import { freshDatabase } from './fresh-database';
import { graphql } from './graphql-request';

/**
 * An import job of IMPORT_BENCH_ROWS indicators (default 1,000,000) from CSV, end to end: the upload
 * through POST /import (streamed, stored in the database), the job converting, validating, marking
 * and storing every row through the sharing ingestion, until GET /import/{id} says done. Target:
 * at least 20,000 objects per second. Runs on a fresh database of its own (BENCH_DATABASE_URL or
 * DATABASE_URL, else a throwaway embedded PostgreSQL), not on the seeded one.
 */
const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
const ADMIN = { email: 'admin@bench-imports.test', password: 'bench imports admin password 42' };
const TARGET_PER_SECOND = 20_000;

/** The CSV, generated as it is sent: distinct addresses, a type, a label and a confidence per row. */
function csvRows(rows: number): Readable {
  let n = 0;
  return Readable.from(
    (function* () {
      yield 'indicator,type,tags,confidence\n';
      while (n < rows) {
        const lines: string[] = [];
        for (let end = Math.min(rows, n + 10_000); n < end; n++) {
          const value = n + 1;
          lines.push(`10.${(value >> 16) & 255}.${(value >> 8) & 255}.${value & 255},ip,bench,${value % 100}\n`);
        }
        yield lines.join('');
      }
    })(),
  );
}

export interface ImportBenchResult {
  rows: number;
  uploadSeconds: number;
  totalSeconds: number;
  perSecond: number;
  accepted: number;
}

export async function benchImport(rows = ROWS): Promise<ImportBenchResult> {
  const database = await freshDatabase('hub_imports');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-imports-'));
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
    });
    hub = await startHub(config, createLogger('error'));
    const url = hub.url;
    const login = (email: string, password: string) =>
      graphql<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password }).then((data) => data.login.token);
    const admin = await login(ADMIN.email, ADMIN.password);
    const organization = await graphql<{ createOrganization: { id: string } }>(
      url,
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { name: 'Bench importer', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' } },
      admin,
    );
    const member = { email: 'importer@bench-imports.test', password: 'bench importer password 42' };
    await graphql(url, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { ...member, role: 'MEMBER', organizationId: organization.createOrganization.id } }, admin);
    // An admin set the first password: the person chooses their own before anything else.
    const token = (
      await graphql<{ changePassword: { token: string } }>(
        url,
        'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
        { c: member.password, n: `${member.password} own` },
        await login(member.email, member.password),
      )
    ).changePassword.token;

    const mapping = JSON.stringify({ value: 'indicator', type: 'type', labels: 'tags', confidence: 'confidence' });
    const started = performance.now();
    const response = await fetch(`${url}/import?format=csv&tlp=GREEN&mapping=${encodeURIComponent(mapping)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(csvRows(rows)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (response.status !== 202) throw new Error(`POST /import answered ${response.status}: ${await response.text()}`);
    const { jobId } = (await response.json()) as { jobId: string };
    const uploaded = performance.now();
    for (;;) {
      const job = (await (await fetch(`${url}/import/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; accepted: number; errors: unknown };
      if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') {
        if (job.status !== 'done') throw new Error(`the import job ended ${job.status}: ${JSON.stringify(job.errors)}`);
        const total = (performance.now() - started) / 1000;
        return { rows, uploadSeconds: (uploaded - started) / 1000, totalSeconds: total, perSecond: job.accepted / total, accepted: job.accepted };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await hub?.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const importsSuite: BenchSuite = {
  name: 'imports',
  async run() {
    const result = await benchImport();
    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| CSV import job, ${result.rows.toLocaleString('en')} indicators, upload to done | ${Math.round(result.perSecond).toLocaleString('en')} objects/s (${result.accepted.toLocaleString('en')} accepted in ${result.totalSeconds.toFixed(1)} s; upload ${result.uploadSeconds.toFixed(1)} s) | ≥ ${TARGET_PER_SECOND.toLocaleString('en')} objects/s |`,
      ...(result.rows < 1_000_000 ? ['', `A reduced run (IMPORT_BENCH_ROWS=${result.rows}); the target is for 1,000,000 rows.`] : []),
    ];
  },
};
