import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService, OrganizationsService, UsersService } from '@hub/members';
import { ConfigError, createLogger, HubError, loadHubConfig, PinoNestLogger } from '@hub/platform';
import pino from 'pino';
import { openHubDatabase } from '../database/hub-database';
import { CliModule } from './cli.module';
import { CommandError } from './cli-commands';
import type { CliCommand, CliIo } from './cli-commands';

export const EXIT = { ok: 0, failed: 1, usage: 2 };

/** Runs a parsed command with the hub's own services on its database; returns the exit code. */
export async function runCommand(command: CliCommand, io: CliIo): Promise<number> {
  let config;
  try {
    config = loadHubConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.note(error.message);
    return EXIT.failed;
  }

  // Logs go to standard error, so standard output holds only the result; quiet unless LOG_LEVEL is set.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', pino.destination(2));
  const database = await openHubDatabase(config, logger, { useRunningEmbedded: true });
  try {
    const app = await NestFactory.createApplicationContext(CliModule.register({ config, databaseUrl: database.url, logger }), {
      logger: new PinoNestLogger(logger),
    });
    try {
      const services = { organizations: app.get(OrganizationsService), users: app.get(UsersService), apiKeys: app.get(ApiKeysService) };
      const result = await command.run(services, io);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof CommandError) {
        io.note(`${command.name}: ${error.message}`);
        return EXIT.failed;
      }
      if (!(error instanceof HubError)) throw error;
      // Field problems are listed one a line; the message already sums them up for GraphQL clients.
      const reason = error.issues.length ? `invalid input${error.issues.map((issue) => `\n  ${issue.path}: ${issue.message}`).join('')}` : error.message;
      io.note(`${command.name}: ${reason}`);
      return EXIT.failed;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}
