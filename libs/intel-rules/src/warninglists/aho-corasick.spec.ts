import { AhoCorasick } from './aho-corasick';

function naive(patterns: readonly string[], text: string): number[] {
  return patterns.flatMap((pattern, id) => (pattern !== '' && text.includes(pattern) ? [id] : []));
}

describe('AhoCorasick', () => {
  const patterns = ['he', 'she', 'his', 'hers', 'amazonaws.com', 's3.amazonaws', 'e', 'x', ''];

  it.each(['ushers', 'this', 'bucket.s3.amazonaws.com', 'nothing', '', 'hhhhe', 'shis'])('finds exactly the patterns inside %j', (text) => {
    expect(new AhoCorasick(patterns).search(text).sort((a, b) => a - b)).toEqual(naive(patterns, text));
  });

  it('agrees with a naive scan on generated texts (failure links over shared prefixes)', () => {
    const alphabet = 'ab';
    const words = Array.from({ length: 40 }, (_, i) => (i + 1).toString(2).replace(/0/g, 'a').replace(/1/g, 'b'));
    const automaton = new AhoCorasick(words);
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = 0, x = n * 7919 + 13; i < (n % 17) + 1; i++, x = (x * 1103515245 + 12345) % 2 ** 31) text += alphabet[x % 2];
      expect(automaton.search(text).sort((a, b) => a - b)).toEqual(naive(words, text));
    }
  });

  it('reports a repeated pattern under each id', () => {
    expect(new AhoCorasick(['ab', 'ab']).search('xaby').sort()).toEqual([0, 1]);
  });
});
