import pg from 'pg';
import { DataSource, MixedList } from 'typeorm';

// Any fixed number shared by all replicas; it names the lock that serialises migrations.
const MIGRATION_LOCK_ID = 4_242_001;

/**
 * Applies pending migrations before the hub serves anything. Replicas that start together wait on
 * one advisory lock, so the migrations run exactly once.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrations(databaseUrl: string, migrations: MixedList<Function>): Promise<string[]> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, migrations, migrationsTransactionMode: 'each' });
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.end();
  }
}
