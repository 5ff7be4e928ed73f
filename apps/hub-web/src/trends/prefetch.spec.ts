import { jest } from '@jest/globals';
import type { GraphqlClient, TypedDocument } from '../api/graphql';
import { dropPrefetched, PREFETCH_FALLBACK_MS, PREFETCH_MAX_AGE_MS, prefetchTrends, scheduleTrendsPrefetch, startScheduledPrefetch, takePrefetched } from './prefetch';
import { defaultQuestion, toTrendInput } from './question';

/** A client that records what it was asked and answers with the request's number. */
function countingClient(): GraphqlClient & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    request<TResult, TVariables>(_document: TypedDocument<TResult, TVariables>, variables: TVariables): Promise<TResult> {
      asked.push(variables);
      return Promise.resolve({ trends: { answer: asked.length } } as TResult);
    },
  };
}

describe('trends prefetched at sign-in', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const input = toTrendInput(defaultQuestion(now));

  afterEach(() => dropPrefetched());

  it('gives the default question its answer once, in the session that asked', async () => {
    const client = countingClient();
    prefetchTrends(client, 'session-a', now);
    expect(client.asked).toEqual([{ input }]);
    await expect(takePrefetched('session-a', input, now.getTime() + 1_000)).resolves.toEqual({ trends: { answer: 1 } });
    expect(takePrefetched('session-a', input, now.getTime() + 2_000)).toBeUndefined();
  });

  it('never gives it to another session, another question, after sign-out or once stale', () => {
    const client = countingClient();
    prefetchTrends(client, 'session-a', now);
    expect(takePrefetched('session-b', input, now.getTime())).toBeUndefined();
    expect(takePrefetched(undefined, input, now.getTime())).toBeUndefined();
    expect(takePrefetched('session-a', { ...input, scope: 'SECTOR_WIDE' }, now.getTime())).toBeUndefined();
    expect(takePrefetched('session-a', input, now.getTime() + PREFETCH_MAX_AGE_MS + 1)).toBeUndefined();
    prefetchTrends(client, 'session-a', now);
    dropPrefetched();
    expect(takePrefetched('session-a', input, now.getTime())).toBeUndefined();
  });

  it('keeps a failed prefetch from surfacing unless the page takes it', async () => {
    const failing: GraphqlClient = { request: () => Promise.reject(new Error('signed out')) };
    prefetchTrends(failing, 'session-a', now);
    await expect(takePrefetched('session-a', input, now.getTime())).rejects.toThrow('signed out');
  });

  describe('scheduled at sign-in', () => {
    beforeEach(() => jest.useFakeTimers({ now }));
    afterEach(() => jest.useRealTimers());

    it('waits for the first page to be drawn, then asks once', () => {
      const client = countingClient();
      scheduleTrendsPrefetch(client, 'session-a');
      expect(client.asked).toEqual([]);
      startScheduledPrefetch();
      expect(client.asked).toEqual([{ input }]);
      // Later pages, and the fallback timer, ask nothing more.
      startScheduledPrefetch();
      jest.advanceTimersByTime(PREFETCH_FALLBACK_MS + 1);
      expect(client.asked).toHaveLength(1);
      expect(takePrefetched('session-a', input, now.getTime())).toBeDefined();
    });

    it('asks after the fallback time when no page draws first', () => {
      const client = countingClient();
      scheduleTrendsPrefetch(client, 'session-a');
      jest.advanceTimersByTime(PREFETCH_FALLBACK_MS - 1);
      expect(client.asked).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(client.asked).toEqual([{ input }]);
    });

    it('asks nothing once the Trends page asked itself, or after sign-out', () => {
      const client = countingClient();
      scheduleTrendsPrefetch(client, 'session-a');
      expect(takePrefetched('session-a', input, now.getTime())).toBeUndefined();
      startScheduledPrefetch();
      jest.advanceTimersByTime(PREFETCH_FALLBACK_MS);
      scheduleTrendsPrefetch(client, 'session-a');
      dropPrefetched();
      startScheduledPrefetch();
      jest.advanceTimersByTime(PREFETCH_FALLBACK_MS);
      expect(client.asked).toEqual([]);
    });
  });
});
