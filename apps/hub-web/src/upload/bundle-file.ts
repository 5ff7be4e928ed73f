import type { ObjectResult, SubmissionStatus } from '../api/schema-types';

/**
 * The hub refuses a request body above 32 MiB (HTTP 413) and a bundle above 20,000 objects
 * (docs/sharing.md, "Limits"); the console says so before sending rather than after uploading.
 */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
export const MAX_BUNDLE_OBJECTS = 20_000;
/** Room for the mutation's text and the other variables around the bundle in the same request. */
const REQUEST_OVERHEAD_BYTES = 16 * 1024;

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Why a file of this size cannot be sent, or undefined when it can. */
export function fileSizeProblem(bytes: number): string | undefined {
  if (bytes === 0) return 'The file is empty.';
  if (bytes + REQUEST_OVERHEAD_BYTES > MAX_REQUEST_BYTES) {
    return `The file is ${mebibytes(bytes)}; the hub accepts at most ${MAX_REQUEST_BYTES / 1024 / 1024} MiB in one request. Split the bundle into smaller ones.`;
  }
  return undefined;
}

export interface BundleObjectSummary {
  id?: string;
  type?: string;
}

export type BundleRead = { bundle: unknown; objects: BundleObjectSummary[] } | { problem: string };

/**
 * The bundle in a file's text, checked only as far as needed to send it: JSON, an object with an
 * `objects` array of at most the hub's limit. Every STIX rule is the hub's to check, per object.
 */
export function readBundle(text: string): BundleRead {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    return { problem: `The file is not JSON: ${error instanceof Error ? error.message : 'it could not be read'}.` };
  }
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) return { problem: 'The file is not a STIX bundle: it must be one JSON object { "type": "bundle", … }.' };
  const objects = (bundle as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) return { problem: 'The file is not a STIX bundle: it has no "objects" list.' };
  if (objects.length > MAX_BUNDLE_OBJECTS) return { problem: `The bundle holds ${objects.length.toLocaleString('en')} objects; the hub accepts at most ${MAX_BUNDLE_OBJECTS.toLocaleString('en')} per bundle. Split it.` };
  const field = (object: unknown, key: string) => {
    const value = typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  return { bundle, objects: objects.map((object) => ({ id: field(object, 'id'), type: field(object, 'type') })) };
}

export interface ResultRow {
  index: number;
  id: string;
  type: string;
  status: SubmissionStatus;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
  pseudonym?: string;
}

/**
 * One row per object of the bundle, in bundle order, in the hub's words. The id and type come from
 * the hub's answer when it has one, else from the file (a rejected object may have no valid id).
 */
export type ObjectResultAnswer = Pick<ObjectResult, 'index' | 'stixId' | 'status'> & {
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
  pseudonym?: { name: string } | null;
};

export function resultRows(results: ObjectResultAnswer[], objects: BundleObjectSummary[]): ResultRow[] {
  return [...results]
    .sort((a, b) => a.index - b.index)
    .map((result) => {
      const fromFile = objects[result.index] ?? {};
      const id = result.stixId ?? fromFile.id ?? '';
      return {
        index: result.index,
        id,
        type: fromFile.type ?? (id.includes('--') ? id.slice(0, id.indexOf('--')) : ''),
        status: result.status,
        errors: result.errors.map(({ path, message }) => ({ path, message })),
        warnings: result.warnings.map(({ path, message }) => ({ path, message })),
        ...(result.pseudonym ? { pseudonym: result.pseudonym.name } : {}),
      };
    });
}

/** "3 accepted, 1 duplicate, 2 rejected" */
export function resultSummary(counts: { accepted: number; duplicates: number; rejected: number }): string {
  return `${counts.accepted} accepted, ${counts.duplicates} ${counts.duplicates === 1 ? 'duplicate' : 'duplicates'}, ${counts.rejected} rejected`;
}
