// Only types from the hub here: reading the command line must not load Nest, so help and usage errors answer at once.
import type { ApiKeysService, OrganizationsService, SharingGroupsService, SignInLockLifts, UsersService } from '@hub/members';
import { parseArgs } from 'node:util';

/** Exit codes, also in the README. */
export const EXIT = {
  ok: 0,
  /** The hub refused the command (invalid input, unknown organisation, last admin ...). */
  refused: 1,
  /** A mistake in the command line itself. */
  usage: 2,
  /** No hub to work on: wrong configuration, a data folder or database without a hub, a database that does not answer. */
  noHub: 3,
} as const;

/** A mistake in the command line itself: the usage (of `commands` when known) is printed, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly commands?: CommandSpec[],
  ) {
    super(message);
  }
}

/** The command could not be done (e.g. an unknown organisation): exit code 1. */
export class CommandError extends Error {}

export interface CliServices {
  organizations: OrganizationsService;
  users: UsersService;
  sharingGroups: SharingGroupsService;
  apiKeys: ApiKeysService;
  lockLifts: SignInLockLifts;
}

export interface CliIo {
  /** The whole standard input (read only by --password-stdin). */
  readStdin(): Promise<string>;
  /** Notes for the operator, on standard error (standard output holds only the result). */
  note(message: string): void;
}

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times (e.g. --org A --org B). */
  multiple?: boolean;
}

export interface CommandSpec {
  /** Noun and verb, e.g. "user create". */
  name: string;
  summary: string;
  /** The options as the help shows them. */
  synopsis: string;
  options: Record<string, OptionSpec>;
  required?: string[];
  /** Rules of the command line beyond required options; throws UsageError. */
  check?(values: Values): void;
  run(values: Values, services: CliServices, io: CliIo): Promise<unknown>;
}

export type Invocation = { kind: 'help'; text: string } | { kind: 'run'; command: CommandSpec; values: Values; json: boolean };

const GLOBAL_FLAGS = new Set(['--json', '--help', '-h']);

export const FOOTER = `Options of every command: --json prints the result as JSON only; --help explains the command.
Exit codes: 0 done, 1 refused by the hub (reason on standard error), 2 wrong command line, 3 no hub to work on.
The hub is the one of DATABASE_URL, or of HUB_DATA_DIR (default ./.hub-data) when DATABASE_URL is unset;
a folder or database that holds no hub is refused, never created.`;

/** Reads the command line; nothing touches the database. */
export function parseInvocation(argv: string[], commands: CommandSpec[]): Invocation {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const [noun, verb, ...args] = argv.filter((arg) => !GLOBAL_FLAGS.has(arg));
  if (!noun) {
    if (help) return { kind: 'help', text: usage(commands) };
    throw new UsageError('No command given');
  }
  const command = commands.find((candidate) => candidate.name === `${noun} ${verb}`);
  if (!command) {
    const family = commands.filter((candidate) => candidate.name.startsWith(`${noun} `));
    if (help && family.length && (!verb || verb.startsWith('-'))) return { kind: 'help', text: usage(family) };
    throw new UsageError(`Unknown command: ${[noun, verb].filter(Boolean).join(' ')}`, family.length ? family : undefined);
  }
  if (help) return { kind: 'help', text: commandHelp(command) };
  return { kind: 'run', command, values: parseValues(command, args), json };
}

function parseValues(command: CommandSpec, args: string[]): Values {
  let values: Values;
  try {
    ({ values } = parseArgs({ args, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    // parseArgs's errors are TypeErrors with a code; their message alone is what the operator needs.
    throw new UsageError(`${command.name}: ${(error as { message?: string }).message ?? String(error)}`, [command]);
  }
  const missing = (command.required ?? []).filter((option) => values[option] === undefined || values[option] === '');
  if (missing.length) throw new UsageError(`${command.name}: missing ${missing.map((option) => `--${option}`).join(', ')}`, [command]);
  command.check?.(values);
  return values;
}

/** Every command (or one family), one a line. */
export function usage(commands: CommandSpec[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: hub <command> [options]   (./bin/hub.mjs or npm run --silent hub -- ...)\n\n${lines.join('\n')}\n\nhub <command> --help shows the options of a command.\n${FOOTER}`;
}

export function commandHelp(command: CommandSpec): string {
  return `${command.summary}.\n\nUsage: hub ${command.name} ${command.synopsis}\n\n${FOOTER}`;
}

export const text = (value: Values[string]): string | undefined => (typeof value === 'string' ? value : undefined);
export const texts = (value: Values[string]): string[] => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : typeof value === 'string' ? [value] : []);
