/**
 * Counts failures per key (an account, an address) in a fixed window that starts at the first
 * failure. Behind an interface so several replicas can share the counts through Redis.
 */
export interface FailureCounter {
  /** Adds a failure and returns the number of failures in the current window. */
  hit(key: string, windowMs: number): Promise<number>;
  /** Failures in the current window and the milliseconds until it ends (0 when there are none). */
  count(key: string): Promise<{ failures: number; resetInMs: number }>;
  reset(key: string): Promise<void>;
}

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');
