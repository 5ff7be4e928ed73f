/**
 * Shares one read among the callers that ask for the same key in the same turn of the event loop.
 * The read starts after all of them have asked (on setImmediate), so each caller still gets a value
 * read after its own call: nothing committed before a request arrived can be missing from what it
 * gets, exactly as if it had read alone. Under load, many requests arrive in one turn and share.
 */
export class SameTurnReads<K, V> {
  private readonly pending = new Map<K, Promise<V>>();

  constructor(private readonly read: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let shared = this.pending.get(key);
    if (!shared) {
      shared = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending.delete(key);
        return this.read(key);
      });
      this.pending.set(key, shared);
    }
    return shared;
  }
}
