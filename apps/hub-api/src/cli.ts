// Decorator metadata is recorded when a class is defined: the polyfill must load before any module.
import 'reflect-metadata';
import { COMMANDS } from './cli/cli-commands';
import { commandHelp, EXIT, parseInvocation, usage, UsageError } from './cli/command-line';
import type { CliIo } from './cli/command-line';

const io: CliIo = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  note: (message) => process.stderr.write(`${message}\n`),
};

/** The operators' command line (bin/hub.mjs), using the same services as the API. */
async function main(argv: string[]): Promise<number> {
  let invocation;
  try {
    invocation = parseInvocation(argv, COMMANDS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = error.commands?.length === 1 ? commandHelp(error.commands[0]) : usage(error.commands ?? COMMANDS);
    io.note(`${error.message}\n\n${help}`);
    return EXIT.usage;
  }
  if (invocation.kind === 'help') {
    process.stdout.write(`${invocation.text}\n`);
    return EXIT.ok;
  }
  // Nest, TypeORM and the services load only once the command line is known to be right.
  const { runCommand } = await import('./cli/run-command');
  return runCommand(invocation, io);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.refused);
  },
);
