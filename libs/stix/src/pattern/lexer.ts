// Hand-written lexer for STIX 2.1 patterns, following the lexer rules of STIXPattern.g4.
//
// It works on UTF-16 char codes with no regular expressions, because pattern validation
// sits on the hot path of indicator ingestion. It mirrors the ANTLR lexer's behaviour:
// longest match wins, keywords win over identifiers of the same length, whitespace and
// comments are skipped.
//
// Where the ANTLR lexer would fall back to shorter tokens that no parser rule can use
// (a stray quote, a lone `+`, `h` followed by an odd-length hex string, ...) the
// pattern is invalid either way, so this lexer stops with a precise reason instead.

export enum TokenKind {
  EndOfInput,
  IntPos,
  IntNeg,
  FloatPos,
  FloatNeg,
  String,
  Hex,
  Binary,
  Bool,
  Timestamp,
  And,
  Or,
  Not,
  FollowedBy,
  Like,
  Matches,
  IsSuperset,
  IsSubset,
  Exists,
  /** Reserved by the grammar but used by no rule: it can never appear in a valid pattern. */
  Last,
  In,
  Start,
  Stop,
  Seconds,
  Within,
  Repeats,
  Times,
  /** [a-zA-Z_][a-zA-Z0-9_]* that is not a keyword. */
  Identifier,
  /** [a-zA-Z_][a-zA-Z0-9_-]* containing at least one '-': allowed as object type only. */
  IdentifierWithHyphen,
  Equal,
  NotEqual,
  Less,
  LessOrEqual,
  Greater,
  GreaterOrEqual,
  Colon,
  Dot,
  Comma,
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  Asterisk,
  /** Lexical error; `Lexer.error` says why. */
  Invalid,
}

// Keywords are case-sensitive in STIX 2.1 (`and` is an identifier, `TRUE` too).
const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map([
  ['AND', TokenKind.And],
  ['OR', TokenKind.Or],
  ['NOT', TokenKind.Not],
  ['FOLLOWEDBY', TokenKind.FollowedBy],
  ['LIKE', TokenKind.Like],
  ['MATCHES', TokenKind.Matches],
  ['ISSUPERSET', TokenKind.IsSuperset],
  ['ISSUBSET', TokenKind.IsSubset],
  ['EXISTS', TokenKind.Exists],
  ['LAST', TokenKind.Last],
  ['IN', TokenKind.In],
  ['START', TokenKind.Start],
  ['STOP', TokenKind.Stop],
  ['SECONDS', TokenKind.Seconds],
  ['WITHIN', TokenKind.Within],
  ['REPEATS', TokenKind.Repeats],
  ['TIMES', TokenKind.Times],
  ['true', TokenKind.Bool],
  ['false', TokenKind.Bool],
]);

/** Words the lexer never returns as identifiers (so they cannot be unquoted property names). */
export function isReservedWord(word: string): boolean {
  return KEYWORDS.has(word);
}

// Char codes used below.
const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT_0 = 48;
const DIGIT_1 = 49;
const DIGIT_2 = 50;
const DIGIT_3 = 51;
const DIGIT_5 = 53;
const DIGIT_6 = 54;
const DIGIT_9 = 57;
const COLON = 58;
const LESS = 60;
const EQUALS = 61;
const GREATER = 62;
const UPPER_A = 65;
const UPPER_F = 70;
const UPPER_T = 84;
const UPPER_Z = 90;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LOWER_A = 97;
const LOWER_B = 98;
const LOWER_F = 102;
const LOWER_H = 104;
const LOWER_T = 116;
const LOWER_Z = 122;

/** The grammar's WS rule: ASCII whitespace plus the Unicode space separators it lists. */
export function isPatternWhitespace(c: number): boolean {
  if (c <= SPACE) return c === SPACE || c === TAB || c === LF || c === CR || c === VT || c === FF;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHexDigit(c: number): boolean {
  return (c >= DIGIT_0 && c <= DIGIT_9) || (c >= LOWER_A && c <= LOWER_F) || (c >= UPPER_A && c <= UPPER_F);
}

function isBase64Char(c: number): boolean {
  return (
    (c >= UPPER_A && c <= UPPER_Z) ||
    (c >= LOWER_A && c <= LOWER_Z) ||
    (c >= DIGIT_0 && c <= DIGIT_9) ||
    c === PLUS ||
    c === SLASH
  );
}

function isIdentifierStart(c: number): boolean {
  return (c >= LOWER_A && c <= LOWER_Z) || (c >= UPPER_A && c <= UPPER_Z) || c === UNDERSCORE;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= DIGIT_0 && c <= DIGIT_9);
}

/** Readable form of the character at `index` for error messages. */
export function describeCharAt(source: string, index: number): string {
  const code = source.codePointAt(index) ?? 0;
  if (code > 32 && code < 127) return `'${String.fromCharCode(code)}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Produces one token per `next()` call. The current token is described by the public
 * fields, which avoids allocating a token object per token.
 */
export class Lexer {
  /** Kind of the current token. */
  kind: TokenKind = TokenKind.EndOfInput;
  /** Offset of the current token's first char. */
  start = 0;
  /** Offset just past the current token. */
  end = 0;
  /**
   * Identifier: the name. String: the unescaped text. Hex, binary, timestamp: the text
   * between the quotes. Other kinds: empty.
   */
  value = '';
  /** Why the current token is `Invalid`. */
  error = '';

  private pos = 0;

  constructor(private readonly source: string) {}

  /** Advances to the next token and returns its kind. */
  next(): TokenKind {
    this.value = '';
    if (!this.skipWhitespaceAndComments()) return this.kind;
    const src = this.source;
    const start = this.pos;
    this.start = start;
    if (start >= src.length) return this.finish(TokenKind.EndOfInput, start);
    const c = src.charCodeAt(start);
    const c1 = start + 1 < src.length ? src.charCodeAt(start + 1) : -1;
    switch (c) {
      case LBRACKET:
        return this.finish(TokenKind.LeftBracket, start + 1);
      case RBRACKET:
        return this.finish(TokenKind.RightBracket, start + 1);
      case LPAREN:
        return this.finish(TokenKind.LeftParen, start + 1);
      case RPAREN:
        return this.finish(TokenKind.RightParen, start + 1);
      case COLON:
        return this.finish(TokenKind.Colon, start + 1);
      case COMMA:
        return this.finish(TokenKind.Comma, start + 1);
      case STAR:
        return this.finish(TokenKind.Asterisk, start + 1);
      case EQUALS:
        return this.finish(TokenKind.Equal, c1 === EQUALS ? start + 2 : start + 1);
      case BANG:
        if (c1 === EQUALS) return this.finish(TokenKind.NotEqual, start + 2);
        return this.fail(start, `unexpected character '!' (did you mean '!='?)`);
      case LESS:
        if (c1 === EQUALS) return this.finish(TokenKind.LessOrEqual, start + 2);
        if (c1 === GREATER) return this.finish(TokenKind.NotEqual, start + 2);
        return this.finish(TokenKind.Less, start + 1);
      case GREATER:
        if (c1 === EQUALS) return this.finish(TokenKind.GreaterOrEqual, start + 2);
        return this.finish(TokenKind.Greater, start + 1);
      case QUOTE:
        return this.scanString(start);
      case DOT:
        if (isDigit(c1)) return this.scanNumber(start);
        return this.finish(TokenKind.Dot, start + 1);
      case PLUS:
      case MINUS:
        return this.scanNumber(start);
    }
    if (isDigit(c)) return this.scanNumber(start);
    if (c1 === QUOTE) {
      if (c === LOWER_H) return this.scanHex(start);
      if (c === LOWER_B) return this.scanBinary(start);
      if (c === LOWER_T) return this.scanTimestamp(start);
    }
    if (isIdentifierStart(c)) return this.scanIdentifier(start);
    return this.fail(start, `unexpected character ${describeCharAt(src, start)}`);
  }

  private finish(kind: TokenKind, end: number): TokenKind {
    this.kind = kind;
    this.end = end;
    this.pos = end;
    return kind;
  }

  private fail(at: number, message: string): TokenKind {
    this.start = at;
    this.error = message;
    return this.finish(TokenKind.Invalid, at + 1);
  }

  /** Returns false (with an Invalid token) on an unterminated block comment. */
  private skipWhitespaceAndComments(): boolean {
    const src = this.source;
    let pos = this.pos;
    while (pos < src.length) {
      const c = src.charCodeAt(pos);
      if (isPatternWhitespace(c)) {
        pos++;
      } else if (c === SLASH && src.charCodeAt(pos + 1) === STAR) {
        const close = src.indexOf('*/', pos + 2);
        if (close < 0) {
          this.fail(pos, 'unterminated comment: missing */');
          return false;
        }
        pos = close + 2;
      } else if (c === SLASH && src.charCodeAt(pos + 1) === SLASH) {
        pos += 2;
        while (pos < src.length) {
          const d = src.charCodeAt(pos);
          if (d === LF || d === CR) break;
          pos++;
        }
      } else {
        break;
      }
    }
    this.pos = pos;
    return true;
  }

  // IntPos: '+'? ('0' | [1-9][0-9]*)     IntNeg: '-' ('0' | [1-9][0-9]*)
  // FloatPos: '+'? [0-9]* '.' [0-9]+      FloatNeg: '-' [0-9]* '.' [0-9]+
  private scanNumber(start: number): TokenKind {
    const src = this.source;
    const first = src.charCodeAt(start);
    const negative = first === MINUS;
    let pos = first === PLUS || first === MINUS ? start + 1 : start;
    const digitsStart = pos;
    while (pos < src.length && isDigit(src.charCodeAt(pos))) pos++;
    const digitsEnd = pos;
    if (src.charCodeAt(pos) === DOT && isDigit(src.charCodeAt(pos + 1))) {
      pos += 2;
      while (pos < src.length && isDigit(src.charCodeAt(pos))) pos++;
      return this.finish(negative ? TokenKind.FloatNeg : TokenKind.FloatPos, pos);
    }
    if (digitsEnd === digitsStart) {
      const sign = String.fromCharCode(first);
      return this.fail(start, `unexpected character '${sign}' (a number must follow its sign directly)`);
    }
    // A leading zero ends the integer: `007` is three tokens in the grammar, never a number.
    const end = src.charCodeAt(digitsStart) === DIGIT_0 ? digitsStart + 1 : digitsEnd;
    if (end < digitsEnd) {
      return this.fail(start, `invalid number '${src.slice(start, digitsEnd)}': integers cannot have leading zeros`);
    }
    return this.finish(negative ? TokenKind.IntNeg : TokenKind.IntPos, end);
  }

  // QUOTE ( ~['\\] | '\\\'' | '\\\\' )* QUOTE
  private scanString(start: number): TokenKind {
    const src = this.source;
    let pos = start + 1;
    let chunkStart = pos;
    let value = '';
    while (pos < src.length) {
      const c = src.charCodeAt(pos);
      if (c === QUOTE) {
        this.value = value + src.slice(chunkStart, pos);
        return this.finish(TokenKind.String, pos + 1);
      }
      if (c === BACKSLASH) {
        const escaped = src.charCodeAt(pos + 1);
        if (escaped !== QUOTE && escaped !== BACKSLASH) {
          const shown = pos + 1 < src.length ? describeCharAt(src, pos + 1) : 'end of pattern';
          return this.fail(pos, `invalid escape in string literal: backslash followed by ${shown} (only \\' and \\\\ are allowed)`);
        }
        value += src.slice(chunkStart, pos);
        pos += 2;
        chunkStart = pos - 1;
        continue;
      }
      pos++;
    }
    return this.fail(start, 'unterminated string literal: missing closing quote');
  }

  // 'h' QUOTE (HexDigit HexDigit)* QUOTE
  private scanHex(start: number): TokenKind {
    const src = this.source;
    let pos = start + 2;
    while (pos < src.length && isHexDigit(src.charCodeAt(pos))) pos++;
    if (src.charCodeAt(pos) !== QUOTE) {
      const found = pos < src.length ? `found ${describeCharAt(src, pos)}` : 'missing closing quote';
      return this.fail(start, `invalid hex literal: expected hex digits in h'...', ${found}`);
    }
    const digits = pos - start - 2;
    if (digits % 2 !== 0) {
      return this.fail(start, `invalid hex literal: ${digits} hex digits, an even number is required`);
    }
    this.value = src.slice(start + 2, pos);
    return this.finish(TokenKind.Hex, pos + 1);
  }

  // 'b' QUOTE (B B B B)* (B B B B | B B B '=' | B B '==') QUOTE   with B = [A-Za-z0-9+/]
  private scanBinary(start: number): TokenKind {
    const src = this.source;
    let pos = start + 2;
    while (pos < src.length && isBase64Char(src.charCodeAt(pos))) pos++;
    const chars = pos - start - 2;
    let padding = 0;
    while (padding < 2 && src.charCodeAt(pos) === EQUALS) {
      pos++;
      padding++;
    }
    const wellFormed =
      src.charCodeAt(pos) === QUOTE &&
      ((padding === 0 && chars > 0 && chars % 4 === 0) ||
        (padding === 1 && chars % 4 === 3) ||
        (padding === 2 && chars % 4 === 2));
    if (!wellFormed) {
      return this.fail(start, "invalid binary literal: b'...' must hold non-empty, correctly padded base64");
    }
    this.value = src.slice(start + 2, pos);
    return this.finish(TokenKind.Binary, pos + 1);
  }

  // 't' QUOTE YYYY '-' MM '-' DD 'T' hh ':' mm ':' ss ('.' [0-9]+)? 'Z' QUOTE, with the
  // grammar's digit ranges (month 01-12, day 01-31, hour 00-23, minute 00-59, second 00-60).
  private scanTimestamp(start: number): TokenKind {
    const src = this.source;
    const p = start + 2;
    const at = (i: number) => src.charCodeAt(p + i);
    const inRange = (i: number, low: number, high: number) => at(i) >= low && at(i) <= high;
    const month = at(5) === DIGIT_0 ? inRange(6, DIGIT_1, DIGIT_9) : at(5) === DIGIT_1 && inRange(6, DIGIT_0, DIGIT_2);
    const day =
      at(8) === DIGIT_0
        ? inRange(9, DIGIT_1, DIGIT_9)
        : inRange(8, DIGIT_1, DIGIT_2)
          ? isDigit(at(9))
          : at(8) === DIGIT_3 && inRange(9, DIGIT_0, DIGIT_1);
    const hour = inRange(11, DIGIT_0, DIGIT_1) ? isDigit(at(12)) : at(11) === DIGIT_2 && inRange(12, DIGIT_0, DIGIT_3);
    const minute = inRange(14, DIGIT_0, DIGIT_5) && isDigit(at(15));
    const second = inRange(17, DIGIT_0, DIGIT_5) ? isDigit(at(18)) : at(17) === DIGIT_6 && at(18) === DIGIT_0;
    let ok =
      isDigit(at(0)) &&
      isDigit(at(1)) &&
      isDigit(at(2)) &&
      isDigit(at(3)) &&
      at(4) === MINUS &&
      month &&
      at(7) === MINUS &&
      day &&
      at(10) === UPPER_T &&
      hour &&
      at(13) === COLON &&
      minute &&
      at(16) === COLON &&
      second;
    let pos = p + 19;
    if (ok && src.charCodeAt(pos) === DOT) {
      pos++;
      const fractionStart = pos;
      while (pos < src.length && isDigit(src.charCodeAt(pos))) pos++;
      ok = pos > fractionStart;
    }
    ok = ok && src.charCodeAt(pos) === UPPER_Z && src.charCodeAt(pos + 1) === QUOTE;
    if (!ok) {
      return this.fail(start, "invalid timestamp literal: expected t'YYYY-MM-DDTHH:MM:SS[.fraction]Z'");
    }
    this.value = src.slice(p, pos + 1);
    return this.finish(TokenKind.Timestamp, pos + 2);
  }

  private scanIdentifier(start: number): TokenKind {
    const src = this.source;
    let pos = start + 1;
    let hasHyphen = false;
    while (pos < src.length) {
      const c = src.charCodeAt(pos);
      if (isIdentifierPart(c)) {
        pos++;
      } else if (c === MINUS) {
        hasHyphen = true;
        pos++;
      } else {
        break;
      }
    }
    const word = src.slice(start, pos);
    this.value = word;
    if (hasHyphen) return this.finish(TokenKind.IdentifierWithHyphen, pos);
    return this.finish(KEYWORDS.get(word) ?? TokenKind.Identifier, pos);
  }
}
