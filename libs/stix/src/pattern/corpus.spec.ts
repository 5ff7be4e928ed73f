import { INVALID_PATTERNS } from './corpus/invalid-patterns';
import { VALID_PATTERNS } from './corpus/valid-patterns';
import { formatPatternIssue, parsePattern } from './index';
import { parseSyntax } from './parser';

describe('pattern corpus', () => {
  it('has at least 150 valid and 150 invalid patterns', () => {
    expect(VALID_PATTERNS.length).toBeGreaterThanOrEqual(150);
    expect(INVALID_PATTERNS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(VALID_PATTERNS).size).toBe(VALID_PATTERNS.length);
    expect(new Set(INVALID_PATTERNS.map((c) => c.pattern)).size).toBe(INVALID_PATTERNS.length);
  });

  it.each(VALID_PATTERNS.map((pattern) => [pattern]))('accepts %s', (pattern) => {
    const result = parsePattern(pattern);
    if (!result.ok) throw new Error(result.errors.map(formatPatternIssue).join('\n'));
    expect(result.ok).toBe(true);
  });

  it.each(INVALID_PATTERNS.map((c) => [c.pattern, c]))('refuses %s', (_, invalid) => {
    const result = parsePattern(invalid.pattern);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.message).not.toMatch(/internal/);
    }
    // A 'syntax' case is refused by the grammar itself, a 'semantic' case only by the rules on top.
    expect(parseSyntax(invalid.pattern).ok).toBe(invalid.kind === 'semantic');
    const column = invalid.column ?? (invalid.at === undefined ? undefined : invalid.pattern.indexOf(invalid.at) + 1);
    if (column !== undefined) expect(result.errors[0]?.column).toBe(column);
  });
});
