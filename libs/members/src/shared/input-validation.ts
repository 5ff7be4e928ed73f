import { HubError } from '@hub/platform';
import type { FieldIssue } from '@hub/platform';
import { z } from 'zod';

/** zod issues as the contract's `{ path, message }` list; `prefix` names the argument when it is not `input`. */
export function issuesOf(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    return { path: path || (prefix ?? 'input'), message: issue.message };
  });
}

export function invalidInput(issues: FieldIssue[]): HubError {
  return HubError.badInput(`Invalid input: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, issues);
}

/** Parses caller input or throws BAD_USER_INPUT listing every problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(issuesOf(parsed.error, prefix));
  return parsed.data;
}

/** An id argument: a malformed one is the caller's mistake, not a database error. */
export const idSchema = z.uuid('must be an id returned by the hub');

export function parseId(value: unknown, path = 'id'): string {
  return parseInput(idSchema, value, path);
}

export const PAGE_SIZE = { default: 50, max: 100 };

export function parsePageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return PAGE_SIZE.default;
  return parseInput(z.number().int('must be a whole number').min(1, 'must be at least 1').max(PAGE_SIZE.max, `must be at most ${PAGE_SIZE.max}`), first, 'first');
}

/** Optional text fields: GraphQL passes null for "not given"; both mean "leave as is". */
export function given<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}
