import { bundleObjects } from './stix-objects-stream';

async function all(text: string, size: number) {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out = [];
  for await (const item of bundleObjects(chunks())) out.push(item);
  return out;
}

describe('bundleObjects', () => {
  const bundle = JSON.stringify({ type: 'bundle', id: 'bundle--1', note: { objects: [1] }, objects: [{ id: 'a', s: 'x"}]{[' }, 7, { id: 'b', nested: { objects: [{}] } }], spec_version: '2.0' });

  it.each([1, 3, 7, 1000])('yields the objects of the top-level array whatever the chunk size (%i)', async (size) => {
    expect(await all(bundle, size)).toEqual([
      { ok: true, object: { id: 'a', s: 'x"}]{[' } },
      { ok: false, message: 'is not an object' },
      { ok: true, object: { id: 'b', nested: { objects: [{}] } } },
    ]);
  });

  it('refuses what is not a bundle, and a bundle cut short', async () => {
    await expect(all('[1,2]', 10)).rejects.toThrow(/not a STIX bundle/);
    await expect(all('', 10)).rejects.toThrow(/not a STIX bundle/);
    await expect(all('{"objects":[{"id":"a"},{"id"', 10)).rejects.toThrow(/ends inside/);
  });

  it('refuses an object of another type before yielding anything, whatever the chunk size', async () => {
    const seen: unknown[] = [];
    async function* chunks() {
      yield '{"type":"indicator","id":"indicator--1",';
      yield '"objects":[{"id":"a"}]}';
    }
    await expect(
      (async () => {
        for await (const item of bundleObjects(chunks())) seen.push(item);
      })(),
    ).rejects.toThrow('The file is a STIX indicator, not a bundle');
    expect(seen).toEqual([]);
  });

  it.each([
    ['objects that is not an array', '{"type":"bundle","objects":{}}', /"objects" is not an array/],
    ['objects that is a string', '{"type":"bundle","objects":"x"}', /"objects" is not an array/],
    ['no type', '{"id":"bundle--1","objects":[]}', /has no "type": "bundle"/],
    ['text after the bundle', '{"type":"bundle","objects":[]} {"type":"bundle"}', /goes on after the end of the bundle/],
    ['a type written with an escape that is not bundle', '{"type":"bundle\\\\","objects":[]}', /is a STIX bundle\\, not a bundle/],
  ])('refuses %s, whatever the chunk size', async (_case, text, message) => {
    for (const size of [1, 3, 7, 1000]) await expect(all(text, size)).rejects.toThrow(message);
  });

  it('reads top-level names and the type as JSON does, escapes included', async () => {
    for (const size of [1, 3, 7, 1000]) {
      expect(await all('{"type":"bun\\u0064le","objects":[{"id":"a"}]}', size)).toEqual([{ ok: true, object: { id: 'a' } }]);
      // "objects\n" is another name: its array is not the bundle's objects.
      expect(await all('{"type":"bundle","objects":[],"objects\\n":[{"id":"smuggled"}]}', size)).toEqual([]);
      expect(await all('{"type":"bundle","ob\\u006aects":[{"id":"b"}]}', size)).toEqual([{ ok: true, object: { id: 'b' } }]);
    }
  });

  it('takes a bundle whose type comes after its objects, an empty bundle and trailing blank lines', async () => {
    expect(await all('{"objects":[{"id":"a"}],"type":"bundle"}\n\n', 4)).toEqual([{ ok: true, object: { id: 'a' } }]);
    expect(await all('{"type":"bundle","id":"bundle--1"}', 4)).toEqual([]);
  });
});
