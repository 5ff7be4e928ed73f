import type { SubmissionOutcome } from '@hub/sharing';

export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** The status resource of spec 4.3.1. */
export interface StatusResource {
  id: string;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes: StatusDetail[];
  failure_count: number;
  failures: StatusDetail[];
  pending_count: number;
  pendings: StatusDetail[];
}

/**
 * An entry's version is never empty (clients key on it): the object's modified, else created, as
 * the manifest names versions; a cyber observable, which has neither, goes by the date it was
 * added (`added`, by id), and one never stored by the time of the request.
 */
function detailOf(object: unknown, stixId: string | null, added: ReadonlyMap<string, string>, requestTimestamp: string): Omit<StatusDetail, 'message'> {
  const record = object && typeof object === 'object' ? (object as Record<string, unknown>) : {};
  const id = stixId ?? (typeof record.id === 'string' ? record.id : '');
  const version = typeof record.modified === 'string' ? record.modified : typeof record.created === 'string' ? record.created : (added.get(id) ?? requestTimestamp);
  return { id, version };
}

/**
 * What happened to each object of an envelope, from the ingestion's outcome. The ingestion is
 * done when the POST answers, so nothing is pending; an object stored before counts as a success.
 * `observablesAdded`: when the stored cyber observables were added, by id.
 */
export function statusFromOutcome(
  id: string,
  requestTimestamp: string,
  objects: unknown[],
  outcome: SubmissionOutcome,
  observablesAdded: ReadonlyMap<string, string> = new Map(),
): StatusResource {
  const successes: StatusDetail[] = [];
  const failures: StatusDetail[] = [];
  for (const result of outcome.results) {
    const detail = detailOf(objects[result.index], result.stixId, observablesAdded, requestTimestamp);
    if (result.status === 'ACCEPTED') successes.push(detail);
    else if (result.status === 'DUPLICATE') successes.push({ ...detail, message: 'this version was already stored' });
    else failures.push({ ...detail, message: result.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ') || 'rejected' });
  }
  return {
    id,
    status: 'complete',
    request_timestamp: requestTimestamp,
    total_count: objects.length,
    success_count: successes.length,
    successes,
    failure_count: failures.length,
    failures,
    pending_count: 0,
    pendings: [],
  };
}
