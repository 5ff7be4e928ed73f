/** Collects positional parameters while a query is assembled, so user input never enters SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  bind = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/** Escapes LIKE wildcards so a search for "50%" looks for those characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
