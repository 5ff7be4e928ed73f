import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { consoleHostMiddleware } from '@hub/console-host';
import {
  HubConfig,
  HubMetrics,
  jsonBodyMiddleware,
  metricsEndpoint,
  PinoNestLogger,
  requestLogMiddleware,
  requestMetricsMiddleware,
  statementTimeoutMiddleware,
  urlHygieneMiddleware,
} from '@hub/platform';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { openHubDatabase } from './database/hub-database';
import { hubMigrations } from './database/migrations';

export { hubMigrations };
export { startHubProcess } from './hub-process';
export type { HubProcess } from './hub-process';

export interface HubApp {
  app: INestApplication;
  /** The address the hub listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops taking requests, finishes the ones in flight, then closes the database (and the embedded server). */
  close(): Promise<void>;
}

/** Builds and starts the whole hub: database, migrations, HTTP. Used by main.ts and by the end-to-end tests. */
export async function startHub(config: HubConfig, logger: Logger): Promise<HubApp> {
  const database = await openHubDatabase(config, logger);
  const databaseUrl = database.url;

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(AppModule.register({ config, databaseUrl, logger }), {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    // Nothing in an answer should tell a scanner which framework to try its exploits on.
    (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
    const metrics = app.get(HubMetrics);
    app.use(requestMetricsMiddleware(metrics));
    app.use(requestLogMiddleware(logger));
    // Before the hub's authentication: the scraper's token is not a member credential.
    if (config.metricsToken) app.use(metricsEndpoint(metrics, config.metricsToken));
    app.use(urlHygieneMiddleware);
    // The browser console (apps/hub-web) on the same origin as /graphql; only its own routes and assets.
    app.use(consoleHostMiddleware());
    app.use(jsonBodyMiddleware);
    // After the body is read, so that everything the request runs next is in its scope.
    app.use(statementTimeoutMiddleware(config.statementTimeoutMs));
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url }, 'hub listening');

    const started = app;
    return {
      app: started,
      url,
      close: async () => {
        await started.close();
        await database.stop();
      },
    };
  } catch (error) {
    // A start that fails half-way (e.g. a refused first admin) must not leave database connections open.
    await app?.close().catch(() => undefined);
    await database.stop();
    throw error;
  }
}
