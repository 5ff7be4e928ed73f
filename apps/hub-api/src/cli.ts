// Decorator metadata is recorded when a class is defined: the polyfill must load before any module.
import 'reflect-metadata';
import { parseCommand, USAGE, UsageError } from './cli/cli-commands';
import type { CliIo } from './cli/cli-commands';

// Exit codes: 0 done, 1 refused or failed (the reason on standard error), 2 wrong command line.
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;

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
    io.note(USAGE);
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.note(`${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // Nest, TypeORM and the services load only once the command line is known to be right.
  const { runCommand } = await import('./cli/run-command');
  return runCommand(command, io);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT_FAILED);
  },
);
