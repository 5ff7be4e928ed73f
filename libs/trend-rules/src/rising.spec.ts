import { NO_VALUE_KEY, risingGroups } from './rising';
import { PublishedCount, SUPPRESSED } from './suppression';

const counts = (entries: Record<string, number | null>) =>
  new Map<string, PublishedCount>(Object.entries(entries).map(([key, count]) => [key, count === null ? SUPPRESSED : { count, suppressed: false }]));

describe('risingGroups', () => {
  it('ranks by growth, then by growth ratio, then by key', () => {
    const rising = risingGroups(counts({ a: 10, b: 2, c: 5, d: 7 }), counts({ a: 14, b: 6, c: 9, d: 6, e: 4 }), 10);
    expect(rising.map((group) => group.key)).toEqual(['b', 'c', 'a', 'e']);
    expect(rising[0]).toEqual({ key: 'b', current: 6, previous: 2, change: 4, changeRatio: 2 });
    expect(rising[3]).toEqual({ key: 'e', current: 4, previous: 0, change: 4, changeRatio: null });
  });

  it('keeps the top N only', () => {
    expect(risingGroups(counts({}), counts({ a: 3, b: 2, c: 1 }), 2).map((group) => group.key)).toEqual(['a', 'b']);
  });

  it('leaves out groups suppressed in either period and objects without a value', () => {
    const rising = risingGroups(counts({ a: null, b: 1 }), counts({ a: 9, b: null, c: 2, [NO_VALUE_KEY]: 50 }), 5);
    expect(rising.map((group) => group.key)).toEqual(['c']);
  });
});
