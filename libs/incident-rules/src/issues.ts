// Problems are values, as in @hub/stix: `{ path, message }` with a JSON path into the submission. Zod carries
// them while parsing; warnings ride along as non-aborting custom issues tagged WARNING and are split off
// afterwards. (@hub/stix keeps its own helpers internal, so this library has the few it needs.)
import type { z } from 'zod';
import { compareStixTimestamps, isStixTimestamp, type StixIssue } from '@hub/stix';

export type Issue = StixIssue;

export interface Issues {
  errors: Issue[];
  warnings: Issue[];
}

export const WARNING = { severity: 'warning' } as const;

/** Lets an object-level rule run even after a property failed, so all errors are reported together. */
export const ALWAYS = { when: () => true } as const;

type Path = PropertyKey | readonly PropertyKey[];

export interface CheckPayload {
  readonly value: unknown;
  readonly issues: z.core.$ZodRawIssue[];
}

export function reportError(payload: CheckPayload, message: string, path: PropertyKey[] = []): void {
  payload.issues.push({ code: 'custom', message, input: payload.value, path, continue: true });
}

export function reportWarning(payload: CheckPayload, message: string, path: PropertyKey[] = []): void {
  payload.issues.push({ code: 'custom', message, input: payload.value, path, params: WARNING, continue: true });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `objects[3]` + ['extensions', 'extension-definition--…', 'x'] → `objects[3].extensions['extension-definition--…'].x`. */
export function joinPath(prefix: string, segments: readonly PropertyKey[]): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) path += path ? `.${segment}` : segment;
    else path += `['${String(segment).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return path;
}

/** Reads the properties of an object under validation defensively: rules run even when some are invalid. */
export class RuleContext {
  constructor(
    readonly object: Readonly<Record<string, unknown>>,
    private readonly refinement: z.core.$RefinementCtx<unknown>,
  ) {}

  error(path: Path, message: string): void {
    this.refinement.addIssue({ code: 'custom', message, path: toPath(path), input: this.object });
  }

  warning(path: Path, message: string): void {
    this.refinement.addIssue({ code: 'custom', message, path: toPath(path), input: this.object, params: WARNING });
  }

  has(key: string): boolean {
    return this.object[key] !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.object[key];
    return typeof value === 'string' ? value : undefined;
  }

  /** A finite number that is not negative: the only kind a consistency rule between counts may use. */
  amount(key: string): number | undefined {
    const value = this.object[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  }

  list(key: string): readonly unknown[] | undefined {
    const value = this.object[key];
    return Array.isArray(value) ? value : undefined;
  }

  timestamp(key: string): string | undefined {
    const value = this.object[key];
    return isStixTimestamp(value) ? value : undefined;
  }

  /** `later` must not precede `earlier` (with `strictly`, must come after it); reported on `later`. */
  requireOrder(earlier: string, later: string, strictly = false): void {
    const from = this.timestamp(earlier);
    const to = this.timestamp(later);
    if (from === undefined || to === undefined) return;
    const order = compareStixTimestamps(to, from);
    if (strictly && order <= 0) this.error(later, `must be later than ${earlier} (${from})`);
    else if (!strictly && order < 0) this.error(later, `must be later than or equal to ${earlier} (${from})`);
  }

  requirePresenceFor(dependent: string, required: string): void {
    if (this.has(dependent) && !this.has(required)) this.error(required, `is required when ${dependent} is present`);
  }

  warnAboutUnknownKeys(known: ReadonlySet<string>, what: string): void {
    for (const key of Object.keys(this.object)) {
      if (!known.has(key)) this.warning(key, `unknown property of ${what}`);
    }
  }
}

function toPath(path: Path): PropertyKey[] {
  return Array.isArray(path) ? [...(path as readonly PropertyKey[])] : [path as PropertyKey];
}

export type ObjectRule = (context: RuleContext) => void;

const EXPECTED_NAMES: Record<string, string> = { int: 'integer', record: 'object', nonoptional: 'value' };

/** Messages for zod's built-in issue codes, worded as @hub/stix words them. */
function errorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected} (got ${describeValue(issue.input)})`;
    }
    case 'too_small':
      if (issue.origin === 'array') return 'must not be empty';
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum} (got ${describeValue(issue.input)})`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum} (got ${describeValue(issue.input)})`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])} (got ${describeValue(issue.input)})`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')} (got ${describeValue(issue.input)})`;
    default:
      return undefined;
  }
}

function isWarning(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.severity === WARNING.severity;
}

/** Parses `value` with `schema` and returns its errors and warnings under `prefix`. Never throws. */
export function checkWith(schema: z.ZodType, value: unknown, prefix: string): Issues {
  const result = schema.safeParse(value, { error: errorMessage });
  const issues: Issues = { errors: [], warnings: [] };
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    (isWarning(issue) ? issues.warnings : issues.errors).push({ path: joinPath(prefix, issue.path), message: issue.message });
  }
  return issues;
}

/** `noun` with its indefinite article: "an impact", "a task". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
