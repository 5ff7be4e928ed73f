// STIX 2.1 patterning: parse, check and print indicator patterns.

import type { Pattern } from './ast';
import { locateIssues, type OffsetIssue, type PatternIssue } from './issues';
import { parseSyntax } from './parser';
import { checkSemantics } from './semantics';

export type * from './ast';
export { formatPatternIssue, type PatternIssue } from './issues';
export { MAX_NESTING_DEPTH } from './parser';
export {
  printComparison,
  printComparisonExpression,
  printConstant,
  printObjectPath,
  printObservation,
  printPattern,
  printQualifier,
  quoteString,
} from './print';
export { COMMON_SCO_PROPERTIES, SCO_DEFINITIONS, SCO_TYPES, lookupScoType, type ScoDefinition } from './sco-properties';
export { canonicalHashAlgorithmName, fixedLengthHashAlgorithm, type HashAlgorithm } from './hashes';

export type PatternResult = { ok: true; ast: Pattern; warnings: PatternIssue[] } | { ok: false; errors: PatternIssue[] };

/**
 * Parses and checks a STIX 2.1 pattern. Never throws: syntax errors (the first one),
 * semantic errors (all of them) and warnings come back with 1-based line and column.
 */
export function parsePattern(pattern: string): PatternResult {
  if (typeof pattern !== 'string') {
    return { ok: false, errors: [{ line: 1, column: 1, message: 'a pattern must be a string' }] };
  }
  try {
    const syntax = parseSyntax(pattern);
    if (!syntax.ok) return { ok: false, errors: locateIssues(pattern, [syntax.error]) };
    const report = checkSemantics(syntax.ast);
    if (report.errors.length > 0) return { ok: false, errors: locateIssues(pattern, byOffset(report.errors)) };
    return { ok: true, ast: syntax.ast, warnings: locateIssues(pattern, byOffset(report.warnings)) };
  } catch (error) {
    // Only a bug can get here; callers were promised a result, not an exception.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ line: 1, column: 1, message: `internal pattern parser error: ${reason}` }] };
  }
}

/** True when the pattern is valid STIX 2.1 (warnings allowed). */
export function isValidPattern(pattern: string): boolean {
  return parsePattern(pattern).ok;
}

function byOffset(issues: OffsetIssue[]): OffsetIssue[] {
  return issues.length > 1 ? [...issues].sort((a, b) => a.offset - b.offset) : issues;
}
