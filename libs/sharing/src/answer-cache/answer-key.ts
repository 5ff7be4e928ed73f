import { createHash } from 'node:crypto';
import type { Viewer } from '@hub/access';

/** What a GraphQL request asks, as far as its answer depends on it. */
export interface AnswerRequest {
  query: string;
  operationName?: string;
  variables?: unknown;
  /** The Accept header: it chooses the answer's media type. */
  accept?: string;
}

/**
 * The cache key of an answer: the whole viewer (every field of it, whatever fields it gains later:
 * any of them may change what is readable) and the whole request (the caller bounds its size). Two
 * requests share a key only if the same person or key, with the same role, organisation and groups,
 * asked the same thing.
 */
export function answerKey(viewer: Viewer, request: AnswerRequest): string {
  const text = JSON.stringify([
    canonical(viewer),
    request.query,
    request.operationName ?? null,
    canonical(request.variables ?? null),
    request.accept ?? null,
  ]);
  return createHash('sha256').update(text).digest('base64');
}

/** The value with object keys sorted, so that equal values give equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
