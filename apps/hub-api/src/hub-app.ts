import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HubConfig, PinoNestLogger, runMigrations, startEmbeddedPostgres } from '@hub/platform';
import { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { AppModule } from './app.module';
import { hubMigrations } from './database/migrations';

export interface HubApp {
  app: INestApplication;
  /** The address the hub listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops taking requests, finishes the ones in flight, then closes the database (and the embedded server). */
  close(): Promise<void>;
}

/** Builds and starts the whole hub: database, migrations, HTTP. Used by main.ts and by the end-to-end tests. */
export async function startHub(config: HubConfig, logger: Logger): Promise<HubApp> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        persistent: true,
        database: 'hub',
        onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
      });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  if (embedded) logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');

  try {
    const applied = await runMigrations(databaseUrl, hubMigrations);
    if (applied.length) logger.info({ migrations: applied }, 'database migrations applied');

    const app = await NestFactory.create(AppModule.register({ config, databaseUrl, logger }), {
      logger: new PinoNestLogger(logger),
      bodyParser: true,
    });
    app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/health' } }));
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url }, 'hub listening');

    return {
      app,
      url,
      close: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
