// Recursive-descent parser for the parser rules of STIXPattern.g4 (STIX 2.1).
//
// The grammar's left-recursive rules become loops, one function per precedence level:
//   observation level:  FOLLOWEDBY  <  OR  <  AND  <  qualifiers  <  [ ... ] / ( ... )
//   comparison level:   OR  <  AND  <  comparison / ( ... )
// The grammar is LL(1) once left recursion is removed, so one token of lookahead
// decides every step and the first token that cannot continue a valid pattern is
// the one reported.
//
// Syntax only: semantic rules (repeated qualifiers, hash lengths, calendar dates...)
// live in semantics.ts.

import type {
  Comparison,
  ComparisonExpression,
  ComparisonOperator,
  Constant,
  FloatConstant,
  IntegerConstant,
  ObjectPath,
  ObservationExpression,
  ObservationOperator,
  OrderableConstant,
  PathStep,
  Pattern,
  Qualifier,
  StringConstant,
  TimestampConstant,
} from './ast';
import { isReservedWord, Lexer, TokenKind } from './lexer';
import type { OffsetIssue } from './issues';

/**
 * Parentheses deeper than this are refused so that no input can exhaust the call
 * stack. Real patterns nest a handful of levels at most.
 */
export const MAX_NESTING_DEPTH = 200;

/** Thrown inside the parser at the first syntax error; never escapes parseSyntax. */
class PatternSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export type SyntaxResult = { ok: true; ast: Pattern } | { ok: false; error: OffsetIssue };

/** Parses `source` against the grammar; reports the first syntax error. */
export function parseSyntax(source: string): SyntaxResult {
  try {
    return { ok: true, ast: new Parser(source).parsePattern() };
  } catch (error) {
    if (error instanceof PatternSyntaxError) {
      return { ok: false, error: { offset: error.offset, message: error.message } };
    }
    throw error;
  }
}

const EQUALITY_OPERATORS: Partial<Record<TokenKind, '=' | '!='>> = {
  [TokenKind.Equal]: '=',
  [TokenKind.NotEqual]: '!=',
};

const ORDERING_OPERATORS: Partial<Record<TokenKind, '<' | '<=' | '>' | '>='>> = {
  [TokenKind.Less]: '<',
  [TokenKind.LessOrEqual]: '<=',
  [TokenKind.Greater]: '>',
  [TokenKind.GreaterOrEqual]: '>=',
};

const STRING_MATCH_OPERATORS: Partial<Record<TokenKind, 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET'>> = {
  [TokenKind.Like]: 'LIKE',
  [TokenKind.Matches]: 'MATCHES',
  [TokenKind.IsSubset]: 'ISSUBSET',
  [TokenKind.IsSuperset]: 'ISSUPERSET',
};

const FOUND_TEXT_LIMIT = 40;

class Parser {
  private readonly lexer: Lexer;
  private token: TokenKind = TokenKind.EndOfInput;
  private nesting = 0;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
  }

  parsePattern(): Pattern {
    this.advance();
    const expression = this.parseFollowedBy();
    if (!this.at(TokenKind.EndOfInput)) this.fail('expected end of pattern');
    return { kind: 'pattern', expression };
  }

  // -------------------------------------------------------------------------
  // Observation level

  private parseFollowedBy(): ObservationExpression {
    return this.parseObservationChain('FOLLOWEDBY', TokenKind.FollowedBy, () => this.parseObservationOr());
  }

  private parseObservationOr(): ObservationExpression {
    return this.parseObservationChain('OR', TokenKind.Or, () => this.parseObservationAnd());
  }

  private parseObservationAnd(): ObservationExpression {
    return this.parseObservationChain('AND', TokenKind.And, () => this.parseQualifiedObservation());
  }

  private parseObservationChain(
    operator: ObservationOperator,
    operatorToken: TokenKind,
    parseOperand: () => ObservationExpression,
  ): ObservationExpression {
    const first = parseOperand();
    if (!this.at(operatorToken)) return first;
    const operands = [first];
    while (this.at(operatorToken)) {
      this.advance();
      operands.push(parseOperand());
    }
    return { kind: 'observation-operation', operator, operands, offset: first.offset };
  }

  private parseQualifiedObservation(): ObservationExpression {
    const offset = this.lexer.start;
    let node: ObservationExpression;
    if (this.at(TokenKind.LeftBracket)) {
      this.advance();
      const comparison = this.parseComparisonOr();
      this.expect(TokenKind.RightBracket, "expected ']'");
      node = { kind: 'observation', comparison, qualifiers: [], offset };
    } else if (this.at(TokenKind.LeftParen)) {
      this.enterParentheses();
      const expression = this.parseFollowedBy();
      this.expect(TokenKind.RightParen, "expected ')'");
      this.nesting--;
      node = { kind: 'observation-group', expression, qualifiers: [], offset };
    } else {
      return this.fail("expected '[' or '(' to start an observation expression");
    }
    while (this.at(TokenKind.Within) || this.at(TokenKind.Repeats) || this.at(TokenKind.Start)) {
      node.qualifiers.push(this.parseQualifier());
    }
    return node;
  }

  private parseQualifier(): Qualifier {
    const offset = this.lexer.start;
    if (this.at(TokenKind.Within)) {
      this.advance();
      if (!this.at(TokenKind.IntPos) && !this.at(TokenKind.FloatPos)) {
        this.fail('expected a positive number of seconds after WITHIN');
      }
      const seconds = this.numberConstant();
      this.expect(TokenKind.Seconds, 'expected SECONDS');
      return { kind: 'within', seconds, offset };
    }
    if (this.at(TokenKind.Repeats)) {
      this.advance();
      if (!this.at(TokenKind.IntPos)) this.fail('expected a positive whole number after REPEATS');
      const times = this.numberConstant() as IntegerConstant;
      this.expect(TokenKind.Times, 'expected TIMES');
      return { kind: 'repeats', times, offset };
    }
    this.advance(); // START
    const start = this.timestampConstant("expected a timestamp t'...' after START");
    this.expect(TokenKind.Stop, 'expected STOP');
    const stop = this.timestampConstant("expected a timestamp t'...' after STOP");
    return { kind: 'start-stop', start, stop, offset };
  }

  // -------------------------------------------------------------------------
  // Comparison level

  private parseComparisonOr(): ComparisonExpression {
    return this.parseComparisonChain('OR', TokenKind.Or, () => this.parseComparisonAnd());
  }

  private parseComparisonAnd(): ComparisonExpression {
    return this.parseComparisonChain('AND', TokenKind.And, () => this.parseComparisonTerm());
  }

  private parseComparisonChain(
    operator: ComparisonOperator,
    operatorToken: TokenKind,
    parseOperand: () => ComparisonExpression,
  ): ComparisonExpression {
    const first = parseOperand();
    if (!this.at(operatorToken)) return first;
    const operands = [first];
    while (this.at(operatorToken)) {
      this.advance();
      operands.push(parseOperand());
    }
    return { kind: 'comparison-operation', operator, operands, offset: first.offset };
  }

  private parseComparisonTerm(): ComparisonExpression {
    const offset = this.lexer.start;
    if (this.at(TokenKind.LeftParen)) {
      this.enterParentheses();
      const expression = this.parseComparisonOr();
      this.expect(TokenKind.RightParen, "expected ')'");
      this.nesting--;
      return { kind: 'comparison-group', expression, offset };
    }
    if (this.at(TokenKind.Exists)) {
      this.advance();
      const path = this.parseObjectPath('after EXISTS');
      return { kind: 'comparison', operator: 'EXISTS', negated: false, path, offset };
    }
    if (this.at(TokenKind.Not)) {
      this.fail("expected an object path, '(' or EXISTS (NOT goes just before the operator, as in file:name NOT = 'x')");
    }
    const path = this.parseObjectPath('');
    return this.parseComparisonRest(path, offset);
  }

  private parseComparisonRest(path: ObjectPath, offset: number): Comparison {
    const negated = this.at(TokenKind.Not);
    if (negated) this.advance();
    const operatorText = this.currentText();
    const equality = EQUALITY_OPERATORS[this.token];
    if (equality) {
      this.advance();
      const value = this.parseConstant(`after '${operatorText}'`, false);
      return { kind: 'comparison', operator: equality, negated, path, value, offset };
    }
    const ordering = ORDERING_OPERATORS[this.token];
    if (ordering) {
      this.advance();
      const value = this.parseConstant(`after '${operatorText}'`, true) as OrderableConstant;
      return { kind: 'comparison', operator: ordering, negated, path, value, offset };
    }
    const stringMatch = STRING_MATCH_OPERATORS[this.token];
    if (stringMatch) {
      this.advance();
      if (!this.at(TokenKind.String)) this.fail(`expected a string constant after ${stringMatch}`);
      const value = this.stringConstant();
      return { kind: 'comparison', operator: stringMatch, negated, path, value, offset };
    }
    if (this.at(TokenKind.In)) {
      this.advance();
      const values = this.parseSet();
      return { kind: 'comparison', operator: 'IN', negated, path, values, offset };
    }
    if (negated) {
      return this.fail(
        this.at(TokenKind.Exists)
          ? 'expected a comparison operator after NOT (the grammar has no NOT EXISTS)'
          : 'expected a comparison operator after NOT',
      );
    }
    return this.fail('expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)');
  }

  private parseSet(): Constant[] {
    this.expect(TokenKind.LeftParen, "expected '(' after IN");
    const values: Constant[] = [];
    if (this.at(TokenKind.RightParen)) {
      this.advance();
      return values;
    }
    for (;;) {
      values.push(this.parseConstant('in the IN set', false));
      if (this.at(TokenKind.RightParen)) {
        this.advance();
        return values;
      }
      this.expect(TokenKind.Comma, "expected ',' or ')' in the IN set");
    }
  }

  // -------------------------------------------------------------------------
  // Object paths

  /** objectType ':' firstPathComponent ( '.' key | '[' index ']' )* */
  private parseObjectPath(where: string): ObjectPath {
    const offset = this.lexer.start;
    if (!this.at(TokenKind.Identifier) && !this.at(TokenKind.IdentifierWithHyphen)) {
      this.fail(where ? `expected an object path ${where}` : "expected an object path, '(' or EXISTS");
    }
    const objectType = this.lexer.value;
    this.advance();
    this.expect(TokenKind.Colon, `expected ':' after object type '${objectType}'`);
    const steps: PathStep[] = [{ kind: 'property', name: this.propertyName("after ':'") }];
    for (;;) {
      if (this.at(TokenKind.Dot)) {
        this.advance();
        steps.push({ kind: 'property', name: this.propertyName("after '.'") });
      } else if (this.at(TokenKind.LeftBracket)) {
        this.advance();
        if (this.at(TokenKind.IntPos) || this.at(TokenKind.IntNeg)) {
          // `+ 0` turns an index of -0 into 0.
          steps.push({ kind: 'index', index: Number(this.currentText()) + 0 });
        } else if (this.at(TokenKind.Asterisk)) {
          steps.push({ kind: 'any-index' });
        } else {
          this.fail("expected a list index or '*' inside '[ ]'");
        }
        this.advance();
        this.expect(TokenKind.RightBracket, "expected ']' after the list index");
      } else {
        return { objectType, steps, offset };
      }
    }
  }

  /** An unquoted property name (no '-') or a quoted one. Consumes it. */
  private propertyName(where: string): string {
    let name: string;
    if (this.at(TokenKind.Identifier) || this.at(TokenKind.String)) {
      name = this.lexer.value;
    } else if (this.at(TokenKind.IdentifierWithHyphen)) {
      const word = this.lexer.value;
      return this.failWith(`property name '${word}' contains '-', so it must be quoted: '${word}'`);
    } else if (!this.at(TokenKind.EndOfInput) && isReservedWord(this.currentText())) {
      const word = this.currentText();
      return this.failWith(`property name '${word}' is a keyword, so it must be quoted: '${word}'`);
    } else {
      return this.fail(`expected a property name ${where}`);
    }
    this.advance();
    return name;
  }

  // -------------------------------------------------------------------------
  // Constants

  private parseConstant(where: string, orderable: boolean): Constant {
    const offset = this.lexer.start;
    switch (this.token) {
      case TokenKind.String:
        return this.stringConstant();
      case TokenKind.IntPos:
      case TokenKind.IntNeg:
      case TokenKind.FloatPos:
      case TokenKind.FloatNeg:
        return this.numberConstant();
      case TokenKind.Timestamp:
        return this.timestampConstant('');
      case TokenKind.Hex: {
        const value = this.lexer.value;
        this.advance();
        return { kind: 'hex', value, offset };
      }
      case TokenKind.Binary: {
        const value = this.lexer.value;
        this.advance();
        return { kind: 'binary', value, offset };
      }
      case TokenKind.Bool: {
        if (orderable) return this.fail(`booleans cannot be ordered: expected a number, string, timestamp, hex or binary constant ${where}`);
        const value = this.lexer.value === 'true';
        this.advance();
        return { kind: 'boolean', value, offset };
      }
      default:
        return this.fail(`expected a constant ${where}`);
    }
  }

  private stringConstant(): StringConstant {
    const constant: StringConstant = { kind: 'string', value: this.lexer.value, offset: this.lexer.start };
    this.advance();
    return constant;
  }

  /** The current token must be an integer or float literal. */
  private numberConstant(): IntegerConstant | FloatConstant {
    const text = this.currentText();
    const offset = this.lexer.start;
    const isInteger = this.at(TokenKind.IntPos) || this.at(TokenKind.IntNeg);
    this.advance();
    return { kind: isInteger ? 'integer' : 'float', value: Number(text), text, offset };
  }

  private timestampConstant(expectation: string): TimestampConstant {
    if (!this.at(TokenKind.Timestamp)) this.fail(expectation);
    const constant: TimestampConstant = { kind: 'timestamp', value: this.lexer.value, offset: this.lexer.start };
    this.advance();
    return constant;
  }

  // -------------------------------------------------------------------------
  // Token helpers

  /** Whether the current token is of `kind` (a method, so TypeScript does not narrow `token` across advance()). */
  private at(kind: TokenKind): boolean {
    return this.token === kind;
  }

  private advance(): void {
    const kind = this.lexer.next();
    if (kind === TokenKind.Invalid) throw new PatternSyntaxError(this.lexer.start, this.lexer.error);
    this.token = kind;
  }

  private expect(kind: TokenKind, expectation: string): void {
    if (!this.at(kind)) this.fail(expectation);
    this.advance();
  }

  /** Consumes '(' and counts the nesting level, refusing absurd depths. */
  private enterParentheses(): void {
    if (++this.nesting > MAX_NESTING_DEPTH) {
      this.fail(`parentheses are nested more than ${MAX_NESTING_DEPTH} levels deep`);
    }
    this.advance();
  }

  private currentText(): string {
    return this.source.slice(this.lexer.start, this.lexer.end);
  }

  /** Throws the error "<expectation> but found <current token>" at the current token. */
  private fail(expectation: string): never {
    return this.failWith(`${expectation} but found ${this.describeFound()}`);
  }

  private failWith(message: string): never {
    throw new PatternSyntaxError(this.lexer.start, message);
  }

  private describeFound(): string {
    if (this.at(TokenKind.EndOfInput)) return 'end of pattern';
    const text = this.currentText();
    const shown = text.length > FOUND_TEXT_LIMIT ? `${text.slice(0, FOUND_TEXT_LIMIT)}...` : text;
    return `'${shown}'${this.caseHint(text)}`;
  }

  /** Keywords are case-sensitive; point out `within` meant as `WITHIN`, `TRUE` as `true`. */
  private caseHint(text: string): string {
    if (!this.at(TokenKind.Identifier)) return '';
    const upper = text.toUpperCase();
    if (upper !== text && isReservedWord(upper)) return ` (keywords are case-sensitive: write '${upper}')`;
    const lower = text.toLowerCase();
    if (lower !== text && (lower === 'true' || lower === 'false')) {
      return ` (booleans are lower case: write '${lower}')`;
    }
    return '';
  }
}
