import { AnswerCache } from '@hub/sharing';
import type { GraphqlResponse, TestHub } from './test-hub';

/**
 * Sends the request until its answer comes from the answer cache (answers are kept just after they
 * are sent), checks it is one of the answers built for it, and returns it. Fails if it never does: a test that
 * means to go through the cache cannot pass by not using it.
 */
export async function askUntilCached<T>(hub: TestHub, query: string, variables: Record<string, unknown>, token: string | undefined, first: GraphqlResponse<T>): Promise<GraphqlResponse<T>> {
  const cache = hub.hub.app.get(AnswerCache);
  // Answers built anew until one is kept (a request may arrive before the previous answer is kept);
  // cursors are sealed afresh each time, so each such answer is a little different.
  const built = new Set([first.text]);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const hitsBefore = cache.counts.hits;
    const again = await hub.graphql<T>(query, variables, token);
    if (cache.counts.hits > hitsBefore) {
      if (!built.has(again.text)) throw new Error(`the cached answer is none of the answers built for this request:\n${again.text}`);
      return again;
    }
    built.add(again.text);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the answer was never served from the cache');
}
