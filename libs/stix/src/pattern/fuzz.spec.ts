// Property tests: no input makes the parser throw, and every tree the arbitrary below
// builds prints to a pattern that parses back to the same tree.

import fc from 'fast-check';
import type {
  Comparison,
  ComparisonExpression,
  Constant,
  ObjectPath,
  ObservationExpression,
  OrderableConstant,
  PathStep,
  Pattern,
  Qualifier,
  StringConstant,
} from './ast';
import { VALID_PATTERNS } from './corpus/valid-patterns';
import { parsePattern, printPattern, type PatternResult } from './index';
import { isReservedWord } from './lexer';

const RUNS = 1000;

function withoutOffsets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'offset' ? undefined : inner))) as T;
}

/** A result of the promised shape; errors located inside the input, and no internal error. */
function expectWellFormed(input: string, result: PatternResult): void {
  if (result.ok) {
    expect(result.ast.kind).toBe('pattern');
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  const lines = input.split('\n');
  for (const error of result.errors) {
    expect(error.message).not.toMatch(/^internal/);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines.length);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeLessThanOrEqual((lines[error.line - 1]?.length ?? 0) + 1);
  }
}

function checkNeverThrows(input: string): void {
  let result: PatternResult | undefined;
  expect(() => {
    result = parsePattern(input);
  }).not.toThrow();
  if (result) expectWellFormed(input, result);
}

// ---------------------------------------------------------------------------
// Inputs for the no-throw properties

const PATTERN_CHARS = [..."[]():.,*=!<>'\\/-+ \n\t_0123456789abhtzAZ", '\u00a0', '\u2028', '\ufeff', '😀'];

const TOKENS = [
  '[', ']', '(', ')', ':', '.', ',', '*', '=', '==', '!=', '<>', '<', '<=', '>', '>=',
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'EXISTS', 'IN', 'LAST',
  'WITHIN', 'SECONDS', 'REPEATS', 'TIMES', 'START', 'STOP', 'true', 'false',
  'file', 'ipv4-addr', 'name', 'hashes', "'SHA-256'", "'x'", "'it\\'s'", '5', '-5', '+5', '0', '1.5', '-.5',
  "h'ab'", "h'abc'", "b'QUJD'", "b'QQ='", "t'2016-01-01T00:00:00Z'", "t'2016-02-30T00:00:00Z'",
  '/* c */', '// c\n', "'", '\\', '-', '+', '/', '/*',
];

/** Random edits of a valid pattern: deletions, insertions, replacements, swaps. */
const mutatedPattern = fc
  .tuple(
    fc.constantFrom(...VALID_PATTERNS),
    fc.array(
      fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...TOKENS), fc.nat({ max: 12 })),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([pattern, edits]) => {
    let text = pattern;
    for (const [position, operation, token, length] of edits) {
      const at = position % (text.length + 1);
      if (operation === 0) text = text.slice(0, at) + text.slice(at + 1 + length);
      else if (operation === 1) text = text.slice(0, at) + token + text.slice(at);
      else if (operation === 2) text = text.slice(0, at) + token + text.slice(at + token.length);
      else text = text.slice(at) + text.slice(0, at);
    }
    return text;
  });

describe('parsePattern never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkNeverThrows), { numRuns: RUNS });
  });

  it('on random strings of pattern characters', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...PATTERN_CHARS), maxLength: 200 }), checkNeverThrows), {
      numRuns: RUNS,
    });
  });

  it('on random token sequences', () => {
    const tokenSoup = fc
      .tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.constantFrom(' ', ''))
      .map(([tokens, separator]) => tokens.join(separator));
    fc.assert(fc.property(tokenSoup, checkNeverThrows), { numRuns: RUNS });
  });

  it('on random mutations of valid patterns', () => {
    fc.assert(fc.property(mutatedPattern, checkNeverThrows), { numRuns: RUNS * 2 });
  });
});

// ---------------------------------------------------------------------------
// An arbitrary of syntactically and semantically valid pattern trees

const objectType = fc
  .oneof(
    fc.constantFrom('file', 'ipv4-addr', 'network-traffic', 'x-custom', 'process'),
    fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,12}$/),
  )
  .filter((name) => !isReservedWord(name));

/** Any text can be a (quoted) property name; 'hashes' is left out so hash checks never apply. */
const propertyName = fc
  .oneof(fc.constantFrom('name', 'value', 'size', 'SHA-256', 'AND', 'a b', "it's", '\\'), fc.string({ maxLength: 8 }))
  .filter((name) => name !== 'hashes');

const pathStep: fc.Arbitrary<PathStep> = fc.oneof(
  { weight: 3, arbitrary: propertyName.map((name): PathStep => ({ kind: 'property', name })) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((index): PathStep => ({ kind: 'index', index: index + 0 })) },
  { weight: 1, arbitrary: fc.constant<PathStep>({ kind: 'any-index' }) },
);

const objectPath: fc.Arbitrary<ObjectPath> = fc
  .tuple(objectType, propertyName, fc.array(pathStep, { maxLength: 3 }))
  .map(([type, first, rest]): ObjectPath => ({ objectType: type, steps: [{ kind: 'property', name: first }, ...rest], offset: 0 }))
  // An address's `value` must be compared with an address, which random constants are not.
  .filter((path) => !(ADDRESS_TYPES.has(path.objectType) && path.steps.length === 1 && path.steps[0]?.kind === 'property' && path.steps[0].name === 'value'));

const ADDRESS_TYPES: ReadonlySet<string> = new Set(['ipv4-addr', 'ipv6-addr', 'mac-addr']);

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

const integerText = fc
  .tuple(fc.constantFrom('', '+', '-'), fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 12)).map(([a, b]) => a + b)))
  .map(([sign, number]) => sign + number);

const floatText = fc
  .tuple(fc.constantFrom('', '+', '-'), digits(0, 4), digits(1, 4))
  .map(([sign, whole, fraction]) => `${sign}${whole}.${fraction}`);

const isoTimestamp = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .chain((date) =>
    fc.constantFrom(date.toISOString(), date.toISOString().replace(/\.\d+Z$/, 'Z'), date.toISOString().replace('Z', '123Z')),
  );

const stringConstant = fc.string({ maxLength: 12 }).map((value): StringConstant => ({ kind: 'string', value, offset: 0 }));

const orderableConstant: fc.Arbitrary<OrderableConstant> = fc.oneof(
  stringConstant,
  integerText.map((text): OrderableConstant => ({ kind: 'integer', value: Number(text), text, offset: 0 })),
  floatText.map((text): OrderableConstant => ({ kind: 'float', value: Number(text), text, offset: 0 })),
  fc
    .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { maxLength: 8 })
    .filter((hex) => hex.length % 2 === 0)
    .map((hex): OrderableConstant => ({ kind: 'hex', value: hex.join(''), offset: 0 })),
  fc
    .uint8Array({ minLength: 1, maxLength: 10 })
    .map((bytes): OrderableConstant => ({ kind: 'binary', value: Buffer.from(bytes).toString('base64'), offset: 0 })),
  isoTimestamp.map((value): OrderableConstant => ({ kind: 'timestamp', value, offset: 0 })),
);

const constant: fc.Arbitrary<Constant> = fc.oneof(
  { weight: 5, arbitrary: orderableConstant },
  { weight: 1, arbitrary: fc.boolean().map((value): Constant => ({ kind: 'boolean', value, offset: 0 })) },
);

const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc
    .tuple(objectPath, fc.constantFrom('=' as const, '!=' as const), fc.boolean(), constant)
    .map(([path, operator, negated, value]): Comparison => ({ kind: 'comparison', operator, negated, path, value, offset: 0 })),
  fc
    .tuple(objectPath, fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const), fc.boolean(), orderableConstant)
    .map(([path, operator, negated, value]): Comparison => ({ kind: 'comparison', operator, negated, path, value, offset: 0 })),
  fc
    .tuple(objectPath, fc.constantFrom('LIKE' as const, 'MATCHES' as const, 'ISSUBSET' as const, 'ISSUPERSET' as const), fc.boolean(), stringConstant)
    .map(([path, operator, negated, value]): Comparison => ({ kind: 'comparison', operator, negated, path, value, offset: 0 })),
  fc
    .tuple(objectPath, fc.boolean(), fc.array(constant, { maxLength: 3 }))
    .map(([path, negated, values]): Comparison => ({ kind: 'comparison', operator: 'IN', negated, path, values, offset: 0 })),
  objectPath.map((path): Comparison => ({ kind: 'comparison', operator: 'EXISTS', negated: false, path, offset: 0 })),
);

const qualifiers: fc.Arbitrary<Qualifier[]> = fc
  .tuple(
    fc.option(
      fc.oneof(integerText.filter((text) => !text.startsWith('-') && Number(text) > 0), floatText.filter((text) => !text.startsWith('-') && Number(text) > 0)),
    ),
    fc.option(integerText.filter((text) => !text.startsWith('-') && Number(text) > 0)),
    fc.option(fc.tuple(isoTimestamp, isoTimestamp).filter(([a, b]) => Date.parse(a) < Date.parse(b))),
    fc.nat(),
  )
  .map(([within, repeats, startStop, order]) => {
    const list: Qualifier[] = [];
    if (within !== null) {
      const kind = within.includes('.') ? 'float' : 'integer';
      list.push({ kind: 'within', seconds: { kind, value: Number(within), text: within, offset: 0 }, offset: 0 });
    }
    if (repeats !== null) list.push({ kind: 'repeats', times: { kind: 'integer', value: Number(repeats), text: repeats, offset: 0 }, offset: 0 });
    if (startStop !== null) {
      const [start, stop] = startStop;
      list.push({ kind: 'start-stop', start: { kind: 'timestamp', value: start, offset: 0 }, stop: { kind: 'timestamp', value: stop, offset: 0 }, offset: 0 });
    }
    // Qualifier order is free; rotate to vary it.
    const shift = list.length === 0 ? 0 : order % list.length;
    return [...list.slice(shift), ...list.slice(0, shift)];
  });

const COMPARISON_PRECEDENCE = { OR: 1, AND: 2 };
const OBSERVATION_PRECEDENCE = { FOLLOWEDBY: 1, OR: 2, AND: 3 };

/**
 * Wraps operands that would re-associate without parentheses in group nodes, as the
 * parser would produce for the printed text (the printer adds exactly those parentheses).
 */
function canonicalComparison(expression: ComparisonExpression): ComparisonExpression {
  if (expression.kind === 'comparison') return expression;
  if (expression.kind === 'comparison-group') return { ...expression, expression: canonicalComparison(expression.expression) };
  const precedence = COMPARISON_PRECEDENCE[expression.operator];
  return {
    ...expression,
    operands: expression.operands.map((operand) => {
      const inner = canonicalComparison(operand);
      const needsGroup = inner.kind === 'comparison-operation' && COMPARISON_PRECEDENCE[inner.operator] <= precedence;
      return needsGroup ? { kind: 'comparison-group', expression: inner, offset: 0 } : inner;
    }),
  };
}

function canonicalObservation(expression: ObservationExpression): ObservationExpression {
  if (expression.kind === 'observation') return { ...expression, comparison: canonicalComparison(expression.comparison) };
  if (expression.kind === 'observation-group') return { ...expression, expression: canonicalObservation(expression.expression) };
  const precedence = OBSERVATION_PRECEDENCE[expression.operator];
  return {
    ...expression,
    operands: expression.operands.map((operand) => {
      const inner = canonicalObservation(operand);
      const needsGroup = inner.kind === 'observation-operation' && OBSERVATION_PRECEDENCE[inner.operator] <= precedence;
      return needsGroup ? { kind: 'observation-group', expression: inner, qualifiers: [], offset: 0 } : inner;
    }),
  };
}

const { observationExpression } = fc.letrec<{
  comparisonExpression: ComparisonExpression;
  observationExpression: ObservationExpression;
}>((tie) => ({
  comparisonExpression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    tie('comparisonExpression').map((inner): ComparisonExpression => ({ kind: 'comparison-group', expression: inner, offset: 0 })),
    fc
      .tuple(fc.constantFrom('AND' as const, 'OR' as const), fc.array(tie('comparisonExpression'), { minLength: 2, maxLength: 3 }))
      .map(([operator, operands]): ComparisonExpression => ({ kind: 'comparison-operation', operator, operands, offset: 0 })),
  ),
  observationExpression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(tie('comparisonExpression'), qualifiers)
      .map(([inner, quals]): ObservationExpression => ({ kind: 'observation', comparison: inner, qualifiers: quals, offset: 0 })),
    fc
      .tuple(tie('observationExpression'), qualifiers)
      .map(([inner, quals]): ObservationExpression => ({ kind: 'observation-group', expression: inner, qualifiers: quals, offset: 0 })),
    fc
      .tuple(
        fc.constantFrom('AND' as const, 'OR' as const, 'FOLLOWEDBY' as const),
        fc.array(tie('observationExpression'), { minLength: 2, maxLength: 3 }),
      )
      .map(([operator, operands]): ObservationExpression => ({ kind: 'observation-operation', operator, operands, offset: 0 })),
  ),
}));

const validPattern: fc.Arbitrary<Pattern> = observationExpression.map((expression) => ({
  kind: 'pattern',
  expression: canonicalObservation(expression),
}));

describe('printed trees', () => {
  it('always parse, and parse back to the same tree', () => {
    fc.assert(
      fc.property(validPattern, (ast) => {
        const printed = printPattern(ast);
        const result = parsePattern(printed);
        if (!result.ok) throw new Error(`${printed}\n${JSON.stringify(result.errors)}`);
        expect(withoutOffsets(result.ast)).toEqual(withoutOffsets(ast));
        expect(printPattern(result.ast)).toBe(printed);
      }),
      { numRuns: RUNS },
    );
  });

  it('survive being broken: never throw on mutations of printed trees', () => {
    fc.assert(
      fc.property(validPattern, fc.nat(), fc.constantFrom(...TOKENS), (ast, position, token) => {
        const printed = printPattern(ast);
        const at = position % (printed.length + 1);
        checkNeverThrows(printed.slice(0, at) + token + printed.slice(at));
        checkNeverThrows(printed.slice(0, at));
      }),
      { numRuns: RUNS },
    );
  });
});
