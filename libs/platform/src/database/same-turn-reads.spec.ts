import { SameTurnReads } from './same-turn-reads';

describe('SameTurnReads', () => {
  it('shares one read among the callers of one turn, per key', async () => {
    const started: string[] = [];
    const reads = new SameTurnReads(async (key: string) => {
      started.push(key);
      return `${key}:${started.length}`;
    });
    const answers = await Promise.all([reads.get('a'), reads.get('a'), reads.get('b'), reads.get('a')]);
    expect(answers).toEqual(['a:1', 'a:1', 'b:2', 'a:1']);
    expect(started).toEqual(['a', 'b']);
  });

  it('starts the read only after every caller of the turn asked, and a later caller gets a read of its own', async () => {
    let value = 1;
    const reads = new SameTurnReads(async () => value);
    const first = reads.get('k');
    // A change made after the call but in the same turn is seen: the read has not started yet.
    value = 2;
    expect(await first).toBe(2);
    value = 3;
    expect(await reads.get('k')).toBe(3);
  });

  it('gives every sharer the failure of the read, and the next turn tries again', async () => {
    let fail = true;
    const reads = new SameTurnReads(async () => {
      if (fail) throw new Error('database down');
      return 'ok';
    });
    const results = await Promise.allSettled([reads.get('k'), reads.get('k')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await reads.get('k')).toBe('ok');
  });
});
