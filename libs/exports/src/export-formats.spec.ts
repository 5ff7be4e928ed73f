import { coalesce, exportFileName, writeExport, writeStixBundle, writeStixBundleText } from './export-formats';

async function text(chunks: AsyncIterable<string | Buffer>): Promise<string> {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(Buffer.from(chunk));
  return Buffer.concat(all).toString();
}

async function* objects(...items: Record<string, unknown>[]): AsyncGenerator<Record<string, unknown>> {
  yield* items;
}

describe('writeStixBundle', () => {
  it('writes a bundle that parses, one object a line', async () => {
    const written = await text(writeStixBundle(objects({ id: 'a--1', note: 'line\nbreak "quoted"' }, { id: 'b--2' }), 'bundle--x'));
    expect(JSON.parse(written)).toEqual({ type: 'bundle', id: 'bundle--x', objects: [{ id: 'a--1', note: 'line\nbreak "quoted"' }, { id: 'b--2' }] });
    expect(written.split('\n')).toHaveLength(5);
  });

  it('writes an empty bundle when nothing is readable', async () => {
    expect(JSON.parse(await text(writeStixBundle(objects(), 'bundle--x')))).toEqual({ type: 'bundle', id: 'bundle--x', objects: [] });
  });
});

describe('writeExport', () => {
  it('keeps only the observable types asked for, also inside one indicator', async () => {
    const indicator = { type: 'indicator', id: 'indicator--1', pattern_type: 'stix', pattern: "[ipv4-addr:value = '203.0.113.1'] OR [domain-name:value = 'evil.example']" };
    expect(await text(writeExport('text', objects(indicator), { observableTypes: ['domain-name'] }))).toBe('evil.example\n');
  });
});

describe('coalesce', () => {
  it('joins small chunks into pieces of about the size asked, losing nothing', async () => {
    const pieces: string[] = [];
    for await (const piece of coalesce(['ab', 'cd', 'ef', 'g'], 4)) pieces.push(piece);
    expect(pieces).toEqual(['abcd', 'efg']);
  });
});

describe('exportFileName', () => {
  it('names the file by the format and the time the export started', () => {
    expect(exportFileName('rpz', new Date('2026-01-31T12:00:05.123Z'))).toBe('hub-export-20260131T120005Z.zone');
  });
});

describe('writeStixBundleText', () => {
  async function* batches(...items: string[][]): AsyncGenerator<string[]> {
    yield* items;
  }
  const bundleOf = (...texts: string[]) => `{"type":"bundle","id":"bundle--x","objects":[${texts.length ? `\n${texts.join(',\n')}\n` : ''}]}\n`;

  it('writes the same bundle as writeStixBundle from the objects as text, empty batches and all', async () => {
    const a = { id: 'a--1', note: 'line\nbreak "quoted"' };
    const b = { id: 'b--2' };
    const c = { id: 'c--3', x: [1, { y: null }] };
    const expected = await text(writeStixBundle(objects(a, b, c), 'bundle--x'));
    expect(expected).toBe(bundleOf(JSON.stringify(a), JSON.stringify(b), JSON.stringify(c)));
    expect(await text(writeStixBundleText(batches([], [JSON.stringify(a), JSON.stringify(b)], [], [JSON.stringify(c)]), 'bundle--x'))).toBe(expected);
    expect(await text(writeStixBundleText(batches([]), 'bundle--x'))).toBe(bundleOf());
  });

  it('writes pieces of at most 64 KB of UTF-8, characters of any width across their ends and objects larger than a piece, losing nothing', async () => {
    // Descriptions of 1, 2, 3 and 4 bytes a character, of lengths that put piece ends inside characters' reach.
    const many = Array.from({ length: 3000 }, (_, index) => JSON.stringify({ id: `indicator--${index}`, description: ['x', 'é', '€', '😀'][index % 4].repeat(90 + (index % 37)) }));
    const large = JSON.stringify({ id: 'report--1', description: 'ü'.repeat(70 * 1024) });
    const pieces: Buffer[] = [];
    for await (const piece of writeStixBundleText(batches(many.slice(0, 1200), [large], many.slice(1200)), 'bundle--x')) pieces.push(piece);
    expect(Buffer.concat(pieces).toString()).toBe(bundleOf(...many.slice(0, 1200), large, ...many.slice(1200)));
    expect(pieces.length).toBeGreaterThan(10);
    // Only the large object's piece is larger than 64 KB, and it holds nothing else.
    const oversized = pieces.filter((piece) => piece.length > 64 * 1024);
    expect(oversized.map((piece) => piece.toString())).toEqual([`,\n${large}`]);
  });
});
