// hub-member: the member command line. It talks to a hub over HTTP (and GraphQL over WebSocket)
// with an API key or a person's token, exactly like any other client: it imports nothing of the
// server, so it can run on a member's machine with the hub elsewhere.
import type { Writable } from 'node:stream';
import { checkOptions, parseArgs, ParsedArgs, stringOption } from './args';
import { CliError, EXIT, usageError } from './exit-codes';
import { EXPORT_FILTERS, EXPORT_FLAGS, EXPORT_FORMATS, runExport } from './export-command';
import { runFollow } from './follow-command';
import { Connection, connectionOf } from './hub-client';
import { IMPORT_FLAGS, IMPORT_FORMATS, IMPORT_PARAMETERS, importSummary, progressLine, runImport } from './import-command';
import { lookupText, runLookup } from './lookup-command';

export interface CliIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  /** Resolves when the user interrupts (Ctrl-C): ends `follow`. */
  interrupted: Promise<void>;
}

const GLOBAL_OPTIONS = ['url', 'key', 'json', 'help'];
const FLAGS = new Set(['help', 'json', ...EXPORT_FLAGS, ...IMPORT_FLAGS]);

const CONNECTION_HELP = `Connection (every command):
  --url URL      the hub, e.g. https://hub.example.org (or HUB_URL; default http://127.0.0.1:3000)
  --key KEY      an API key, or a person's sign-in token (or HUB_API_KEY); export and import
                 need one; without one, lookup and follow get what the public may read (CLEAR)
  --json         machine-readable output on standard output
  -h, --help     this help

Exit codes: 0 done; 1 refused or partial (403, an export cut short, an import with rejected
objects, a failed job); 2 usage (a wrong command line, or a parameter the hub refused with 400);
3 cannot reach the hub, or the key or token is not accepted (401, a lost connection).`;

const HELP: Record<string, string> = {
  '': `Usage: hub-member <command> [options]

Commands:
  export <format>          the objects you may read, as ${EXPORT_FORMATS.join(', ')}
  lookup <type> <value>    the readable indicators and sightings that mention an observable
  follow                   every new object you may read, one JSON object a line, until Ctrl-C
  import <file>            share a file (STIX, CSV, text, MISP) through an import job

Run hub-member <command> --help for a command's options.

${CONNECTION_HELP}
`,
  export: `Usage: hub-member export <format> [filters] [-o file]

Streams GET /export/<format> (${EXPORT_FORMATS.join(', ')}) to standard output or to a file.

Filters (lists are comma-separated):
  --types LIST             STIX object types (observable formats: indicator and observable types)
  --observable-types LIST  only objects naming observables of these types (ipv4-addr, domain-name, url, file ...)
  --max-tlp LEVEL          up to this level: CLEAR, GREEN, AMBER, AMBER_STRICT, RED
  --since TIME, --until TIME   when the hub received them (ISO 8601)
  --labels LIST            objects with any of these labels
  --include-revoked        revoked objects too (left out by default)
  --hash-algorithms LIST   text only: file hashes of these algorithms (MD5: Suricata's hub-md5.list)
  --min-score N            indicators scoring at least N (0-100); other objects pass unchanged
  --exclude-decayed        leave out indicators whose score has decayed to 0
  --exclude-warned true    leave out values a warninglist warns about
  -o, --output FILE        write to FILE (completed files only: written as FILE.part, then renamed)

With --json and -o, prints {"format","bytes","output"} when done.

${CONNECTION_HELP}
`,
  lookup: `Usage: hub-member lookup <type> <value>

Asks the hub (GraphQL lookupObservable) for the readable indicators and sightings that mention the
value, e.g. lookup ipv4-addr 203.0.113.5, lookup domain-name evil.example, lookup file <hash>.
Exits 0 whether or not anything matched; --json prints the whole answer.

${CONNECTION_HELP}
`,
  follow: `Usage: hub-member follow [--types LIST] [--labels LIST] [--tlp LIST]

Subscribes to objectAdded (GraphQL over WebSocket) and prints each new object you may read as one
JSON line (NDJSON: id, type, tlp, created, modified, revoked, dateAdded, source, stix) until
interrupted (Ctrl-C, exit 0). A lost connection ends it with exit code 3.

${CONNECTION_HELP}
`,
  import: `Usage: hub-member import <file> --format FORMAT --tlp LEVEL [audience] [--anonymous]

Sends the file to POST /import and follows the job (GET /import/<jobId>) to its end: a progress bar
on standard error, then a summary (read, accepted, rejected, duplicates).

  --format FORMAT             ${IMPORT_FORMATS.join(', ')}
  --tlp LEVEL                 CLEAR, GREEN, AMBER, AMBER_STRICT, RED
  --mapping JSON              the CSV column mapping (docs/intel-formats.md)
  --organization-ids LIST, --sharing-group-ids LIST, --audiences LIST, --recipient-emails LIST
                              the audience (AMBER, AMBER_STRICT and RED need one)
  --anonymous                 share anonymously

Exits 0 when the job is done with nothing rejected, 1 when objects were rejected or the job failed.

${CONNECTION_HELP}
`,
};

const COMMAND_OPTIONS: Record<string, string[]> = {
  export: [...Object.keys(EXPORT_FILTERS), ...EXPORT_FLAGS, 'output'],
  lookup: [],
  follow: ['types', 'labels', 'tlp'],
  import: [...Object.keys(IMPORT_PARAMETERS), ...IMPORT_FLAGS],
};

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let args: ParsedArgs;
  let command: string | undefined;
  try {
    args = parseArgs(argv, FLAGS, new Set([...GLOBAL_OPTIONS, ...Object.values(COMMAND_OPTIONS).flat()]));
    const named = args.positionals.shift();
    if (named !== undefined && !(named in COMMAND_OPTIONS)) throw usageError(`unknown command ${named}; the commands are ${Object.keys(COMMAND_OPTIONS).join(', ')}`);
    command = named;
    if (args.options.get('help') === true || command === undefined) {
      (command === undefined && args.options.get('help') !== true ? io.stderr : io.stdout).write(HELP[command ?? '']);
      return command === undefined && args.options.get('help') !== true ? EXIT.USAGE : EXIT.OK;
    }
    checkOptions(args, [...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command]]);
    const connection = connectionOf(stringOption(args, 'url'), stringOption(args, 'key'), env);
    return await run(command, connection, args, args.options.get('json') === true, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`hub-member${command ? ` ${command}` : ''}: ${error.message}\n`);
      if (error.exitCode === EXIT.USAGE) io.stderr.write(`Run hub-member${command ? ` ${command}` : ''} --help for usage.\n`);
      return error.exitCode;
    }
    io.stderr.write(`hub-member: ${(error as Error).message}\n`);
    return EXIT.REFUSED_OR_PARTIAL;
  }
}

async function run(command: string, connection: Connection, args: ParsedArgs, json: boolean, io: CliIo): Promise<number> {
  const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);
  switch (command) {
    case 'export': {
      const done = await runExport(connection, args, io.stdout);
      if (json && done.output !== '-') print({ format: args.positionals[0], ...done });
      return EXIT.OK;
    }
    case 'lookup': {
      const answer = await runLookup(connection, args);
      if (json) print(answer);
      else io.stdout.write(lookupText(answer));
      return EXIT.OK;
    }
    case 'follow':
      await runFollow(connection, args, (line) => io.stdout.write(line), io.interrupted);
      return EXIT.OK;
    case 'import': {
      const state: { sent: number; size: number; job?: Parameters<typeof progressLine>[0]['job'] } = { sent: 0, size: 0 };
      // The bar is redrawn in place on a terminal only; a log file gets the summary alone.
      const draw = () => io.stderr.isTTY && io.stderr.write(`\r${progressLine(state).padEnd(78)}`);
      const result = await runImport(connection, args, {
        uploaded: (sent, size) => {
          Object.assign(state, { sent, size });
          draw();
        },
        job: (job) => {
          state.job = job;
          draw();
        },
      });
      if (io.stderr.isTTY) io.stderr.write('\n');
      if (json) print({ jobId: result.jobId, ...result.job });
      else io.stdout.write(importSummary(result.jobId, result.job, connection.url));
      return result.exitCode;
    }
    default:
      throw usageError(`unknown command ${command}`);
  }
}
