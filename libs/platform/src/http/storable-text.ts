import { isStorableText } from '@hub/stix';
import type { FieldIssue } from '../graphql/hub-error';

// PostgreSQL stores neither a NUL character in text nor an unpaired UTF-16 surrogate in jsonb: such
// input is refused as bad input at the edge, never left to fail as a database error (a 500). The
// rule is @hub/stix's, which STIX validation applies too.
export { isStorableText };

// The same two, written as escapes inside a GraphQL document (string literals are decoded by the
// GraphQL parser, after the body was checked).
const GRAPHQL_ESCAPE = /\\u(?:0000|\{0+\}|[dD][89a-fA-F][0-9a-fA-F]{2})/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/**
 * Where a parsed JSON request body holds text PostgreSQL cannot store, keys included, as
 * `variables.input.bundle.objects[3].name`; at most `limit` places. The GraphQL document itself
 * (`query`) is also searched for such characters written as escapes.
 */
export function unstorableTextIssues(body: unknown, limit = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (value: unknown, path: string): void => {
    if (issues.length >= limit) return;
    if (typeof value === 'string') {
      if (!isStorableText(value) || (path === 'query' && GRAPHQL_ESCAPE.test(value))) issues.push({ path: path || '(body)', message: UNSTORABLE_TEXT_MESSAGE });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) issues.push({ path: itemPath, message: `the property name ${UNSTORABLE_TEXT_MESSAGE}` });
        visit(item, itemPath);
      }
    }
  };
  visit(body, '');
  return issues.slice(0, limit);
}
