import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';

/**
 * The queries whose whole answer is a function of the viewer, the request and the stored objects
 * (and so of the read-model version): nothing else may be served from the answer cache. A field
 * added below them that reads another table must add that table to READ_MODEL_TABLES (migration
 * ReadModelVersion1766000000000) or take its query off this list.
 */
const CACHEABLE_ROOT_FIELDS = new Set(['objects', 'object', 'lookupObservable', '__typename']);

// Verdicts per query text: clients repeat a handful of queries, and parsing each time would cost more than the look-up it saves.
const MAX_REMEMBERED_QUERIES = 1_000;
// Feed and look-up queries are short; a longer text (a bundle written inline, say) is not worth remembering.
const MAX_QUERY_LENGTH = 8_192;
const verdicts = new Map<string, boolean>();

/**
 * Whether the operation a GraphQL request runs only reads feeds, objects and look-ups: a query
 * (not a mutation or subscription) whose top level selects nothing but those fields, directly.
 * Anything unusual (a parse error, fragments at the top level, an ambiguous operation) says no:
 * the request then takes the normal path and gets its normal answer.
 */
export function isCacheableOperation(query: string, operationName: string | undefined): boolean {
  if (query.length > MAX_QUERY_LENGTH) return false;
  const key = `${operationName ?? ''}\n${query}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = judge(query, operationName);
    if (verdicts.size >= MAX_REMEMBERED_QUERIES) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(key, verdict);
  }
  return verdict;
}

function judge(query: string, operationName: string | undefined): boolean {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query, { noLocation: true }).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false;
  }
  const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((candidate) => candidate.name?.value === operationName);
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value));
}
