// A warninglist file in the MISP format (github.com/MISP/misp-warninglists, schema.json), read the way
// MISP reads it (app/Model/Warninglist.php): `type` defaults to `string` and may be an array (its first
// element counts), `version` defaults to 1, `list` is an array of values or an object of
// value -> comment, empty entries are skipped. Beside the MISP fields the hub reads `hub_action`.

import { z } from 'zod';
import { parseIpBlock } from '../ip';
import { commonIssueMessage, formatPath, valueAt, type Issue } from '../issues';
import { compileMispRegex } from './regex';

export const WARNINGLIST_TYPES = ['string', 'substring', 'hostname', 'cidr', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/**
 * What a hit means in the hub. `warn`: the value is accepted and shown with the warning. `block`: the
 * value can never be something to block (loopback, documentation addresses...): it is kept with the
 * object but withheld from blocking exports and scores 0.
 */
export const WARNINGLIST_ACTIONS = ['warn', 'block'] as const;
export type WarninglistAction = (typeof WARNINGLIST_ACTIONS)[number];

export interface WarninglistEntry {
  value: string;
  comment?: string;
}

export interface Warninglist {
  name: string;
  version: number;
  description: string;
  type: WarninglistType;
  /** As written in the file; see observableTypesFor. Empty means every type. */
  matchingAttributes: string[];
  category: 'false_positive' | 'known';
  action: WarninglistAction;
  entries: WarninglistEntry[];
}

/** `path` is the JSON path inside the file, e.g. `list[12]` or `type`. */
export type WarninglistIssue = Issue;

export type WarninglistResult = { ok: true; list: Warninglist } | { ok: false; errors: WarninglistIssue[] };

const entryObject = z.strictObject({ value: z.string(), comment: z.string().optional() });

const fileSchema = z.strictObject({
  name: z.string().trim().min(1, 'a warninglist needs a name'),
  version: z.number().int().nonnegative('the version is not negative').optional(),
  description: z.string().trim().min(1, 'a warninglist needs a description'),
  matching_attributes: z.array(z.string().min(1, 'an attribute type is not empty')).optional(),
  type: z.union([z.enum(WARNINGLIST_TYPES), z.array(z.enum(WARNINGLIST_TYPES)).min(1)]).optional(),
  category: z.enum(['false_positive', 'known']).optional(),
  hub_action: z.enum(WARNINGLIST_ACTIONS).optional(),
  list: z.union([z.array(z.union([z.string(), entryObject])), z.record(z.string(), z.string())]),
});

/** At most this many entry errors are reported; a broken 50k-entry file must not make a 50k-line answer. */
const MAX_ENTRY_ERRORS = 20;

/** Validates a parsed list file. Never throws; errors name the path and the reason. */
export function parseWarninglist(input: unknown): WarninglistResult {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, MAX_ENTRY_ERRORS).map((issue) => ({ path: formatPath(issue.path), message: issueMessage(issue, input) }));
    return { ok: false, errors };
  }
  const file = parsed.data;
  const type = Array.isArray(file.type) ? (file.type[0] as WarninglistType) : (file.type ?? 'string');
  const entries: WarninglistEntry[] = [];
  const errors: WarninglistIssue[] = [];
  const raw: [string, WarninglistEntry][] = Array.isArray(file.list)
    ? file.list.map((item, i) => [`list[${i}]`, typeof item === 'string' ? { value: item } : item])
    : Object.entries(file.list).map(([value, comment]) => [`list.${JSON.stringify(value)}`, { value, comment }]);
  for (const [path, entry] of raw) {
    if (entry.value.trim() === '') continue;
    const problem = entryProblem(type, entry.value);
    if (problem) {
      if (errors.length < MAX_ENTRY_ERRORS) errors.push({ path, message: problem });
      continue;
    }
    entries.push(entry.comment ? { value: entry.value, comment: entry.comment } : { value: entry.value });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: [{ path: 'list', message: 'a warninglist needs at least one entry' }] };
  return {
    ok: true,
    list: {
      name: file.name,
      version: file.version ?? 1,
      description: file.description,
      type,
      matchingAttributes: file.matching_attributes ?? [],
      category: file.category ?? 'false_positive',
      action: file.hub_action ?? 'warn',
      entries,
    },
  };
}

/** Parses JSON text first, so a syntax error is reported like any other problem. */
export function parseWarninglistJson(text: string): WarninglistResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `the file is not JSON: ${(error as Error).message}` }] };
  }
  return parseWarninglist(input);
}

/**
 * Whether a list already loaded at `loadedVersion` must be replaced by a file at `fileVersion`: when it
 * was never loaded or the file is newer, as MISP's update does. An equal or older file changes nothing.
 */
export function shouldReload(loadedVersion: number | undefined, fileVersion: number): boolean {
  return loadedVersion === undefined || fileVersion > loadedVersion;
}

function entryProblem(type: WarninglistType, value: string): string | undefined {
  if (type === 'cidr') return parseIpBlock(value.trim()) ? undefined : `'${value}' is not an IPv4 or IPv6 address or CIDR block`;
  if (type === 'regex') {
    const compiled = compileMispRegex(value);
    return compiled.ok ? undefined : `'${value}': ${compiled.message}`;
  }
  return undefined;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const common = commonIssueMessage(issue, input);
  if (common) return common;
  const at = issue.path.join('.');
  if (issue.code === 'invalid_union' && at === 'type') return `must be one of ${WARNINGLIST_TYPES.map((type) => JSON.stringify(type)).join(', ')}, or an array of them`;
  if (issue.code === 'invalid_union' && at === 'list' && valueAt(input, issue.path) === undefined) {
    return 'is required (an array of values, or an object of value -> comment)';
  }
  if (issue.code === 'invalid_union' && at === 'list') return 'must be an array of values, or an object of value -> comment';
  return issue.message;
}
