import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@hub/platform';

/**
 * One PostgreSQL for the whole run: the server named by DATABASE_URL, or an embedded one.
 * Each test file then makes its own fresh database on it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.HUB_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: false, database: 'hub_test' });
  process.env.HUB_TEST_ADMIN_URL = postgres.adminUrl;
  (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres = postgres;
}
