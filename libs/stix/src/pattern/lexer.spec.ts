import { Lexer, TokenKind } from './lexer';

const r = String.raw;

/** All tokens of `source` as [kind name, text], stopping after the end or an error. */
function tokens(source: string): [string, string][] {
  const lexer = new Lexer(source);
  const result: [string, string][] = [];
  for (;;) {
    const kind = lexer.next();
    const text = kind === TokenKind.Invalid ? lexer.error : source.slice(lexer.start, lexer.end);
    result.push([TokenKind[kind], text]);
    if (kind === TokenKind.EndOfInput || kind === TokenKind.Invalid) return result;
  }
}

function kinds(source: string): string[] {
  return tokens(source).map(([kind]) => kind);
}

describe('Lexer', () => {
  it('reads punctuation and comparison operators, longest match first', () => {
    expect(kinds('[ ] ( ) : . , * = == != <> < <= > >=')).toEqual([
      'LeftBracket',
      'RightBracket',
      'LeftParen',
      'RightParen',
      'Colon',
      'Dot',
      'Comma',
      'Asterisk',
      'Equal',
      'Equal',
      'NotEqual',
      'NotEqual',
      'Less',
      'LessOrEqual',
      'Greater',
      'GreaterOrEqual',
      'EndOfInput',
    ]);
    expect(tokens('===')).toEqual([
      ['Equal', '=='],
      ['Equal', '='],
      ['EndOfInput', ''],
    ]);
  });

  it('reads keywords case-sensitively', () => {
    expect(kinds('AND OR NOT FOLLOWEDBY LIKE MATCHES ISSUPERSET ISSUBSET EXISTS LAST IN START STOP SECONDS WITHIN REPEATS TIMES')).toEqual([
      'And',
      'Or',
      'Not',
      'FollowedBy',
      'Like',
      'Matches',
      'IsSuperset',
      'IsSubset',
      'Exists',
      'Last',
      'In',
      'Start',
      'Stop',
      'Seconds',
      'Within',
      'Repeats',
      'Times',
      'EndOfInput',
    ]);
    expect(kinds('and Or within true false TRUE')).toEqual([
      'Identifier',
      'Identifier',
      'Identifier',
      'Bool',
      'Bool',
      'Identifier',
      'EndOfInput',
    ]);
  });

  it('prefers the longer identifier over a keyword prefix', () => {
    expect(tokens('ANDx AND-x IN_ trueish')).toEqual([
      ['Identifier', 'ANDx'],
      ['IdentifierWithHyphen', 'AND-x'],
      ['Identifier', 'IN_'],
      ['Identifier', 'trueish'],
      ['EndOfInput', ''],
    ]);
  });

  it('separates identifiers with and without hyphens', () => {
    expect(tokens('ipv4-addr value x- _a9')).toEqual([
      ['IdentifierWithHyphen', 'ipv4-addr'],
      ['Identifier', 'value'],
      ['IdentifierWithHyphen', 'x-'],
      ['Identifier', '_a9'],
      ['EndOfInput', ''],
    ]);
  });

  it('reads signed integers and floats as the grammar does', () => {
    expect(tokens('0 +0 -0 42 +42 -42 1.5 .5 +.5 -.5 00.5 -0.0')).toEqual([
      ['IntPos', '0'],
      ['IntPos', '+0'],
      ['IntNeg', '-0'],
      ['IntPos', '42'],
      ['IntPos', '+42'],
      ['IntNeg', '-42'],
      ['FloatPos', '1.5'],
      ['FloatPos', '.5'],
      ['FloatPos', '+.5'],
      ['FloatNeg', '-.5'],
      ['FloatPos', '00.5'],
      ['FloatNeg', '-0.0'],
      ['EndOfInput', ''],
    ]);
    // `1.` is an integer followed by a dot; `1.2.3` is two floats.
    expect(kinds('1.')).toEqual(['IntPos', 'Dot', 'EndOfInput']);
    expect(tokens('1.2.3')).toEqual([
      ['FloatPos', '1.2'],
      ['FloatPos', '.3'],
      ['EndOfInput', ''],
    ]);
    // Digits run straight into keywords: `5SECONDS` is two tokens.
    expect(kinds('5SECONDS')).toEqual(['IntPos', 'Seconds', 'EndOfInput']);
  });

  it('refuses integers with leading zeros and lone signs', () => {
    expect(tokens('007')).toEqual([['Invalid', "invalid number '007': integers cannot have leading zeros"]]);
    expect(kinds('- 5')).toEqual(['Invalid']);
    expect(kinds('+')).toEqual(['Invalid']);
  });

  it('reads strings with the two escapes and nothing else', () => {
    const lexer = new Lexer(r`'it\'s a \\ path'`);
    expect(lexer.next()).toBe(TokenKind.String);
    expect(lexer.value).toBe(r`it's a \ path`);
    expect(tokens(r`'bad \n escape'`)).toEqual([
      ['Invalid', "invalid escape in string literal: backslash followed by 'n' (only \\' and \\\\ are allowed)"],
    ]);
    expect(tokens(`'open`)).toEqual([['Invalid', 'unterminated string literal: missing closing quote']]);
    expect(tokens(r`'\'`)).toEqual([['Invalid', 'unterminated string literal: missing closing quote']]);
  });

  it('keeps string contents that look like syntax', () => {
    const lexer = new Lexer(`'a /* b */ ] \n c'`);
    lexer.next();
    expect(lexer.value).toBe('a /* b */ ] \n c');
  });

  it('reads hex literals with an even number of digits only', () => {
    const lexer = new Lexer(`h'DEADbeef'`);
    expect(lexer.next()).toBe(TokenKind.Hex);
    expect(lexer.value).toBe('DEADbeef');
    expect(kinds(`h''`)).toEqual(['Hex', 'EndOfInput']);
    expect(kinds(`h'abc'`)).toEqual(['Invalid']);
    expect(kinds(`h'zz'`)).toEqual(['Invalid']);
    expect(tokens(`h 'ab'`)).toEqual([
      ['Identifier', 'h'],
      ['String', `'ab'`],
      ['EndOfInput', ''],
    ]);
  });

  it('reads binary literals as padded base64', () => {
    for (const ok of [`b'QUJD'`, `b'QUI='`, `b'QQ=='`, `b'+/+/AAAA'`]) expect(kinds(ok)).toEqual(['Binary', 'EndOfInput']);
    for (const bad of [`b''`, `b'Q'`, `b'QQ'`, `b'QQ='`, `b'QUJ'`, `b'QQ==='`, `b'===='`, `b'QU=D'`, `b'QU-_'`]) {
      expect(kinds(bad)).toEqual(['Invalid']);
    }
  });

  it('reads timestamps within the grammar digit ranges', () => {
    const lexer = new Lexer(`t'2016-06-01T01:30:00.123Z'`);
    expect(lexer.next()).toBe(TokenKind.Timestamp);
    expect(lexer.value).toBe('2016-06-01T01:30:00.123Z');
    // The grammar's ranges, not the calendar: February 31 and second 60 lex fine.
    expect(kinds(`t'2016-02-31T23:59:60Z'`)).toEqual(['Timestamp', 'EndOfInput']);
    for (const bad of [
      `t'2016-13-01T00:00:00Z'`,
      `t'2016-01-32T00:00:00Z'`,
      `t'2016-01-01T24:00:00Z'`,
      `t'2016-01-01T00:60:00Z'`,
      `t'2016-01-01T00:00:61Z'`,
      `t'2016-01-01T00:00:00.Z'`,
      `t'2016-01-01T00:00:00'`,
      `t'2016-01-01T00:00:00z'`,
      `t'2016-01-01`,
    ]) {
      expect(kinds(bad)).toEqual(['Invalid']);
    }
  });

  it('skips the whitespace the grammar lists, and comments', () => {
    const spaces = ' \t\r\n\u000b\u000c\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000';
    expect(kinds(`${spaces}[${spaces}]${spaces}`)).toEqual(['LeftBracket', 'RightBracket', 'EndOfInput']);
    expect(kinds('/* a */ [ // b\n ] /**/')).toEqual(['LeftBracket', 'RightBracket', 'EndOfInput']);
    expect(kinds('\ufeff')).toEqual(['Invalid']);
    expect(kinds('\u200b')).toEqual(['Invalid']);
    expect(tokens('/* open')).toEqual([['Invalid', 'unterminated comment: missing */']]);
    expect(kinds('/')).toEqual(['Invalid']);
  });

  it('names unexpected characters readably', () => {
    expect(tokens('#')).toEqual([['Invalid', "unexpected character '#'"]]);
    expect(tokens('\u0000')).toEqual([['Invalid', 'unexpected character U+0000']]);
    expect(tokens('😀')).toEqual([['Invalid', 'unexpected character U+1F600']]);
    expect(tokens('!')).toEqual([['Invalid', "unexpected character '!' (did you mean '!='?)"]]);
  });

  it('tracks token offsets', () => {
    const lexer = new Lexer('  [file:x]');
    lexer.next();
    expect([lexer.start, lexer.end]).toEqual([2, 3]);
    lexer.next();
    expect([lexer.start, lexer.end, lexer.value]).toEqual([3, 7, 'file']);
  });
});
