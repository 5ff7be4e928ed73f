/** One stored answer: the bytes sent, and what serving them again must repeat. */
export interface StoredAnswer<Extra> {
  /** The read-model version the answer was built under. */
  version: string;
  body: Buffer;
  contentType: string;
  etag?: string;
  extra: Extra;
  /** What keeping it costs: the body and everything else held for it (key, headers, extra). */
  bytes: number;
}

/**
 * Answers by key, least recently used first out, within a budget of bytes. Knows nothing of who
 * may read what: the key must already say everything the answer depends on.
 */
export class AnswerStore<Extra> {
  private readonly answers = new Map<string, StoredAnswer<Extra>>();
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    /** Bigger answers are not kept: one would push out many small ones. */
    private readonly maxAnswerBytes = Math.floor(maxBytes / 16),
  ) {}

  get size(): number {
    return this.answers.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  /** The answer for this key if it was built under `version`; an answer built under another version is dropped. */
  get(key: string, version: string): StoredAnswer<Extra> | undefined {
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    this.remove(key, answer);
    if (answer.version !== version) return undefined;
    this.answers.set(key, answer);
    this.bytes += answer.bytes;
    return answer;
  }

  set(key: string, answer: StoredAnswer<Extra>): void {
    const previous = this.answers.get(key);
    if (previous) this.remove(key, previous);
    if (answer.bytes > this.maxAnswerBytes) return;
    this.answers.set(key, answer);
    this.bytes += answer.bytes;
    for (const [oldestKey, oldest] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldestKey, oldest);
    }
  }

  private remove(key: string, answer: StoredAnswer<Extra>): void {
    this.answers.delete(key);
    this.bytes -= answer.bytes;
  }
}
