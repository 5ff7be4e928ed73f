import { jest } from '@jest/globals';
import type { HubConfig } from '@hub/platform';
import pino from 'pino';
import { AnswerCache } from './answer-cache.service';
import type { ReadModelVersion } from './read-model-version';

function cacheAt(version: { now: string }): AnswerCache {
  const readModel = { current: () => Promise.resolve(version.now) } as ReadModelVersion;
  return new AnswerCache(readModel, { answerCacheBytes: 1_000_000 } as HubConfig, pino({ level: 'silent' }));
}

const answer = (version: string) => ({ version, body: Buffer.from('{"data":{}}'), contentType: 'application/json', extra: [], bytes: 1_100 });

describe('AnswerCache: an answer being built', () => {
  afterEach(() => jest.useRealTimers());

  it('is waited for under its key and version only, until it is kept', async () => {
    const version = { now: 'v1' };
    const cache = cacheAt(version);
    expect(cache.whenBuilt('page', 'v1')).toBeUndefined();
    const built = cache.startBuilding('page', 'v1');
    const waiting = cache.whenBuilt('page', 'v1');
    expect(waiting).toBeDefined();
    expect(cache.whenBuilt('page', 'v2')).toBeUndefined();
    expect(cache.whenBuilt('other page', 'v1')).toBeUndefined();
    await cache.keepIfUnchanged('page', answer('v1')).finally(built);
    await waiting;
    expect(cache.find('page', 'v1')).toBeDefined();
    expect(cache.whenBuilt('page', 'v1')).toBeUndefined();
  });

  it('stops being waited for when it is given up, or after five seconds if it never finishes', async () => {
    jest.useFakeTimers();
    const cache = cacheAt({ now: 'v1' });
    const givenUp = cache.startBuilding('page', 'v1');
    givenUp();
    givenUp();
    expect(cache.whenBuilt('page', 'v1')).toBeUndefined();

    cache.startBuilding('slow page', 'v1');
    const waiting = cache.whenBuilt('slow page', 'v1');
    let settled = false;
    void waiting?.then(() => (settled = true));
    jest.advanceTimersByTime(4_999);
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await waiting;
    expect(settled).toBe(true);
    expect(cache.whenBuilt('slow page', 'v1')).toBeUndefined();
  });

  it('a later build of the same answer is not ended by an earlier one giving up', () => {
    const cache = cacheAt({ now: 'v1' });
    const first = cache.startBuilding('page', 'v1');
    const second = cache.startBuilding('page', 'v1');
    first();
    expect(cache.whenBuilt('page', 'v1')).toBeDefined();
    second();
    expect(cache.whenBuilt('page', 'v1')).toBeUndefined();
  });
});
