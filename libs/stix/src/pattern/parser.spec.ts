import type { Comparison, ComparisonExpression, Constant, ObservationExpression, Pattern } from './ast';
import { formatPatternIssue, MAX_NESTING_DEPTH, parsePattern } from './index';

const r = String.raw;

/** Deep copy without `offset` fields, to compare tree shapes. */
function withoutOffsets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'offset' ? undefined : inner))) as T;
}

function parse(pattern: string): Pattern {
  const result = parsePattern(pattern);
  if (!result.ok) throw new Error(`expected a valid pattern: ${result.errors.map(formatPatternIssue).join('; ')}`);
  return result.ast;
}

function expression(pattern: string): ObservationExpression {
  return withoutOffsets(parse(pattern).expression);
}

/** The comparison expression inside a single `[ ... ]`. */
function comparisonOf(pattern: string): ComparisonExpression {
  const root = expression(pattern);
  if (root.kind !== 'observation') throw new Error('expected a single observation');
  return root.comparison;
}

function valueOf(constantText: string): Constant {
  const comparison = comparisonOf(`[x-type:p = ${constantText}]`) as Comparison;
  if (comparison.operator !== '=') throw new Error('expected =');
  return comparison.value;
}

function errorOf(pattern: string): string {
  const result = parsePattern(pattern);
  if (result.ok) throw new Error(`expected an invalid pattern: ${pattern}`);
  return formatPatternIssue(result.errors[0] ?? { line: 0, column: 0, message: '' });
}

const path = (objectType: string, ...names: (string | number | '*')[]) => ({
  objectType,
  steps: names.map((name) =>
    typeof name === 'number' ? { kind: 'index', index: name } : name === '*' ? { kind: 'any-index' } : { kind: 'property', name },
  ),
});

const eq = (objectType: string, property: string, value: Constant) => ({
  kind: 'comparison',
  operator: '=',
  negated: false,
  path: path(objectType, property),
  value,
});
const str = (value: string) => ({ kind: 'string', value }) as Constant;
const int = (text: string) => ({ kind: 'integer', value: Number(text), text }) as Constant;
const observe = (comparison: unknown, qualifiers: unknown[] = []) => ({ kind: 'observation', comparison, qualifiers });

describe('parsePattern: observation expressions', () => {
  it('parses a single observation', () => {
    expect(parse(`[file:name = 'a']`)).toEqual({
      kind: 'pattern',
      expression: {
        kind: 'observation',
        comparison: {
          kind: 'comparison',
          operator: '=',
          negated: false,
          path: { objectType: 'file', steps: [{ kind: 'property', name: 'name' }], offset: 1 },
          value: { kind: 'string', value: 'a', offset: 13 },
          offset: 1,
        },
        qualifiers: [],
        offset: 0,
      },
    });
  });

  it('flattens a chain of one operator into one node', () => {
    expect(expression(`[a:b = 1] AND [c:d = 2] AND [e:f = 3]`)).toEqual({
      kind: 'observation-operation',
      operator: 'AND',
      operands: [observe(eq('a', 'b', int('1'))), observe(eq('c', 'd', int('2'))), observe(eq('e', 'f', int('3')))],
    });
  });

  it('binds AND tighter than OR, and OR tighter than FOLLOWEDBY', () => {
    const a = observe(eq('a', 'b', int('1')));
    const b = observe(eq('a', 'b', int('2')));
    const c = observe(eq('a', 'b', int('3')));
    const d = observe(eq('a', 'b', int('4')));
    expect(expression(`[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3] AND [a:b = 4]`)).toEqual({
      kind: 'observation-operation',
      operator: 'FOLLOWEDBY',
      operands: [
        a,
        {
          kind: 'observation-operation',
          operator: 'OR',
          operands: [b, { kind: 'observation-operation', operator: 'AND', operands: [c, d] }],
        },
      ],
    });
    expect(expression(`[a:b = 1] AND [a:b = 2] OR [a:b = 3] FOLLOWEDBY [a:b = 4]`)).toEqual({
      kind: 'observation-operation',
      operator: 'FOLLOWEDBY',
      operands: [
        {
          kind: 'observation-operation',
          operator: 'OR',
          operands: [{ kind: 'observation-operation', operator: 'AND', operands: [a, b] }, c],
        },
        d,
      ],
    });
  });

  it('keeps parentheses as group nodes', () => {
    const a = observe(eq('a', 'b', int('1')));
    const b = observe(eq('a', 'b', int('2')));
    const c = observe(eq('a', 'b', int('3')));
    expect(expression(`([a:b = 1] OR [a:b = 2]) AND [a:b = 3]`)).toEqual({
      kind: 'observation-operation',
      operator: 'AND',
      operands: [
        {
          kind: 'observation-group',
          expression: { kind: 'observation-operation', operator: 'OR', operands: [a, b] },
          qualifiers: [],
        },
        c,
      ],
    });
  });

  it('applies a qualifier to the nearest observation or group only', () => {
    const within = { kind: 'within', seconds: { kind: 'integer', value: 5, text: '5' } };
    expect(expression(`[a:b = 1] AND [a:b = 2] WITHIN 5 SECONDS`)).toEqual({
      kind: 'observation-operation',
      operator: 'AND',
      operands: [observe(eq('a', 'b', int('1'))), observe(eq('a', 'b', int('2')), [within])],
    });
    expect(expression(`([a:b = 1] AND [a:b = 2]) WITHIN 5 SECONDS`)).toMatchObject({
      kind: 'observation-group',
      qualifiers: [within],
    });
  });

  it('parses each qualifier kind', () => {
    const [within, repeats, startStop] = (
      expression(`[a:b = 1] WITHIN 2.5 SECONDS REPEATS +3 TIMES START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00.5Z'`) as {
        qualifiers: unknown[];
      }
    ).qualifiers;
    expect(within).toEqual({ kind: 'within', seconds: { kind: 'float', value: 2.5, text: '2.5' } });
    expect(repeats).toEqual({ kind: 'repeats', times: { kind: 'integer', value: 3, text: '+3' } });
    expect(startStop).toEqual({
      kind: 'start-stop',
      start: { kind: 'timestamp', value: '2016-01-01T00:00:00Z' },
      stop: { kind: 'timestamp', value: '2016-01-02T00:00:00.5Z' },
    });
  });

  it('keeps nested qualified groups apart', () => {
    expect(expression(`([a:b = 1] WITHIN 5 SECONDS) WITHIN 9 SECONDS`)).toMatchObject({
      kind: 'observation-group',
      expression: { kind: 'observation', qualifiers: [{ kind: 'within', seconds: { value: 5 } }] },
      qualifiers: [{ kind: 'within', seconds: { value: 9 } }],
    });
  });
});

describe('parsePattern: comparison expressions', () => {
  it('binds AND tighter than OR inside brackets', () => {
    expect(comparisonOf(`[a:b = 1 OR a:c = 2 AND a:d = 3]`)).toEqual({
      kind: 'comparison-operation',
      operator: 'OR',
      operands: [
        eq('a', 'b', int('1')),
        { kind: 'comparison-operation', operator: 'AND', operands: [eq('a', 'c', int('2')), eq('a', 'd', int('3'))] },
      ],
    });
  });

  it('keeps parentheses as group nodes', () => {
    expect(comparisonOf(`[(a:b = 1 OR a:c = 2) AND a:d = 3]`)).toEqual({
      kind: 'comparison-operation',
      operator: 'AND',
      operands: [
        {
          kind: 'comparison-group',
          expression: { kind: 'comparison-operation', operator: 'OR', operands: [eq('a', 'b', int('1')), eq('a', 'c', int('2'))] },
        },
        eq('a', 'd', int('3')),
      ],
    });
  });

  it.each([
    ['=', '=', false],
    ['==', '=', false],
    ['!=', '!=', false],
    ['<>', '!=', false],
    ['NOT =', '=', true],
    ['NOT <>', '!=', true],
    ['<', '<', false],
    ['<=', '<=', false],
    ['>', '>', false],
    ['>=', '>=', false],
    ['NOT >=', '>=', true],
  ])('reads operator %s as %s (negated: %s)', (written, operator, negated) => {
    expect(comparisonOf(`[a:b ${written} 1]`)).toEqual({
      kind: 'comparison',
      operator,
      negated,
      path: path('a', 'b'),
      value: int('1'),
    });
  });

  it.each(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'])('reads %s with a string and an optional NOT', (operator) => {
    expect(comparisonOf(`[a:b ${operator} 'x']`)).toEqual({
      kind: 'comparison',
      operator,
      negated: false,
      path: path('a', 'b'),
      value: str('x'),
    });
    expect(comparisonOf(`[a:b NOT ${operator} 'x']`)).toMatchObject({ operator, negated: true });
  });

  it('reads IN sets, including the empty set', () => {
    expect(comparisonOf(`[a:b IN ('x', 2, true)]`)).toEqual({
      kind: 'comparison',
      operator: 'IN',
      negated: false,
      path: path('a', 'b'),
      values: [str('x'), int('2'), { kind: 'boolean', value: true }],
    });
    expect(comparisonOf(`[a:b NOT IN ()]`)).toMatchObject({ operator: 'IN', negated: true, values: [] });
  });

  it('reads EXISTS', () => {
    expect(comparisonOf(`[EXISTS a:b.c]`)).toEqual({
      kind: 'comparison',
      operator: 'EXISTS',
      negated: false,
      path: path('a', 'b', 'c'),
    });
  });
});

describe('parsePattern: object paths', () => {
  it('reads property steps, quoted keys and list indices', () => {
    expect((comparisonOf(`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`) as Comparison).path).toEqual(
      path('file', 'extensions', 'windows-pebinary-ext', 'sections', '*', 'entropy'),
    );
    expect((comparisonOf(`[x-t:a[0][+1][-2][-0].'b c' = 1]`) as Comparison).path).toEqual(path('x-t', 'a', 0, 1, -2, 0, 'b c'));
    expect((comparisonOf(`[file:'name' = 1]`) as Comparison).path).toEqual(path('file', 'name'));
    expect((comparisonOf(r`[file:'it\'s'.'AND' = 1]`) as Comparison).path).toEqual(path('file', "it's", 'AND'));
  });

  it('accepts object types with hyphens but not property names', () => {
    expect((comparisonOf(`[x-my-type:prop = 1]`) as Comparison).path.objectType).toBe('x-my-type');
    expect(errorOf(`[file:my-prop = 1]`)).toBe(`line 1, column 7: property name 'my-prop' contains '-', so it must be quoted: 'my-prop'`);
  });
});

describe('parsePattern: constants', () => {
  it('reads strings with escapes resolved', () => {
    expect(valueOf(r`'it\'s a \\ path'`)).toEqual(str(r`it's a \ path`));
    expect(valueOf(`''`)).toEqual(str(''));
  });

  it('reads integers and floats, keeping the text as written', () => {
    expect(valueOf('-42')).toEqual({ kind: 'integer', value: -42, text: '-42' });
    expect(valueOf('+7')).toEqual({ kind: 'integer', value: 7, text: '+7' });
    expect(valueOf('12345678901234567890')).toEqual({ kind: 'integer', value: Number('12345678901234567890'), text: '12345678901234567890' });
    expect(valueOf('-.25')).toEqual({ kind: 'float', value: -0.25, text: '-.25' });
  });

  it('reads hex, binary, boolean and timestamp constants', () => {
    expect(valueOf(`h'00ff'`)).toEqual({ kind: 'hex', value: '00ff' });
    expect(valueOf(`b'QUJD'`)).toEqual({ kind: 'binary', value: 'QUJD' });
    expect(valueOf('true')).toEqual({ kind: 'boolean', value: true });
    expect(valueOf('false')).toEqual({ kind: 'boolean', value: false });
    expect(valueOf(`t'2016-06-01T01:30:00.123Z'`)).toEqual({ kind: 'timestamp', value: '2016-06-01T01:30:00.123Z' });
  });
});

describe('parsePattern: syntax errors', () => {
  it.each([
    [`file:size = 1280`, `line 1, column 1: expected '[' or '(' to start an observation expression but found 'file'`],
    [`[file:size = ]`, `line 1, column 14: expected a constant after '=' but found ']'`],
    [`[file:name = 'x' AND file:size]`, `line 1, column 31: expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) but found ']'`],
    [`[file:name = 'x' 'AND']`, `line 1, column 18: expected ']' but found ''AND''`],
    [`[foo:bar=1] within 2 seconds`, `line 1, column 13: expected end of pattern but found 'within' (keywords are case-sensitive: write 'WITHIN')`],
    [`[a:b = TRUE]`, `line 1, column 8: expected a constant after '=' but found 'TRUE' (booleans are lower case: write 'true')`],
    [`[a:b = 1] WITHIN 5 HOURS`, `line 1, column 20: expected SECONDS but found 'HOURS'`],
    [`[a:b = 1] REPEATS 2`, `line 1, column 20: expected TIMES but found end of pattern`],
    [`[a:b > true]`, `line 1, column 8: booleans cannot be ordered: expected a number, string, timestamp, hex or binary constant after '>' but found 'true'`],
    [`[a:b LIKE 5]`, `line 1, column 11: expected a string constant after LIKE but found '5'`],
    [`[a:b IN ('x' 'y')]`, `line 1, column 14: expected ',' or ')' in the IN set but found ''y''`],
    [`[NOT a:b = 1]`, `line 1, column 2: expected an object path, '(' or EXISTS (NOT goes just before the operator, as in file:name NOT = 'x') but found 'NOT'`],
    [`[a:b NOT EXISTS]`, `line 1, column 10: expected a comparison operator after NOT (the grammar has no NOT EXISTS) but found 'EXISTS'`],
    [`[a:AND = 1]`, `line 1, column 4: property name 'AND' is a keyword, so it must be quoted: 'AND'`],
    [`[a:b = 1] START '2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z'`, `line 1, column 17: expected a timestamp t'...' after START but found ''2016-01-01T00:00:00Z''`],
    [r`[a:b = 'x\n']`, r`line 1, column 10: invalid escape in string literal: backslash followed by 'n' (only \' and \\ are allowed)`],
    [`[a:b = h'abc']`, `line 1, column 8: invalid hex literal: 3 hex digits, an even number is required`],
  ])('%s', (pattern, message) => {
    expect(errorOf(pattern)).toBe(message);
  });

  it('reports lines and columns in multi-line patterns', () => {
    const result = parsePattern(`[file:name = 'a']\nAND\n  [file:size = ]`);
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 3, column: 16, message: `expected a constant after '=' but found ']'` }],
    });
  });

  it('shortens long offending tokens', () => {
    expect(errorOf(`[a:b = 1 '${'x'.repeat(100)}']`)).toMatch(/but found ''x{39}\.\.\.'$/);
  });

  it('refuses nesting deeper than the limit instead of exhausting the stack', () => {
    const depth = MAX_NESTING_DEPTH;
    expect(parsePattern(`${'('.repeat(depth)}[a:b = 1]${')'.repeat(depth)}`).ok).toBe(true);
    expect(parsePattern(`[${'('.repeat(depth)}a:b = 1${')'.repeat(depth)}]`).ok).toBe(true);
    expect(errorOf(`${'('.repeat(depth + 1)}[a:b = 1]${')'.repeat(depth + 1)}`)).toBe(
      `line 1, column ${depth + 1}: parentheses are nested more than ${depth} levels deep but found '('`,
    );
    expect(parsePattern('('.repeat(100_000)).ok).toBe(false);
  });

  it('handles very long flat chains', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `[x-t:n = ${i}]`).join(' AND ');
    const result = parsePattern(chain);
    expect(result.ok && result.ast.expression.kind === 'observation-operation' && result.ast.expression.operands.length).toBe(20_000);
  });

  it('returns an error result for non-string input instead of throwing', () => {
    expect(parsePattern(undefined as unknown as string)).toEqual({
      ok: false,
      errors: [{ line: 1, column: 1, message: 'a pattern must be a string' }],
    });
  });
});
