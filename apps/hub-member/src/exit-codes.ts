/** Exit codes scripts can rely on (docs/exports.md, "The member command line"). */
export const EXIT = {
  OK: 0,
  /** The hub refused (403), an export was cut short, an import rejected objects or failed. */
  REFUSED_OR_PARTIAL: 1,
  /** Wrong command line, or a parameter the hub refused (400, BAD_USER_INPUT). */
  USAGE: 2,
  /** The hub cannot be reached, or the key or token is not accepted (401). */
  UNREACHABLE_OR_UNAUTHENTICATED: 3,
} as const;

/** A failure that ends the command with its exit code and a one-line message on standard error. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.USAGE);
