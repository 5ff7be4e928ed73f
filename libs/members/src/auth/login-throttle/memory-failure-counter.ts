import type { FailureCounter } from './failure-counter';

// Past this many keys, expired windows are swept on the next hit, so scans cannot grow memory for ever.
const SWEEP_ABOVE = 10_000;

/** For a single replica: counts live in this process. */
export class MemoryFailureCounter implements FailureCounter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<number> {
    if (this.windows.size > SWEEP_ABOVE) this.sweep();
    const window = this.current(key) ?? { failures: 0, endsAt: this.now() + windowMs };
    window.failures += 1;
    this.windows.set(key, window);
    return window.failures;
  }

  async count(key: string): Promise<{ failures: number; resetInMs: number }> {
    const window = this.current(key);
    return window ? { failures: window.failures, resetInMs: window.endsAt - this.now() } : { failures: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private current(key: string): { failures: number; endsAt: number } | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
