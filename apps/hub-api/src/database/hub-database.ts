import { findRunningEmbeddedPostgres, runMigrations, startEmbeddedPostgres, StatementTimeoutClient } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { hubMigrations } from './migrations';

const EMBEDDED_DATABASE = 'hub';

export interface OpenOptions {
  /**
   * Use the embedded PostgreSQL of a hub already running on HUB_DATA_DIR instead of starting one
   * (starting one would stop the running hub's database). For the command line.
   */
  useRunningEmbedded?: boolean;
}

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
  const running = !config.databaseUrl && options.useRunningEmbedded ? await findRunningEmbeddedPostgres(config.dataDir, EMBEDDED_DATABASE) : undefined;
  if (running) logger.info({ dataDir: config.dataDir }, 'using the embedded PostgreSQL of the hub running on this data folder');
  const embedded = config.databaseUrl || running
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        persistent: true,
        database: EMBEDDED_DATABASE,
        onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
      });
  const url = config.databaseUrl ?? running ?? embedded!.url;
  if (embedded) logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
  try {
    const applied = await runMigrations(url, hubMigrations);
    if (applied.length) logger.info({ migrations: applied }, 'database migrations applied');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, stop: async () => embedded?.stop() };
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
