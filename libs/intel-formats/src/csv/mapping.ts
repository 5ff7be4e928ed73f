// How the columns of a CSV file become indicators. Given by the user with the file (`mapping=<JSON>`), so
// it is checked with zod and every mistake comes back as { path, message }.
//
// A column is named by its header text (matched case-insensitively) or by its 1-based position.
// Either `type` (a column holding each row's observable type) or `observable_type` (one type for every row)
// is required; types are STIX observable types or everyday names (ip, domain, url, email, md5, sha256...).
import { z } from 'zod';
import type { FormatIssue } from '../common/issues';
import { isTypedObservableName } from '../common/observable-pattern';

const OBSERVABLE_TYPE_NAMES = 'e.g. ip, ipv4-addr, ipv6-addr, domain, domain-name, url, email, email-addr, md5, sha1, sha256, sha512, file';

const column = z.union([z.string().trim().min(1, 'must name a column'), z.number().int('must be a whole column number').min(1, 'column numbers start at 1')]);

export const csvMappingSchema = z
  .strictObject({
    value: column,
    type: column.optional(),
    observable_type: z.string().trim().min(1).optional(),
    name: column.optional(),
    description: column.optional(),
    labels: column.optional(),
    valid_from: column.optional(),
    valid_until: column.optional(),
    confidence: column.optional(),
    /** Whether the first record is a header; 'auto' decides from its content. */
    header: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    delimiter: z.enum([',', ';', '\t']).optional(),
    /** Splits the labels cell; by default any of `,`, `;` and `|`. */
    label_separator: z.string().min(1).optional(),
  })
  .superRefine((mapping, context) => {
    if (mapping.type === undefined && mapping.observable_type === undefined) {
      context.addIssue({ code: 'custom', path: ['type'], message: 'give either a type column (type) or one type for every row (observable_type)' });
    }
    if (mapping.observable_type !== undefined && !isTypedObservableName(mapping.observable_type)) {
      context.addIssue({ code: 'custom', path: ['observable_type'], message: `'${mapping.observable_type}' is not an observable type the hub knows (${OBSERVABLE_TYPE_NAMES})` });
    }
    if (mapping.type !== undefined && mapping.observable_type !== undefined) {
      context.addIssue({ code: 'custom', path: ['observable_type'], message: 'give a type column (type) or observable_type, not both' });
    }
    if (mapping.header === false) {
      for (const [key, value] of Object.entries(mapping)) {
        if (COLUMN_KEYS.includes(key as ColumnKey) && typeof value === 'string') {
          context.addIssue({ code: 'custom', path: [key], message: 'without a header row, columns are named by number' });
        }
      }
    }
  });

export type CsvMapping = z.output<typeof csvMappingSchema>;

export const COLUMN_KEYS = ['value', 'type', 'name', 'description', 'labels', 'valid_from', 'valid_until', 'confidence'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Checks a user-supplied mapping (already parsed from JSON). */
export function parseCsvMapping(input: unknown): { ok: true; mapping: CsvMapping } | { ok: false; errors: FormatIssue[] } {
  const result = csvMappingSchema.safeParse(input);
  if (result.success) return { ok: true, mapping: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: ['mapping', ...issue.path].join('.'), message: issue.message })),
  };
}

/** Column positions (0-based) of each mapped key. */
export type ResolvedColumns = Partial<Record<ColumnKey, number>>;

/** Resolves named columns against the header row; every unknown name is an error. */
export function resolveColumns(mapping: CsvMapping, header: readonly string[] | undefined): { ok: true; columns: ResolvedColumns } | { ok: false; errors: FormatIssue[] } {
  const columns: ResolvedColumns = {};
  const errors: FormatIssue[] = [];
  const names = header?.map((name) => name.trim().toLowerCase());
  for (const key of COLUMN_KEYS) {
    const ref = mapping[key];
    if (ref === undefined) continue;
    if (typeof ref === 'number') {
      columns[key] = ref - 1;
      continue;
    }
    const index = names?.indexOf(ref.trim().toLowerCase()) ?? -1;
    if (index < 0) {
      const known = header ? `the header has: ${header.map((name) => name.trim()).join(', ')}` : 'the file has no header row';
      errors.push({ path: `mapping.${key}`, message: `column '${ref}' is not in the file (${known})` });
    } else {
      columns[key] = index;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}
