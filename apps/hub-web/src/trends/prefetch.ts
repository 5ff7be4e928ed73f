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

/** A prefetch asked for at sign-in and not started yet (see scheduleTrendsPrefetch). */
let scheduled: { start: () => void; timer: ReturnType<typeof setTimeout> } | undefined;

/**
 * How long a scheduled prefetch waits for the page shown after sign-in to draw before it starts
 * anyway (a person who goes straight to another page).
 */
export const PREFETCH_FALLBACK_MS = 2_000;

/**
 * Asks the dashboard's default question for a person who just signed in. The hub prepares the
 * figures of an access profile on its first question (most of a second on a large hub); asked then,
 * that happens while the person reads the feed, and the Trends page takes the answer (or the request
 * still on its way) instead of asking again.
 */
export function prefetchTrends(client: GraphqlClient, session: string, now = new Date()): void {
  cancelScheduled();
  const input = toTrendInput(defaultQuestion(now));
  const answer = client.request(TRENDS, { input });
  // Nobody may ever take it: a failure is the Trends page's to show if it does, nobody's otherwise.
  answer.catch(() => undefined);
  prefetched = { session, input: JSON.stringify(input), at: now.getTime(), answer };
}

/**
 * At sign-in: prefetchTrends once the feed's first page is drawn (startScheduledPrefetch), or after
 * PREFETCH_FALLBACK_MS. Asked together with the feed, preparing a new profile's figures (two
 * database statements of a second each, then) took the cores the feed's first page needed: its first
 * drawing after sign-in went past its one-second budget in some runs of the console bench.
 */
export function scheduleTrendsPrefetch(client: GraphqlClient, session: string): void {
  cancelScheduled();
  // prefetchTrends ends the schedule (the fallback timer too).
  const start = () => prefetchTrends(client, session);
  scheduled = { start, timer: setTimeout(start, PREFETCH_FALLBACK_MS) };
}

/** The page shown after sign-in has drawn: a scheduled prefetch starts now (nothing otherwise). */
export function startScheduledPrefetch(): void {
  scheduled?.start();
}

function cancelScheduled(): void {
  if (scheduled) clearTimeout(scheduled.timer);
  scheduled = undefined;
}

/** The prefetched answer to this very question in this session, once, while it is fresh. */
export function takePrefetched(session: string | undefined, input: TrendInput, now = Date.now()): Promise<{ trends: Report }> | undefined {
  // The page asks now: a prefetch not started yet would only ask the same again.
  cancelScheduled();
  const found = prefetched;
  if (!found || session === undefined || found.session !== session || found.input !== JSON.stringify(input) || now - found.at > PREFETCH_MAX_AGE_MS) return undefined;
  prefetched = undefined;
  return found.answer;
}

/** At sign-out: nothing of a session outlives it. */
export function dropPrefetched(): void {
  cancelScheduled();
  prefetched = undefined;
}
