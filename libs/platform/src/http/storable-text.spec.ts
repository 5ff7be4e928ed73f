import { isStorableText, unstorableTextIssues } from './storable-text';

describe('isStorableText', () => {
  it.each([
    ['plain text', 'ransomware', true],
    ['a paired surrogate (an emoji)', 'lock \u{1F512}', true],
    ['a NUL character', 'a\u0000b', false],
    ['a lone high surrogate', 'a\uD800b', false],
    ['a lone low surrogate', '\uDC00', false],
  ])('%s', (_what, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});

describe('unstorableTextIssues', () => {
  it('names every place, keys included, with its path', () => {
    const body = { query: 'mutation { x }', variables: { input: { bundle: { objects: [{ name: 'ok' }, { name: 'a\u0000', ['k\uD800']: 1 }] } } } };
    expect(unstorableTextIssues(body).map((issue) => issue.path)).toEqual(['variables.input.bundle.objects[1].name', 'variables.input.bundle.objects[1].k\uD800']);
  });

  it('finds NUL and surrogates written as escapes in the GraphQL document only', () => {
    expect(unstorableTextIssues({ query: '{ objects(filter: { search: "a\\u0000" }) { totalCount } }' })).toHaveLength(1);
    expect(unstorableTextIssues({ query: '{ objects(filter: { search: "a\\u{0}" }) { totalCount } }' })).toHaveLength(1);
    expect(unstorableTextIssues({ query: '{ objects(filter: { search: "\\uD83D" }) { totalCount } }' })).toHaveLength(1);
    expect(unstorableTextIssues({ query: '{ objects(filter: { search: "caf\\u00e9" }) { totalCount } }' })).toEqual([]);
    expect(unstorableTextIssues({ variables: { search: 'a\\u0000 is how NUL is written' } })).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(unstorableTextIssues(Array.from({ length: 50 }, () => '\u0000'), 5)).toHaveLength(5);
  });
});
