import { checkPattern } from './pattern-check';

describe('checkPattern (the hub’s parser in the browser)', () => {
  it('accepts a valid pattern', () => {
    expect(checkPattern("[ipv4-addr:value = '192.0.2.1']")).toEqual({ errors: [], warnings: [] });
  });

  it('names the line and column of a syntax error', () => {
    expect(checkPattern("[ipv4-addr:value = '192.0.2.1'").errors).toEqual(["line 1, column 31: expected ']' but found end of pattern"]);
  });

  it('finds semantic errors too, on the right line', () => {
    const { errors } = checkPattern("[file:hashes.'SHA-256' = 'abc']\nOR [ipv4-addr:value = '192.0.2.1']");
    expect(errors).toEqual(["line 1, column 26: 'abc' is not a valid SHA-256 hash: expected a string of 64 hex digits"]);
  });

  it('leaves empty text alone', () => {
    expect(checkPattern('  ')).toEqual({ errors: [], warnings: [] });
  });
});
