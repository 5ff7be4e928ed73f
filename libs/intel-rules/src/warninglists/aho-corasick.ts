// Aho–Corasick automaton: every pattern contained in a text, in one pass over the text, whatever the
// number of patterns. Substring warninglists use it so that checking a value costs its length, not
// its length times the number of entries.

export class AhoCorasick {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];

  constructor(patterns: readonly string[]) {
    patterns.forEach((pattern, id) => this.add(pattern, id));
    this.link();
  }

  /** Ids of the patterns found in `text` (each once, in no particular order). */
  search(text: string): number[] {
    let state = 0;
    let found: number[] | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state]?.get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state] as number;
        to = this.next[state]?.get(c);
      }
      state = to ?? 0;
      const out = this.output[state] as number[];
      if (out.length > 0) (found ??= []).push(...out);
    }
    return found ? [...new Set(found)] : [];
  }

  private add(pattern: string, id: number): void {
    if (pattern.length === 0) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      const edges = this.next[state] as Map<number, number>;
      let to = edges.get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.output.push([]);
        edges.set(c, to);
      }
      state = to;
    }
    (this.output[state] as number[]).push(id);
  }

  /** Breadth-first: a state's failure link is the longest proper suffix of its path that is a prefix. */
  private link(): void {
    const queue: number[] = [...(this.next[0] as Map<number, number>).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [c, to] of this.next[state] as Map<number, number>) {
        let f = this.fail[state] as number;
        while (f !== 0 && !(this.next[f] as Map<number, number>).has(c)) f = this.fail[f] as number;
        const target = (this.next[f] as Map<number, number>).get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.output[to] = [...(this.output[to] as number[]), ...(this.output[this.fail[to] as number] as number[])];
        queue.push(to);
      }
    }
  }
}
