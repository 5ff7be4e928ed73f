// Validation problems are values: `{ path, message }`, where path is a JSON path such as
// `objects[3].external_references[0].hashes['SHA-256']`. Zod carries them while parsing; warnings ride
// along as non-aborting custom issues tagged with WARNING_PARAMS and are split off afterwards.
import type { z } from 'zod';

export interface StixIssue {
  path: string;
  message: string;
}

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

export const WARNING_PARAMS = { severity: 'warning' } as const;

export function isWarningIssue(issue: Issue): boolean {
  return issue.code === 'custom' && issue.params?.severity === WARNING_PARAMS.severity;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Appends path segments to a JSON path prefix: `objects[3]` + ['hashes', 'SHA-256'] → `objects[3].hashes['SHA-256']`. */
export function joinPath(prefix: string, segments: readonly PropertyKey[]): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) path += path ? `.${segment}` : segment;
    else path += `['${String(segment).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return path;
}

/** A short, safe description of a value for messages: strings are quoted and truncated. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

// By sound: "an indicator", "an x509-certificate", but "a url" and "a user-account".
const ARTICLE_AN = /^[aeiox]/;

/** `noun` with its indefinite article. */
export function withArticle(noun: string): string {
  return `${ARTICLE_AN.test(noun) ? 'an' : 'a'} ${noun}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'integer',
  record: 'object',
  nonoptional: 'value',
};

/**
 * Messages for zod's built-in issue codes, passed as the per-parse `error` map so the rest of the
 * monorepo keeps zod's defaults. Custom checks always supply their own message.
 */
export function stixErrorMessage(issue: RawIssue): string | undefined {
  // A missing property fails its schema with `undefined` as the input, whatever the schema is.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return `must be ${withArticle(expected)} (got ${describeValue(issue.input)})`;
    }
    case 'too_small':
      if (issue.origin === 'array') return Number(issue.minimum) === 1 ? 'must not be empty' : `must have at least ${issue.minimum} items`;
      if (issue.origin === 'string') return `must be at least ${issue.minimum} characters long`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum} (got ${describeValue(issue.input)})`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum} (got ${describeValue(issue.input)})`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])} (got ${describeValue(issue.input)})`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')} (got ${describeValue(issue.input)})`;
    case 'invalid_format':
      return `has an invalid format (got ${describeValue(issue.input)})`;
    case 'invalid_union':
      return `does not match any allowed form (got ${describeValue(issue.input)})`;
    default:
      return undefined;
  }
}

export interface SplitIssues {
  errors: StixIssue[];
  warnings: StixIssue[];
}

/** Turns zod issues into STIX issues under `prefix`, separating warnings from errors. */
export function splitIssues(issues: readonly Issue[], prefix: string): SplitIssues {
  const errors: StixIssue[] = [];
  const warnings: StixIssue[] = [];
  for (const issue of issues) {
    const stixIssue = { path: joinPath(prefix, issue.path), message: issue.message };
    (isWarningIssue(issue) ? warnings : errors).push(stixIssue);
  }
  return { errors, warnings };
}
