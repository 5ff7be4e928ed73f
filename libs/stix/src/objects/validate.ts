// validateObject: one STIX object in, every error and warning out, each with the JSON path it concerns.
import type { z } from 'zod';
import { customObjectSchema } from './custom-object';
import type { ValidateOptions } from './extension-validation';
import { firstStructuralProblem, MAX_OBJECT_DEPTH } from './depth';
import { describeValue, joinPath, splitIssues, stixErrorMessage, type StixIssue } from './issues';
import { kindOfType } from './object-types';
import { isRecord } from './properties';
import { stixSchemas, type StixObject } from './registry';

export interface ValidationResult {
  /** True when there are no errors (warnings do not make an object invalid). */
  ok: boolean;
  errors: StixIssue[];
  warnings: StixIssue[];
  /** The validated object, typed, when `ok`. */
  object?: StixObject;
}

const SCHEMA_BY_TYPE: ReadonlyMap<string, z.ZodType> = new Map(Object.entries(stixSchemas));

const PARSE_OPTIONS = { error: stixErrorMessage } as const;

function failure(path: string, message: string): ValidationResult {
  return { ok: false, errors: [{ path, message }], warnings: [] };
}

/**
 * Validates one STIX 2.1 object against the specification. `path` prefixes every issue path, e.g.
 * `objects[3]` yields `objects[3].valid_until`. `options.extensions` adds the checks of extensions
 * STIX 2.1 does not define (see extension-validation.ts). Never throws for any input.
 */
export function validateObject(input: unknown, path = '', options: ValidateOptions = {}): ValidationResult {
  if (!isRecord(input)) return failure(path, `must be a JSON object (got ${describeValue(input)})`);
  const { type } = input;
  if (typeof type !== 'string') {
    return failure(joinPath(path, ['type']), type === undefined ? 'is required' : `must be a string (got ${describeValue(type)})`);
  }
  if (kindOfType(type) === 'bundle') return failure(joinPath(path, ['type']), 'a bundle is not a STIX object and cannot be validated as one (use validateBundle)');
  // Before any recursive walk: a value nested thousands deep would exhaust the stack of whoever walks it.
  const problem = firstStructuralProblem(input);
  if (problem?.problem === 'depth') return failure(joinPath(path, problem.path), `is nested more than ${MAX_OBJECT_DEPTH} levels deep inside the object, the most the hub accepts`);
  if (problem) return failure(joinPath(path, problem.path), 'holds a character that is not text (U+0000, or half of a UTF-16 surrogate pair); remove it');
  const schema = SCHEMA_BY_TYPE.get(type) ?? customObjectSchema;
  const result = schema.safeParse(input, PARSE_OPTIONS);
  if (result.success && !options.extensions) return { ok: true, errors: [], warnings: [], object: input as StixObject };
  let { errors, warnings } = result.success ? { errors: [] as StixIssue[], warnings: [] as StixIssue[] } : splitIssues(result.error.issues, path);
  if (options.extensions) {
    const extensions = options.extensions;
    const added = extensions.check(input, type, path);
    errors = [...errors, ...added.errors];
    warnings = [...warnings.filter((warning) => !extensions.definesExtensionWarnedAbout(type, warning, path)), ...added.warnings];
  }
  return errors.length === 0 ? { ok: true, errors, warnings, object: input as StixObject } : { ok: false, errors, warnings };
}
