import { describeValue, joinPath, withArticle } from './issues';

describe('issue paths and wording', () => {
  it.each([
    ['', ['valid_until'], 'valid_until'],
    ['objects[3]', ['valid_until'], 'objects[3].valid_until'],
    ['objects[3]', ['external_references', 0, 'hashes', 'SHA-256'], "objects[3].external_references[0].hashes['SHA-256']"],
    ['', ['extensions', 'ntfs-ext', 'sid'], "extensions['ntfs-ext'].sid"],
    ['', ["it's"], "['it\\'s']"],
    ['objects[0]', [], 'objects[0]'],
    ['', [0, 1], '[0][1]'],
  ])('joins %s and %j into %s', (prefix, segments, expected) => {
    expect(joinPath(prefix, segments as PropertyKey[])).toBe(expected);
  });

  it('describes values briefly', () => {
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(77)}...`));
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(12)).toBe('12');
  });

  it('chooses the article by sound', () => {
    expect(withArticle('indicator')).toBe('an indicator');
    expect(withArticle('url')).toBe('a url');
    expect(withArticle('user-account')).toBe('a user-account');
    expect(withArticle('x509-certificate')).toBe('an x509-certificate');
    expect(withArticle('marking-definition')).toBe('a marking-definition');
  });
});
