import { findRunningEmbeddedPostgres, runMigrations, startEmbeddedPostgres, StatementTimeoutClient } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { hubMigrations } from './migrations';

const EMBEDDED_DATABASE = 'hub';

export interface OpenOptions {
  /**
   * Use the embedded PostgreSQL of a hub already running on HUB_DATA_DIR instead of starting one
   * (starting one would stop the running hub's database). For the command line.
   */
  useRunningEmbedded?: boolean;
  /**
   * Refuse a data folder or database that holds no hub instead of creating one (the command line
   * must not leave an empty hub behind a typo in HUB_DATA_DIR or DATABASE_URL).
   */
  existingHubOnly?: boolean;
}

/** The data folder or database holds no hub (only with `existingHubOnly`). */
export class NoHubError extends Error {}

export interface HubDatabase {
  url: string;
  /** Stops the embedded PostgreSQL, if the hub started one. */
  stop(): Promise<void>;
}

/**
 * The database the hub (and the operators' command line) works on: DATABASE_URL, or an embedded
 * PostgreSQL in HUB_DATA_DIR; migrated to the current schema before anything uses it.
 */
export async function openHubDatabase(config: HubConfig, logger: Logger, options: OpenOptions = {}): Promise<HubDatabase> {
  if (options.existingHubOnly && !config.databaseUrl && !existsSync(join(resolve(config.dataDir), 'postgres', 'PG_VERSION'))) {
    throw new NoHubError(
      `HUB_DATA_DIR ${resolve(config.dataDir)} holds no hub: start the hub once there (npm start), or point HUB_DATA_DIR or DATABASE_URL at an existing hub`,
    );
  }
  const running = !config.databaseUrl && options.useRunningEmbedded ? await findRunningEmbeddedPostgres(config.dataDir, EMBEDDED_DATABASE) : undefined;
  if (running) logger.info({ dataDir: config.dataDir }, 'using the embedded PostgreSQL of the hub running on this data folder');
  const embedded = config.databaseUrl || running
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        persistent: true,
        database: EMBEDDED_DATABASE,
        onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
        onNotice: (level, message, details) => logger[level]({ component: 'embedded-postgres', ...details }, message),
      });
  const url = config.databaseUrl ?? running ?? embedded!.url;
  if (embedded) logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
  try {
    // Checked first for the command line: applying migrations takes an advisory lock and a second
    // connection, worth saving when there is nothing to do.
    const present = options.existingHubOnly ? await appliedMigrations(url) : undefined;
    if (options.existingHubOnly && !present?.length) {
      const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database in HUB_DATA_DIR ${resolve(config.dataDir)}`;
      throw new NoHubError(`${where} holds no hub: start the hub once on it (npm start), or point DATABASE_URL at an existing hub`);
    }
    if (!present || hubMigrations.some((migration) => !present.includes((migration as unknown as { name: string }).name))) {
      const applied = await runMigrations(url, hubMigrations);
      if (applied.length) logger.info({ migrations: applied }, 'database migrations applied');
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, stop: async () => embedded?.stop() };
}

// TypeORM's own table of applied migrations.
const MIGRATIONS_TABLE = 'migrations';

async function appliedMigrations(url: string): Promise<string[] | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [MIGRATIONS_TABLE]);
    if (!rows[0].exists) return undefined;
    return (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** TypeORM as every entry point uses it: entities come from the feature modules, the schema from migrations only. */
export function typeOrmOptions(databaseUrl: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    autoLoadEntities: true,
    synchronize: false,
    migrationsRun: false,
    // The connection class sets each request's statement timeout (statementTimeoutMiddleware).
    extra: { max: 20, Client: StatementTimeoutClient },
  };
}
