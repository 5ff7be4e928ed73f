// Problems found in a pattern, located by 1-based line and column.

export interface PatternIssue {
  line: number;
  column: number;
  message: string;
}

/** A problem located by source offset; converted to line/column only when reported. */
export interface OffsetIssue {
  offset: number;
  message: string;
}

/**
 * Converts offset issues to line/column issues. Lines are split at '\n' (so "\r\n"
 * counts once); columns count UTF-16 code units, starting at 1.
 */
export function locateIssues(source: string, issues: readonly OffsetIssue[]): PatternIssue[] {
  if (issues.length === 0) return [];
  // Start offsets of every line, found once, so many issues in a long pattern stay cheap.
  const lineStarts = [0];
  for (let newline = source.indexOf('\n'); newline >= 0; newline = source.indexOf('\n', newline + 1)) {
    lineStarts.push(newline + 1);
  }
  return issues.map((issue) => {
    const offset = Math.max(0, Math.min(issue.offset, source.length));
    // Last line starting at or before the offset (binary search).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1, message: issue.message };
  });
}

/** `line 1, column 17: expected ']' but found 'AND'` */
export function formatPatternIssue(issue: PatternIssue): string {
  return `line ${issue.line}, column ${issue.column}: ${issue.message}`;
}
