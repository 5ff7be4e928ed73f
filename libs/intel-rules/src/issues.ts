// zod issues turned into { path, message } with messages a list author can act on.

import type { z } from 'zod';

export interface Issue {
  /** JSON path inside the input, e.g. `list[12]`, `[3].value`, or '' for the whole input. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** The messages every schema shares; undefined when the caller should decide (or keep zod's). */
export function commonIssueMessage(issue: z.core.$ZodIssue, input: unknown): string | undefined {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return `is required (${issue.expected})`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be an integer';
  if (issue.code === 'invalid_type') return `must be ${/^[aeio]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  return undefined;
}
