import { graphqlNestingExceeds, jsonNestingExceeds } from './nesting';

describe('jsonNestingExceeds', () => {
  const nested = (depth: number) => `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`;

  it('counts objects and arrays inside each other, up to the bound', () => {
    expect(jsonNestingExceeds(nested(128))).toBe(false);
    expect(jsonNestingExceeds(nested(130))).toBe(true);
    expect(jsonNestingExceeds(Buffer.from(nested(130)))).toBe(true);
    expect(jsonNestingExceeds('[[[]]]', 2)).toBe(true);
    expect(jsonNestingExceeds('[[],[],[]]', 2)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(JSON.stringify({ a: '[[[[[[', b: 'x\\"[[[[[', c: '\\' }), 2)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ a: 'say "[[[["', b: [[['deep']]] }), 3)).toBe(true);
  });

  it('reads a 2,000-deep body without recursion', () => {
    expect(jsonNestingExceeds(`{"z":${'['.repeat(2_000)}${']'.repeat(2_000)}}`)).toBe(true);
  });
});

describe('graphqlNestingExceeds', () => {
  it('counts selection sets, arguments, lists and input objects', () => {
    expect(graphqlNestingExceeds('{ a { b { c } } }', 3)).toBe(false);
    expect(graphqlNestingExceeds('{ a { b { c } } }', 2)).toBe(true);
    expect(graphqlNestingExceeds(`{ a(x: ${'['.repeat(5_000)}1${']'.repeat(5_000)}) }`)).toBe(true);
  });

  it('does not count brackets in strings, block strings and comments', () => {
    expect(graphqlNestingExceeds('{ a(x: "{{{{[[[[", y: """ {{{{ \\""" [[[[ """) # {{{{{{\n }', 2)).toBe(false);
  });
});
