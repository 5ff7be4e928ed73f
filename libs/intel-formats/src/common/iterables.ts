// Streaming helpers: every converter takes an Iterable or an AsyncIterable so that callers can feed it a
// file stream, a database cursor or a plain array alike.

export type AnyIterable<T> = Iterable<T> | AsyncIterable<T>;

/** Collects a stream into an array (tests and small inputs only: it holds everything in memory). */
export async function collect<T>(items: AnyIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Groups a stream into arrays of at most `size` items, e.g. to store rows one transaction at a time. */
export async function* batches<T>(items: AnyIterable<T>, size: number): AsyncGenerator<T[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Joins text chunks into one string (tests and small outputs only). */
export async function joinText(chunks: AnyIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
