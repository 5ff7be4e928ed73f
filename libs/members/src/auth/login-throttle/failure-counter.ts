/**
 * Counts sign-in attempts per key (an account, an address) in a fixed window that starts at the
 * first one. An attempt is counted before its password is checked, so simultaneous attempts cannot
 * all pass the limit; one that is refused or succeeds is taken back. Behind an interface so several
 * replicas can share the counts through Redis.
 */
export interface FailureCounter {
  /** Adds one, atomically; the new count and the milliseconds until the window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Takes one back (never below zero); a window whose count reaches zero ends. */
  release(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');
