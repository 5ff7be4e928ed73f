// Bundles (spec 8): an envelope of arbitrary STIX objects. Objects are validated one by one, so a bad object
// is reported on its own and never hides the good ones around it.
import { z } from 'zod';
import { describeValue, joinPath, splitIssues, stixErrorMessage, type StixIssue } from './objects/issues';
import { isRecord, objectId } from './objects/properties';
import type { StixObject } from './objects/registry';
import { validateObject, type ValidationResult } from './objects/validate';
import type { ValidateOptions } from './objects/extension-validation';

/** The bundle envelope; its objects are validated separately by validateObject. */
export const bundleSchema = z.looseObject({
  type: z.literal('bundle'),
  id: objectId('bundle'),
  objects: z.array(z.unknown()).min(1).optional(),
});

export type Bundle = Omit<z.infer<typeof bundleSchema>, 'objects'> & { objects?: StixObject[] };

export interface BundleObjectResult {
  /** Position in the bundle's `objects` list. */
  index: number;
  id?: string;
  type?: string;
  result: ValidationResult;
}

export interface BundleValidation {
  /** True when the envelope and every object are free of errors. */
  ok: boolean;
  /** The bundle id, when the envelope has a string one. */
  id?: string;
  /** Problems with the envelope itself, and duplicate objects. */
  errors: StixIssue[];
  warnings: StixIssue[];
  /** One entry per element of `objects`, in order. */
  objects: BundleObjectResult[];
}

const BUNDLE_PROPERTIES: ReadonlySet<string> = new Set(Object.keys(bundleSchema.shape));

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Several copies of one version of an object (same id and modified) in a bundle are redundant at best. */
function findDuplicates(results: readonly BundleObjectResult[], objects: readonly unknown[]): StixIssue[] {
  const firstIndex = new Map<string, number>();
  const duplicates: StixIssue[] = [];
  for (const { index, id } of results) {
    if (id === undefined) continue;
    const object = objects[index] as Record<string, unknown>;
    const version = typeof object.modified === 'string' ? object.modified : typeof object.created === 'string' ? object.created : '';
    const key = `${id}|${version}`;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else duplicates.push({ path: `objects[${index}].id`, message: `repeats objects[${first}] (same id and version)` });
  }
  return duplicates;
}

/**
 * Validates a bundle, given as parsed JSON or as JSON text. Returns the envelope's own errors and warnings
 * plus a result for every object, each object's issues prefixed with `objects[i]`. Never throws.
 */
export function validateBundle(input: unknown, options: ValidateOptions = {}): BundleValidation {
  let bundle = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if ('error' in parsed) return { ok: false, errors: [{ path: '', message: `is not valid JSON: ${parsed.error}` }], warnings: [], objects: [] };
    bundle = parsed.value;
  }
  if (!isRecord(bundle)) {
    return { ok: false, errors: [{ path: '', message: `must be a JSON object (got ${describeValue(bundle)})` }], warnings: [], objects: [] };
  }

  const envelope = bundleSchema.safeParse(bundle, { error: stixErrorMessage });
  const { errors, warnings } = envelope.success ? { errors: [], warnings: [] } : splitIssues(envelope.error.issues, '');
  for (const key of Object.keys(bundle)) {
    if (BUNDLE_PROPERTIES.has(key)) continue;
    if (key === 'spec_version') warnings.push({ path: key, message: 'is not a bundle property in STIX 2.1 (each object carries its own spec_version)' });
    else warnings.push({ path: joinPath('', [key]), message: 'unknown property of a bundle' });
  }

  const objects = Array.isArray(bundle.objects) ? bundle.objects : [];
  const results = objects.map((object, index): BundleObjectResult => {
    const result = validateObject(object, `objects[${index}]`, options);
    const id = isRecord(object) && typeof object.id === 'string' ? object.id : undefined;
    const type = isRecord(object) && typeof object.type === 'string' ? object.type : undefined;
    return { index, id, type, result };
  });
  warnings.push(...findDuplicates(results, objects));

  return {
    ok: errors.length === 0 && results.every(({ result }) => result.ok),
    id: typeof bundle.id === 'string' ? bundle.id : undefined,
    errors,
    warnings,
    objects: results,
  };
}
