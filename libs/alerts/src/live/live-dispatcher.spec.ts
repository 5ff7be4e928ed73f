import type { Viewer } from '@hub/access';
import pino from 'pino';
import { LiveDispatcher } from './live-dispatcher';
import { SubscriberConnection } from './subscriber-connection';

const viewerOf = (userId: string): Viewer => ({ kind: 'user', userId, role: 'MEMBER', organizationId: 'org', organizationKind: 'PRIVATE', operator: false, sharingGroupIds: [] });

function connection(token: string, closes: { code: number; reason: string }[] = []): SubscriberConnection {
  return new SubscriberConnection({ authorization: `Bearer ${token}` }, '127.0.0.1', viewerOf(token), { close: (code, reason) => closes.push({ code, reason }) });
}

/** Accepts every open connection except those whose token is listed as revoked (and closes those). */
function checker(revoked: Set<string> = new Set(), checks: string[][] = []) {
  return {
    recheck: async (connections: Iterable<SubscriberConnection>) => {
      const open = [...connections].filter((each) => each.isOpen);
      checks.push(open.map((each) => String(each.credential.authorization)));
      return open.filter((each) => {
        if (!revoked.has(String(each.credential.authorization).slice(7))) return true;
        each.close(4403, 'revoked');
        return false;
      });
    },
  };
}

const silent = pino({ level: 'silent' });

describe('LiveDispatcher', () => {
  it('reads once per credential and query, with the viewer of the check, for as many deliveries as it pushes to (one per subscription of the group)', async () => {
    const reads: { viewer: string; keys: string[]; deliveries: number }[] = [];
    const dispatcher = new LiveDispatcher<string>(checker(), silent);
    const fetch = async (viewer: Viewer, keys: string[], deliveries: number) => {
      reads.push({ viewer: viewer.kind === 'user' ? viewer.userId : 'anonymous', keys, deliveries });
      return keys.map((key) => `${key} for ${viewer.kind === 'user' ? viewer.userId : '?'}`);
    };
    const alice = connection('alice');
    const feeds = [dispatcher.subscribe(alice, 'all', fetch), dispatcher.subscribe(connection('alice'), 'all', fetch), dispatcher.subscribe(connection('bob'), 'all', fetch)];

    dispatcher.add(['1', '2']);
    await dispatcher.idle();

    expect(reads.sort((a, b) => a.viewer.localeCompare(b.viewer))).toEqual([
      { viewer: 'alice', keys: ['1', '2'], deliveries: 2 },
      { viewer: 'bob', keys: ['1', '2'], deliveries: 1 },
    ]);
    expect(await Promise.all(feeds.map((feed) => feed.next()))).toEqual([
      { value: '1 for alice', done: false },
      { value: '1 for alice', done: false },
      { value: '1 for bob', done: false },
    ]);
  });

  it('delivers nothing to a connection whose credential no longer holds', async () => {
    const closes: { code: number; reason: string }[] = [];
    const dispatcher = new LiveDispatcher<string>(checker(new Set(['mallory'])), silent);
    let reads = 0;
    const feed = dispatcher.subscribe(connection('mallory', closes), 'all', async () => {
      reads += 1;
      return ['secret'];
    });
    dispatcher.add(['1']);
    await dispatcher.idle();
    expect(reads).toBe(0);
    expect(closes).toEqual([{ code: 4403, reason: 'revoked' }]);
    feed.end();
  });

  it('forgets a subscription the client ended, and closes (1013) one that fell too far behind', async () => {
    const checks: string[][] = [];
    const dispatcher = new LiveDispatcher<string>(checker(new Set(), checks), silent);
    const ended = dispatcher.subscribe(connection('gone'), 'all', async (_viewer, keys) => keys);
    ended.end();
    expect(dispatcher.size).toBe(0);

    const closes: { code: number; reason: string }[] = [];
    const slow = connection('slow', closes);
    dispatcher.subscribe(slow, 'all', async () => Array.from({ length: 1_001 }, (_, index) => String(index)));
    dispatcher.add(['1']);
    await dispatcher.idle();
    expect(checks).toEqual([['Bearer slow']]);
    expect(closes).toEqual([{ code: 1013, reason: expect.stringContaining('behind') }]);
  });
});

describe('LiveDispatcher when a read fails', () => {
  it('still serves the other subscribers of the round', async () => {
    const errors: unknown[] = [];
    const logger = { error: (...args: unknown[]) => errors.push(args), debug: () => undefined } as unknown as typeof silent;
    const dispatcher = new LiveDispatcher<string>(checker(), logger);
    dispatcher.subscribe(connection('broken'), 'all', async () => {
      throw new Error('statement timeout');
    });
    const healthy = dispatcher.subscribe(connection('healthy'), 'all', async (_viewer, keys) => keys);
    dispatcher.add(['7']);
    await dispatcher.idle();
    expect(await healthy.next()).toEqual({ value: '7', done: false });
    expect(errors).toHaveLength(1);
  });
});
