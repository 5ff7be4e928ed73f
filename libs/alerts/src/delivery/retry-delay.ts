// However many attempts, a retry waits at most this long.
const MAX_DELAY_MS = 6 * 3600_000;

/**
 * How long to wait before the next attempt after `attempt` failed ones: doubling from the base,
 * with ±25 % jitter so that many deliveries failing together (a receiver down) do not all retry together.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: number = Math.random()): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  return Math.round(exponential * (0.75 + random * 0.5));
}
