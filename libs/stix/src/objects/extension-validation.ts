// The hook for extensions STIX 2.1 does not define. validateObject knows the predefined extensions only; a
// library that defines others (the Incident Core suite, the hub's patient-care extension: @hub/incident-rules)
// describes them as ExtensionSchemas, and the caller passes them in. No global registry: what a validation
// checks is visible where it is called, and two callers never disturb each other.
import type { z } from 'zod';
import { joinPath, splitIssues, stixErrorMessage, type StixIssue } from './issues';
import { isRecord } from './properties';

export interface PropertyExtensionSchema {
  /** The object types that may carry it; on any other the extension is an error. */
  ownerTypes: readonly string[];
  /** Checks the extension's value (its errors and warnings land under `extensions['<id>']`); none: any value. */
  schema?: z.ZodType;
}

export interface ObjectTypeSchema {
  /** Checks what the type adds to the common properties (validateObject checks those). */
  schema: z.ZodType;
  /** Extension names the type gives its own details (an impact's `availability`): no "unknown extension" warning. */
  ownExtensions?: readonly string[];
}

export interface ExtensionSchemas {
  /** By extension-definition id. */
  propertyExtensions?: Readonly<Record<string, PropertyExtensionSchema>>;
  /** Object types defined by a new-sdo extension, by type name. */
  objectTypes?: Readonly<Record<string, ObjectTypeSchema>>;
}

export interface ValidateOptions {
  extensions?: ExtensionValidation;
}

const PARSE_OPTIONS = { error: stixErrorMessage } as const;

/** The checks of one or more sets of extension schemas, run by validateObject after the STIX 2.1 ones. */
export class ExtensionValidation {
  private readonly propertyExtensions = new Map<string, PropertyExtensionSchema>();
  private readonly objectTypes = new Map<string, ObjectTypeSchema>();

  constructor(sets: readonly ExtensionSchemas[]) {
    for (const set of sets) {
      for (const [id, schema] of Object.entries(set.propertyExtensions ?? {})) this.propertyExtensions.set(id, schema);
      for (const [type, schema] of Object.entries(set.objectTypes ?? {})) this.objectTypes.set(type, schema);
    }
  }

  /** The errors and warnings the extensions add to an object that is a record with a string type. */
  check(object: Readonly<Record<string, unknown>>, type: string, path: string): { errors: StixIssue[]; warnings: StixIssue[] } {
    const errors: StixIssue[] = [];
    const warnings: StixIssue[] = [];
    const objectType = this.objectTypes.get(type);
    if (objectType) {
      const result = objectType.schema.safeParse(object, PARSE_OPTIONS);
      if (!result.success) {
        const issues = splitIssues(result.error.issues, path);
        errors.push(...issues.errors);
        warnings.push(...issues.warnings);
      }
    }
    const extensions = isRecord(object.extensions) ? object.extensions : {};
    for (const [id, value] of Object.entries(extensions)) {
      const extension = this.propertyExtensions.get(id);
      if (!extension) continue;
      const at = joinPath(path, ['extensions', id]);
      if (!extension.ownerTypes.includes(type)) {
        errors.push({ path: at, message: `is an extension of ${extension.ownerTypes.join(' or ')} objects and cannot be used on ${type}` });
        continue;
      }
      const result = extension.schema?.safeParse(value, PARSE_OPTIONS);
      if (result && !result.success) {
        const issues = splitIssues(result.error.issues, at);
        errors.push(...issues.errors);
        warnings.push(...issues.warnings);
      }
    }
    return { errors, warnings };
  }

  /** Whether a warning of the STIX 2.1 checks is about an extension name the object's type defines. */
  definesExtensionWarnedAbout(type: string, warning: StixIssue, path: string): boolean {
    const own = this.objectTypes.get(type)?.ownExtensions ?? [];
    return own.some((name) => warning.path === joinPath(path, ['extensions', name]));
  }
}

export function extensionValidation(...sets: ExtensionSchemas[]): ExtensionValidation {
  return new ExtensionValidation(sets);
}
