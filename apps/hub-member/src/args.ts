import { usageError } from './exit-codes';

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

// Short names of the options that have one.
const SHORT: Record<string, string> = { o: 'output', h: 'help' };

/**
 * `--name value`, `--name=value`, `-o value`, and `--flag` (a flag's value is `true`): which options
 * take a value is given by `flags` (the rest do). `--` ends the options.
 */
/** `known`: every option any command takes; another one is named as unknown, even where it would need a value. */
export function parseArgs(argv: readonly string[], flags: ReadonlySet<string>, known?: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg) ?? (/^-[a-z]$/.test(arg) && SHORT[arg[1]] ? [arg, SHORT[arg[1]], undefined] : null);
    if (!match) {
      if (arg.startsWith('-') && arg !== '-') throw usageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const [, name, inline] = match;
    if (known && !known.has(name) && !flags.has(name)) throw usageError(`unknown option --${name}`);
    if (flags.has(name)) {
      if (inline !== undefined) throw usageError(`--${name} takes no value`);
      options.set(name, true);
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw usageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positionals, options };
}

/** The options a command knows; anything else is a usage error naming it. */
export function checkOptions(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) if (!known.includes(name)) throw usageError(`unknown option --${name}`);
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return value === true ? undefined : value;
}
