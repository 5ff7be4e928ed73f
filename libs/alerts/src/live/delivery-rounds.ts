/**
 * Runs deliveries one round at a time. Keys that arrive while a round runs are gathered into the
 * next round, so a burst of events costs a few rounds, not one each, and every subscriber gets
 * each round's values before the next round's (a later event is never delivered before an earlier one).
 */
export class DeliveryRounds {
  private pending = new Set<string>();
  private running?: Promise<void>;

  constructor(
    private readonly deliver: (keys: string[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(keys: string[]): void {
    for (const key of keys) this.pending.add(key);
    this.running ??= this.runUntilIdle().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when every key added so far has been delivered (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async runUntilIdle(): Promise<void> {
    while (this.pending.size) {
      const keys = [...this.pending];
      this.pending = new Set();
      try {
        await this.deliver(keys);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
