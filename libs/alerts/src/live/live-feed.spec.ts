import { LiveFeed } from './live-feed';

describe('LiveFeed', () => {
  it('hands values out in the order they were pushed, to a reader waiting or not', async () => {
    const feed = new LiveFeed<number>(() => undefined);
    const waiting = feed.next();
    feed.push(1);
    feed.push(2);
    feed.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await feed.next()).toEqual({ value: 2, done: false });
    expect(await feed.next()).toEqual({ value: 3, done: false });
  });

  it('refuses values past its capacity instead of growing without bound', () => {
    const feed = new LiveFeed<number>(() => undefined, 2);
    expect([feed.push(1), feed.push(2), feed.push(3)]).toEqual([true, true, false]);
  });

  it('ends once when the client leaves: the waiting reader finishes, later pushes are refused', async () => {
    let ends = 0;
    const feed = new LiveFeed<number>(() => (ends += 1));
    const waiting = feed.next();
    await feed.return();
    await feed.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(feed.push(4)).toBe(false);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
    expect(ends).toBe(1);
  });

  it('is its own async iterator, so for await works', async () => {
    const feed = new LiveFeed<string>(() => undefined);
    feed.push('a');
    feed.push('b');
    const seen: string[] = [];
    for await (const value of feed) {
      seen.push(value);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
    expect(feed.isEnded).toBe(true);
  });
});
