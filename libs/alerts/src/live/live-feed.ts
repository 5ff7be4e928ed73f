/**
 * The async iterator a GraphQL subscription returns: the delivery pushes values in, graphql-ws
 * pulls them out and sends them. Ending it (the client completes, the socket closes) calls
 * `onEnd`, which unregisters the subscription.
 */
export class LiveFeed<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private ended = false;

  /** `capacity`: values a slow client may fall behind by before push() refuses more. */
  constructor(
    private readonly onEnd: () => void,
    private readonly capacity = 1_000,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** false when the feed has ended, or when the client fell `capacity` values behind (the value is dropped). */
  push(value: T): boolean {
    if (this.ended) return false;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return true;
    }
    if (this.buffered.length >= this.capacity) return false;
    this.buffered.push(value);
    return true;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length) return Promise.resolve({ value: this.buffered.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  /** Stops the feed: values not yet sent are dropped and a waiting reader finishes. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.buffered.length = 0;
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
    this.onEnd();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
