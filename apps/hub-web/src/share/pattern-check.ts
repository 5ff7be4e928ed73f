import { formatPatternIssue, parsePattern } from '@hub/stix/pattern';

/**
 * The hub's own STIX pattern parser, run in the browser as the pattern is typed: its errors (with
 * line and column) are the ones the hub would answer, shown before anything is sent. Empty text is
 * not checked (the form says so in its own way). Warnings do not stop a submission; they are shown too.
 */
export function checkPattern(pattern: string): { errors: string[]; warnings: string[] } {
  if (!pattern.trim()) return { errors: [], warnings: [] };
  const result = parsePattern(pattern);
  return result.ok ? { errors: [], warnings: result.warnings.map(formatPatternIssue) } : { errors: result.errors.map(formatPatternIssue), warnings: [] };
}
