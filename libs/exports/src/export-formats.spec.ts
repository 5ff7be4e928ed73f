import { coalesce, exportFileName, writeExport, writeStixBundle, writeStixBundleText } from './export-formats';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
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

  it('writes the same bundle as writeStixBundle from the objects as text, empty batches and all', async () => {
    const a = { id: 'a--1', note: 'line\nbreak "quoted"' };
    const b = { id: 'b--2' };
    const c = { id: 'c--3', x: [1, { y: null }] };
    const expected = await text(writeStixBundle(objects(a, b, c), 'bundle--x'));
    expect(await text(writeStixBundleText(batches([], [JSON.stringify(a), JSON.stringify(b)], [], [JSON.stringify(c)]), 'bundle--x'))).toBe(expected);
    expect(await text(writeStixBundleText(batches([]), 'bundle--x'))).toBe(await text(writeStixBundle(objects(), 'bundle--x')));
  });

  it('writes a large batch in pieces of about 64 KB (young garbage once written), losing nothing', async () => {
    const many = Array.from({ length: 3000 }, (_, index) => ({ id: `indicator--${index}`, description: 'x'.repeat(100) }));
    const pieces: string[] = [];
    for await (const piece of writeStixBundleText(batches(many.slice(0, 2500).map((object) => JSON.stringify(object)), many.slice(2500).map((object) => JSON.stringify(object))), 'bundle--x')) pieces.push(piece);
    expect(pieces.join('')).toBe(await text(writeStixBundle(objects(...many), 'bundle--x')));
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.length).toBeLessThan(64 * 1024 + 200);
  });
});
