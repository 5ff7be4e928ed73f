import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, HubError, loadHubConfig, PinoNestLogger } from '@hub/platform';
import pino from 'pino';
import { CliModule } from './cli/cli.module';
import { parseCommand, USAGE, UsageError } from './cli/cli-commands';
import type { CliIo } from './cli/cli-commands';
import { openHubDatabase } from './database/hub-database';

// Exit codes: 0 done, 1 refused or failed (the reason on standard error), 2 wrong command line.
const EXIT = { ok: 0, failed: 1, usage: 2 };

const io: CliIo = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  note: (message) => process.stderr.write(`${message}\n`),
};

/** The operators' command line: `npm run hub -- org create ...`, using the same services as the API. */
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  let command;
  let config;
  try {
    command = parseCommand(argv);
    config = loadHubConfig(process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }

  // Logs go to standard error, so standard output holds only the result; quiet unless LOG_LEVEL is set.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', pino.destination(2));
  const database = await openHubDatabase(config, logger, { useRunningEmbedded: true });
  try {
    const app = await NestFactory.createApplicationContext(CliModule.register({ config, databaseUrl: database.url, logger }), {
      logger: new PinoNestLogger(logger),
    });
    try {
      const result = await command.run(app, io);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // Field problems are listed one a line; the message already sums them up for GraphQL clients.
      const reason = error.issues.length ? `invalid input${error.issues.map((issue) => `\n  ${issue.path}: ${issue.message}`).join('')}` : error.message;
      process.stderr.write(`${command.name}: ${reason}\n`);
      return EXIT.failed;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.failed);
  },
);
