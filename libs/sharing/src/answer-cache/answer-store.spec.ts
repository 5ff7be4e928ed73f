import { AnswerStore } from './answer-store';

function answer(version: string, bytes: number, text = 'x') {
  return { version, body: Buffer.alloc(bytes, text), contentType: 'application/json', extra: [] as string[], bytes };
}

describe('AnswerStore', () => {
  it('gives an answer back only under the version it was built under, and drops it on another', () => {
    const store = new AnswerStore<string[]>(1_000);
    store.set('a', answer('7', 10));
    expect(store.get('a', '7')?.body.length).toBe(10);
    expect(store.get('a', '8')).toBeUndefined();
    // Dropped: a later version never brings an older answer back.
    expect(store.get('a', '7')).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.storedBytes).toBe(0);
  });

  it('stays within its budget, pushing out the least recently used answers first', () => {
    const store = new AnswerStore<string[]>(300, 300);
    store.set('a', answer('1', 100));
    store.set('b', answer('1', 100));
    store.set('c', answer('1', 100));
    store.get('a', '1');
    store.set('d', answer('1', 100));
    expect(store.get('b', '1')).toBeUndefined();
    expect(store.get('a', '1')).toBeDefined();
    expect(store.get('c', '1')).toBeDefined();
    expect(store.get('d', '1')).toBeDefined();
    expect(store.storedBytes).toBe(300);
  });

  it('does not keep an answer bigger than its limit per answer, and forgets what that key held', () => {
    const store = new AnswerStore<string[]>(1_000, 100);
    store.set('a', answer('1', 50));
    store.set('a', answer('2', 101));
    expect(store.get('a', '1')).toBeUndefined();
    expect(store.get('a', '2')).toBeUndefined();
    expect(store.storedBytes).toBe(0);
  });

  it('counts what an answer costs, not only its body', () => {
    const store = new AnswerStore<string[]>(1_000, 1_000);
    store.set('a', { ...answer('1', 10), bytes: 600 });
    store.set('b', { ...answer('1', 10), bytes: 600 });
    expect(store.get('a', '1')).toBeUndefined();
    expect(store.storedBytes).toBe(600);
  });

  it('replaces the answer of a key, counting its bytes once', () => {
    const store = new AnswerStore<string[]>(1_000);
    store.set('a', answer('1', 40));
    store.set('a', answer('2', 60, 'y'));
    expect(store.storedBytes).toBe(60);
    expect(store.get('a', '2')?.body.toString()).toBe('y'.repeat(60));
  });

  it('with a budget of 0 keeps nothing', () => {
    const store = new AnswerStore<string[]>(0);
    store.set('a', answer('1', 1));
    expect(store.get('a', '1')).toBeUndefined();
  });
});
