import { Ipv4Ranges, type Ipv4Span } from './ipv4-ranges';

function block(list: number, address: number, prefix: number): Ipv4Span<string> {
  const size = 2 ** (32 - prefix);
  const start = Math.floor(address / size) * size;
  return { item: `${list}:${start}/${prefix}`, list, start, end: start + size - 1 };
}

/** The widest block per list containing [first, last], by a plain scan. */
function naive(spans: readonly Ipv4Span<string>[], first: number, last: number): string[] {
  const widest = new Map<number, Ipv4Span<string>>();
  for (const span of spans) {
    if (span.start > first || span.end < last) continue;
    const current = widest.get(span.list);
    if (!current || span.end - span.start > current.end - current.start) widest.set(span.list, span);
  }
  return [...widest.values()].sort((a, b) => a.list - b.list).map((span) => span.item);
}

describe('Ipv4Ranges', () => {
  it('finds the same blocks as a plain scan, for addresses and blocks, over nested and adjacent blocks', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // A small address space (the top 16 bits fixed) so blocks nest, touch and overlap across lists.
    const base = 0xc0a80000;
    const spans = Array.from({ length: 300 }, () => block(Math.floor(next() * 5), base + Math.floor(next() * 65536), 16 + Math.floor(next() * 17)));
    const ranges = new Ipv4Ranges(spans);
    for (let i = 0; i < 3000; i++) {
      const prefix = i % 3 === 0 ? 24 + Math.floor(next() * 9) : 32;
      const value = block(0, base - 512 + Math.floor(next() * 66560), prefix);
      const found = (ranges.containing(value.start, value.end) ?? []).map((span) => span.item);
      expect(found).toEqual(naive(spans, value.start, value.end));
    }
  });

  it('handles the ends of the address space and an empty set', () => {
    const ranges = new Ipv4Ranges([block(0, 0, 8), block(1, 0xffffffff, 4), block(2, 0, 0)]);
    expect(ranges.containing(0, 0)?.map((span) => span.item)).toEqual(['0:0/8', '2:0/0']);
    expect(ranges.containing(0xffffffff, 0xffffffff)?.map((span) => span.item)).toEqual(['1:4026531840/4', '2:0/0']);
    expect(ranges.containing(0, 0xffffffff)?.map((span) => span.item)).toEqual(['2:0/0']);
    expect(new Ipv4Ranges([]).containing(5, 5)).toBeUndefined();
  });
});
