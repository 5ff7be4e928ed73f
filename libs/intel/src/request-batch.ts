interface Batch<V> {
  keys: Set<string>;
  result: Promise<Map<string, V>>;
}

/**
 * Collects the keys the resolvers of one GraphQL answer ask for until the current tick ends, then
 * loads them in one query (a feed page would otherwise ask once per object).
 */
export class RequestBatch<V> {
  private readonly pending = new WeakMap<object, Batch<V>>();

  constructor(private readonly load: (request: object, keys: string[]) => Promise<Map<string, V>>) {}

  async get(request: object, key: string): Promise<V | undefined> {
    let batch = this.pending.get(request);
    if (!batch) {
      const keys = new Set<string>();
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending.delete(request);
        return this.load(request, [...keys]);
      });
      batch = { keys, result };
      this.pending.set(request, batch);
    }
    batch.keys.add(key);
    return (await batch.result).get(key);
  }
}
