import type { FailureCounter } from './failure-counter';

// Past this many keys, expired windows are swept on the next hit, so scans cannot grow memory for ever.
const SWEEP_ABOVE = 10_000;

/** For a single replica: counts live in this process. */
export class MemoryFailureCounter implements FailureCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  // No await before the change: a hit is atomic within this process.
  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    if (this.windows.size > SWEEP_ABOVE) this.sweep();
    const window = this.current(key) ?? { count: 0, endsAt: this.now() + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return { count: window.count, resetInMs: window.endsAt - this.now() };
  }

  async release(key: string): Promise<void> {
    const window = this.current(key);
    if (!window) return;
    window.count -= 1;
    if (window.count <= 0) this.windows.delete(key);
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private current(key: string): { count: number; endsAt: number } | undefined {
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
