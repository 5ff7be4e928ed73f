import { formatPatternIssue, locateIssues } from './issues';

describe('locateIssues', () => {
  it('turns offsets into 1-based lines and columns', () => {
    const source = 'ab\ncd\r\n\nef';
    const located = locateIssues(
      source,
      [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 99].map((offset) => ({ offset, message: String(offset) })),
    );
    expect(located.map(({ line, column }) => [line, column])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 3],
      [2, 4],
      [3, 1],
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 3],
    ]);
  });

  it('formats an issue for people', () => {
    expect(formatPatternIssue({ line: 1, column: 17, message: "expected ']' but found 'AND'" })).toBe(
      "line 1, column 17: expected ']' but found 'AND'",
    );
  });
});
