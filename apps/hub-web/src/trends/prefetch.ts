import type { GraphqlClient } from '../api/graphql';
import type { Report } from './chart-data';
import { TRENDS } from './documents';
import { defaultQuestion, toTrendInput } from './question';
import type { TrendInput } from '../api/schema-types';

/** How long a prefetched answer stands in for asking again: trends move by the day, not the second. */
export const PREFETCH_MAX_AGE_MS = 60_000;

interface Prefetched {
  /** The session it was asked in (its CSRF token is its own): never given to another. */
  session: string;
  input: string;
  at: number;
  answer: Promise<{ trends: Report }>;
}

let prefetched: Prefetched | undefined;

/**
 * Asks the dashboard's default question as soon as a person signs in. The hub prepares the figures
 * of an access profile on its first question (about a second on a large hub); asked at sign-in, that
 * happens while the person reads the feed, and the Trends page takes the answer (or the request
 * still on its way) instead of asking again.
 */
export function prefetchTrends(client: GraphqlClient, session: string, now = new Date()): void {
  const input = toTrendInput(defaultQuestion(now));
  const answer = client.request(TRENDS, { input });
  // Nobody may ever take it: a failure is the Trends page's to show if it does, nobody's otherwise.
  answer.catch(() => undefined);
  prefetched = { session, input: JSON.stringify(input), at: now.getTime(), answer };
}

/** The prefetched answer to this very question in this session, once, while it is fresh. */
export function takePrefetched(session: string | undefined, input: TrendInput, now = Date.now()): Promise<{ trends: Report }> | undefined {
  const found = prefetched;
  if (!found || session === undefined || found.session !== session || found.input !== JSON.stringify(input) || now - found.at > PREFETCH_MAX_AGE_MS) return undefined;
  prefetched = undefined;
  return found.answer;
}

/** At sign-out: nothing of a session outlives it. */
export function dropPrefetched(): void {
  prefetched = undefined;
}
