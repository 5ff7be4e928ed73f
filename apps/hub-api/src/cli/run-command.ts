import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService, OrganizationsService, SharingGroupsService, SignInLockLifts, UsersService } from '@hub/members';
import { ConfigError, createLogger, HubError, loadHubConfig, PinoNestLogger } from '@hub/platform';
import pino from 'pino';
import { NoHubError, openHubDatabase } from '../database/hub-database';
import { CliModule } from './cli.module';
import { CommandError, EXIT } from './command-line';
import type { CliIo, Invocation } from './command-line';
import { formatForPeople } from './output';

/** Runs a parsed command with the hub's own services on its database; returns the exit code. */
export async function runCommand(invocation: Extract<Invocation, { kind: 'run' }>, io: CliIo): Promise<number> {
  const { command, values, json } = invocation;
  let config;
  try {
    config = loadHubConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.note(error.message);
    return EXIT.noHub;
  }

  // Logs go to standard error, so standard output holds only the result; quiet unless LOG_LEVEL is set.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', pino.destination(2));
  let database;
  try {
    database = await openHubDatabase(config, logger, { useRunningEmbedded: true, existingHubOnly: true });
  } catch (error) {
    io.note(error instanceof NoHubError ? error.message : `The hub's database did not answer: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.noHub;
  }
  try {
    const app = await NestFactory.createApplicationContext(CliModule.register({ config, databaseUrl: database.url, logger }), {
      logger: new PinoNestLogger(logger),
    });
    try {
      const services = {
        organizations: app.get(OrganizationsService),
        users: app.get(UsersService),
        sharingGroups: app.get(SharingGroupsService),
        apiKeys: app.get(ApiKeysService),
        lockLifts: app.get(SignInLockLifts),
      };
      const result = await command.run(values, services, io);
      process.stdout.write(`${json ? JSON.stringify(result, null, 2) : formatForPeople(result)}\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof CommandError) {
        io.note(`${command.name}: ${error.message}`);
        return EXIT.refused;
      }
      if (!(error instanceof HubError)) throw error;
      // Field problems are listed one a line; the message already sums them up for GraphQL clients.
      const reason = error.issues.length ? `invalid input${error.issues.map((issue) => `\n  ${issue.path}: ${issue.message}`).join('')}` : error.message;
      io.note(`${command.name}: ${reason}`);
      return EXIT.refused;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}
