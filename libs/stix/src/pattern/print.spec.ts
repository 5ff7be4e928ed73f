import type { ComparisonExpression, ObservationExpression, Pattern } from './ast';
import { VALID_PATTERNS } from './corpus/valid-patterns';
import { parsePattern, printObjectPath, printPattern } from './index';

const r = String.raw;

function withoutOffsets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'offset' ? undefined : inner))) as T;
}

function parse(pattern: string): Pattern {
  const result = parsePattern(pattern);
  if (!result.ok) throw new Error(`invalid pattern ${pattern}: ${JSON.stringify(result.errors)}`);
  return result.ast;
}

const reprint = (pattern: string) => printPattern(parse(pattern));

describe('printPattern', () => {
  it.each(VALID_PATTERNS.map((pattern) => [pattern]))('round-trips %s', (pattern) => {
    const ast = parse(pattern);
    const printed = printPattern(ast);
    expect(withoutOffsets(parse(printed))).toEqual(withoutOffsets(ast));
    expect(printPattern(parse(printed))).toBe(printed);
  });

  it('prints one canonical layout', () => {
    expect(reprint(`[file:size==1 AND file:size<>2]`)).toBe(`[file:size = 1 AND file:size != 2]`);
    expect(reprint(`/* c */ ( [ a-b : c [ * ] . d NOT IN ( 1 , 'x' ) ] )WITHIN 5SECONDS`)).toBe(
      `([a-b:c[*].d NOT IN (1, 'x')]) WITHIN 5 SECONDS`,
    );
    expect(reprint(`[a:b = +5] REPEATS +2 TIMES`)).toBe(`[a:b = +5] REPEATS +2 TIMES`);
    expect(reprint(`[EXISTS a:b]`)).toBe(`[EXISTS a:b]`);
  });

  it('quotes property names only where the grammar needs it', () => {
    expect(reprint(`[file:'name'.'SHA-256'.'AND'.'a b'.'true'.'_ok'.'9x' = 1]`)).toBe(
      `[file:name.'SHA-256'.'AND'.'a b'.'true'._ok.'9x' = 1]`,
    );
  });

  it('escapes quotes and backslashes in strings', () => {
    expect(reprint(r`[a:b = 'it\'s \\ here']`)).toBe(r`[a:b = 'it\'s \\ here']`);
    expect(reprint(r`[a:'\'' = '\\']`)).toBe(r`[a:'\'' = '\\']`);
  });

  it('adds the parentheses a hand-built tree needs', () => {
    const observation = (value: number): ObservationExpression => ({
      kind: 'observation',
      qualifiers: [],
      offset: 0,
      comparison: {
        kind: 'comparison',
        operator: '=',
        negated: false,
        path: { objectType: 'a', steps: [{ kind: 'property', name: 'b' }], offset: 0 },
        value: { kind: 'integer', value, text: String(value), offset: 0 },
        offset: 0,
      },
    });
    const or: ObservationExpression = {
      kind: 'observation-operation',
      operator: 'OR',
      operands: [observation(1), observation(2)],
      offset: 0,
    };
    const and: ObservationExpression = { kind: 'observation-operation', operator: 'AND', operands: [or, observation(3)], offset: 0 };
    expect(printPattern({ kind: 'pattern', expression: and })).toBe(`([a:b = 1] OR [a:b = 2]) AND [a:b = 3]`);
    const nestedAnd: ObservationExpression = { kind: 'observation-operation', operator: 'AND', operands: [observation(0), and], offset: 0 };
    expect(printPattern({ kind: 'pattern', expression: nestedAnd })).toBe(`[a:b = 0] AND (([a:b = 1] OR [a:b = 2]) AND [a:b = 3])`);

    const comparison = (parse(`[a:b = 1 OR a:b = 2]`).expression as { comparison: ComparisonExpression }).comparison;
    const andOfOr: ComparisonExpression = { kind: 'comparison-operation', operator: 'AND', operands: [comparison, comparison], offset: 0 };
    expect(printPattern({ kind: 'pattern', expression: { ...observation(0), comparison: andOfOr } as ObservationExpression })).toBe(
      `[(a:b = 1 OR a:b = 2) AND (a:b = 1 OR a:b = 2)]`,
    );
  });

  it('refuses to print an object type the grammar cannot express', () => {
    expect(() => printObjectPath({ objectType: 'has space', steps: [{ kind: 'property', name: 'x' }], offset: 0 })).toThrow(
      `cannot print object type 'has space'`,
    );
    expect(() => printObjectPath({ objectType: 'AND', steps: [{ kind: 'property', name: 'x' }], offset: 0 })).toThrow();
  });
});
