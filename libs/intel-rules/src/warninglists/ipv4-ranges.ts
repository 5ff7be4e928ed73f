// Every IPv4 block of every list cut into elementary ranges, sorted: checking an address is one binary
// search over a typed array, whatever the number of blocks and prefix lengths. CIDR blocks are either
// nested or disjoint, so each range keeps, per list, only the widest block covering it: a narrower
// block of the same list is inside it and can never contain a value the widest one does not.

export interface Ipv4Span<T> {
  item: T;
  list: number;
  /** First and last address of the block, unsigned. */
  start: number;
  end: number;
}

export class Ipv4Ranges<T> {
  /** Sorted first addresses of the elementary ranges; range i runs up to starts[i + 1] - 1. */
  private readonly starts: Float64Array;
  /** Per range: the widest block of each list covering it, in list order (undefined: none). */
  private readonly covering: (readonly Ipv4Span<T>[] | undefined)[] = [];

  constructor(spans: readonly Ipv4Span<T>[]) {
    const bySize = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const points = [...new Set(bySize.flatMap((span) => [span.start, span.end + 1]))].sort((a, b) => a - b);
    const starts: number[] = [];
    let active: Ipv4Span<T>[] = [];
    let next = 0;
    for (const point of points) {
      active = active.filter((span) => span.end >= point);
      while (next < bySize.length && (bySize[next] as Ipv4Span<T>).start === point) active.push(bySize[next++] as Ipv4Span<T>);
      starts.push(point);
      this.covering.push(active.length === 0 ? undefined : widestPerList(active));
    }
    this.starts = Float64Array.from(starts);
  }

  /**
   * The blocks (widest per list) that contain the block [first, last]: an address when first = last.
   * A block contains it when it covers `first` and reaches `last`.
   */
  containing(first: number, last: number): readonly Ipv4Span<T>[] | undefined {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    if (high < 0 || first < (starts[0] as number)) return undefined;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= first) low = middle;
      else high = middle - 1;
    }
    const covering = this.covering[low];
    if (!covering || last === first) return covering;
    return covering.filter((span) => span.end >= last);
  }
}

function widestPerList<T>(active: readonly Ipv4Span<T>[]): Ipv4Span<T>[] {
  const widest = new Map<number, Ipv4Span<T>>();
  for (const span of active) {
    const current = widest.get(span.list);
    if (!current || span.end - span.start > current.end - current.start) widest.set(span.list, span);
  }
  return [...widest.values()].sort((a, b) => a.list - b.list);
}
