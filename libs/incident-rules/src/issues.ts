// Problems are values, as in @hub/stix: `{ path, message }` with a JSON path into the submission. The rule
// helpers are @hub/stix's own (exported for libraries that define extensions); this file adds the check of a
// value against one schema, for the report rules that run the suite's schemas outside validateObject.
import type { z } from 'zod';
import { splitIssues, stixErrorMessage, type StixIssue } from '@hub/stix';

export { ALWAYS, describeValue, isRecord, joinPath, reportError, reportWarning, RuleContext, withArticle, type CheckPayload, type ObjectRule } from '@hub/stix';

export type Issue = StixIssue;

export interface Issues {
  errors: Issue[];
  warnings: Issue[];
}

/** Parses `value` with `schema` and returns its errors and warnings under `prefix`. Never throws. */
export function checkWith(schema: z.ZodType, value: unknown, prefix: string): Issues {
  const result = schema.safeParse(value, { error: stixErrorMessage });
  return result.success ? { errors: [], warnings: [] } : splitIssues(result.error.issues, prefix);
}

